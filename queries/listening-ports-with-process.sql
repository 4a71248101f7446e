/*
id: listening-ports-with-process
title:
  en: Listening network ports and the processes behind them
  zh-CN: 监听中的网络端口及其背后的进程
description:
  en: TCP and UDP sockets waiting for peers (IPv4 and IPv6), with the owning process's name, executable and command line.
  zh-CN: 等待对端连接的 TCP 与 UDP 套接字(IPv4 与 IPv6),并附上所属进程的名称、可执行文件和命令行。
fields: []
tables: [listening_ports, processes]
flags:
  - when: "process_name = 'ssh'"
    severity: high
    reason:
      en: An ssh client is listening; that is local (-L) or dynamic SOCKS (-D) port forwarding.
      zh-CN: ssh 客户端在监听端口,说明正在进行本地(-L)或动态 SOCKS(-D)端口转发。
  - when: "process_name IN ('socat', 'chisel', 'gost', 'ngrok', 'frpc', 'frps', '3proxy', 'wstunnel', 'iodined', 'ptunnel-ng', 'ssf', 'rathole', 'revsocks', 'ligolo', 'ligolo-ng', 'ew', 'pivotnacci', 'sshuttle', 'hans', 'dnscat', 'dnscat2') OR process_name LIKE 'chisel%'"
    severity: high
    reason:
      en: A tunnelling or proxy tool is accepting connections on this host.
      zh-CN: 一个隧道或代理工具正在本机上接受连接。
  - when: "process_name LIKE 'kworker%'"
    severity: critical
    reason:
      en: A process named like a kernel worker owns a listening socket; kernel threads hold no sockets.
      zh-CN: 一个名字像内核工作线程的进程持有监听套接字,而内核线程不会持有套接字。
  - when: "process_path LIKE '/tmp/%' OR process_path LIKE '/var/tmp/%' OR process_path LIKE '/dev/shm/%' OR process_path LIKE '%/.%' OR CAST(on_disk AS INTEGER) = 0"
    severity: high
    reason:
      en: The listener runs from a temporary or hidden location, or its executable has been deleted.
      zh-CN: 监听进程从临时或隐藏位置运行,或者其可执行文件已被删除。
*/
SELECT
  lp.pid,
  lp.address,
  lp.port,
  lp.protocol,
  lp.family,
  lp.fd,
  lp.socket,
  p.name AS process_name,
  p.path AS process_path,
  p.cmdline,
  p.uid,
  p.on_disk
FROM listening_ports lp
LEFT JOIN processes p ON p.pid = lp.pid
WHERE lp.family IN (2, 10)
ORDER BY lp.port;
