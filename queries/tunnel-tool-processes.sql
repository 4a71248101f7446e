/*
id: tunnel-tool-processes
title:
  en: Running tunnelling and port-forwarding tools
  zh-CN: 正在运行的隧道与端口转发工具
description:
  en: Processes of ssh, socat, sshuttle and dedicated tunnel or proxy tools, with the command line that shows what they forward.
  zh-CN: ssh、socat、sshuttle 以及各类专用隧道或代理工具的进程,并给出能说明转发内容的命令行。
fields: []
tables: [processes, users]
flags:
  - when: "name = 'ssh' AND (cmdline GLOB '* -[LRDwJ]*' OR cmdline GLOB '* -[46AaCfGgKkMNnqsTtVvXxYy][LRDwJ]*' OR cmdline GLOB '* -[46AaCfGgKkMNnqsTtVvXxYy][46AaCfGgKkMNnqsTtVvXxYy][LRDwJ]*' OR cmdline GLOB '* -[46AaCfGgKkMNnqsTtVvXxYy][46AaCfGgKkMNnqsTtVvXxYy][46AaCfGgKkMNnqsTtVvXxYy][LRDwJ]*')"
    severity: high
    reason:
      en: ssh started with port forwarding (-L local, -R remote, -D SOCKS proxy, -w tun device) or a jump host (-J).
      zh-CN: ssh 以端口转发参数启动(-L 本地、-R 远程、-D SOCKS 代理、-w tun 设备)或使用了跳板机(-J)。
  - when: "name = 'socat' AND (cmdline LIKE '%LISTEN%' OR cmdline LIKE '%SOCKS%' OR cmdline LIKE '%EXEC:%' OR cmdline LIKE '%SYSTEM:%')"
    severity: high
    reason:
      en: socat listens, proxies through SOCKS, or hands a socket to a command (a relay or a shell).
      zh-CN: socat 正在监听、通过 SOCKS 代理,或把套接字交给某个命令(中继或 shell)。
  - when: "name NOT IN ('ssh', 'socat', 'autossh', 'stunnel', 'stunnel4')"
    severity: high
    reason:
      en: A dedicated tunnelling or proxy tool is running; these rarely have a business reason on a server.
      zh-CN: 一个专用隧道或代理工具正在运行;在服务器上这类工具很少有正当业务理由。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%' OR path LIKE '%/.%' OR CAST(on_disk AS INTEGER) = 0"
    severity: high
    reason:
      en: The tool runs from a temporary or hidden location, or its executable has been deleted.
      zh-CN: 该工具从临时或隐藏位置运行,或者其可执行文件已被删除。
*/
SELECT
  p.pid,
  p.parent,
  p.name,
  p.path,
  p.cmdline,
  p.cwd,
  p.uid,
  COALESCE(u.username, '') AS owner,
  p.on_disk,
  datetime(p.start_time, 'unixepoch') AS started_at
FROM processes p
LEFT JOIN users u ON u.uid = p.uid
WHERE p.name IN (
    'ssh', 'autossh', 'sshuttle', 'socat', 'stunnel', 'stunnel4', 'gost', 'pivotnacci', 'iodine', 'iodined',
    'dnscat', 'dnscat2', 'hans', 'hans-ubuntu', 'ptunnel-ng', 'ssf', '3proxy', 'ngrok', 'wstunnel', 'frpc', 'frps',
    'rathole', 'revsocks', 'ligolo', 'ligolo-ng', 'ew', 'proxychains', 'proxychains4'
  )
  OR p.name LIKE 'chisel%'
ORDER BY p.start_time;
