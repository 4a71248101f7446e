/*
id: outbound-connections
title:
  en: Established connections with the process and its executable
  zh-CN: 已建立的网络连接及其进程与可执行文件
description:
  en: TCP connections in ESTABLISHED state and connected UDP sockets to a non-loopback peer, each with the owning process. Candidates for command and control or exfiltration.
  zh-CN: 处于 ESTABLISHED 状态的 TCP 连接,以及已连接到非回环地址对端的 UDP 套接字,并附所属进程。可用于排查命令与控制通道或数据外传。
fields: []
tables: [process_open_sockets, processes]
flags:
  - when: "process_name LIKE 'kworker%'"
    severity: critical
    reason:
      en: A process named like a kernel worker holds a network connection; kernel threads hold no sockets.
      zh-CN: 一个名字像内核工作线程的进程持有网络连接,而内核线程不会持有套接字。
  - when: "process_path LIKE '/tmp/%' OR process_path LIKE '/var/tmp/%' OR process_path LIKE '/dev/shm/%' OR process_path LIKE '%/.%' OR CAST(on_disk AS INTEGER) = 0"
    severity: high
    reason:
      en: The connection belongs to a program in a temporary or hidden location, or whose executable was deleted.
      zh-CN: 该连接属于一个位于临时或隐藏位置、或可执行文件已被删除的程序。
  - when: "process_name IN ('socat', 'chisel', 'gost', 'ngrok', 'frpc', 'frps', '3proxy', 'wstunnel', 'iodine', 'ptunnel-ng', 'ssf', 'rathole', 'revsocks', 'ligolo', 'ligolo-ng', 'ew', 'sshuttle', 'hans', 'dnscat', 'dnscat2', 'autossh') OR process_name LIKE 'chisel%'"
    severity: high
    reason:
      en: A tunnelling or proxy tool holds an outbound connection.
      zh-CN: 一个隧道或代理工具持有外连连接。
  - when: "process_name IN ('bash', 'sh', 'dash', 'zsh', 'ksh', 'fish', 'python', 'python2', 'python3', 'perl', 'ruby', 'php', 'nc', 'ncat', 'netcat', 'busybox')"
    severity: high
    reason:
      en: A shell or script interpreter holds a network connection itself, the shape of a reverse shell.
      zh-CN: shell 或脚本解释器自身持有网络连接,这是反弹 shell 的典型特征。
*/
SELECT
  s.pid,
  p.name AS process_name,
  p.path AS process_path,
  p.cmdline,
  p.uid,
  p.on_disk,
  s.protocol,
  s.local_address,
  s.local_port,
  s.remote_address,
  s.remote_port,
  s.state
FROM process_open_sockets s
LEFT JOIN processes p ON p.pid = s.pid
WHERE s.family IN (2, 10)
  AND s.remote_port != 0
  AND (s.state = 'ESTABLISHED' OR s.protocol = 17)
  AND s.remote_address NOT IN ('127.0.0.1', '::1', '0.0.0.0', '::')
  AND s.remote_address NOT LIKE '127.%'
  AND s.remote_address NOT LIKE '::ffff:127.%'
ORDER BY s.pid;
