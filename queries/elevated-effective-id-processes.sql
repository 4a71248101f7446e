/*
id: elevated-effective-id-processes
title:
  en: Processes running with more rights than their user
  zh-CN: 以高于其用户的权限运行的进程
description:
  en: Processes whose effective uid or gid is root while the real one is not. This is how a binary with setuid or cap_setuid looks after it has raised itself.
  zh-CN: 有效 uid 或 gid 为 root、而真实 uid 或 gid 不是 root 的进程。带 setuid 或 cap_setuid 的程序提权之后就是这个样子。
fields: []
tables: [processes, users]
flags:
  - when: "name NOT IN ('sudo', 'su', 'passwd', 'pkexec', 'newgrp', 'chsh', 'chfn', 'gpasswd', 'mount', 'umount', 'fusermount', 'fusermount3', 'ping', 'Xorg', 'Xorg.wrap', 'polkit-agent-helper-1', 'unix_chkpwd', 'ssh-keysign', 'dbus-daemon-launch-helper', 'crontab', 'at', 'sg', 'doas')"
    severity: high
    reason:
      en: Holds effective root but is not one of the usual setuid helpers.
      zh-CN: 持有 root 有效身份,但不属于常见的 setuid 辅助程序。
  - when: "name GLOB 'python*' OR name GLOB 'perl*' OR name IN ('ruby', 'php', 'node', 'bash', 'sh', 'dash', 'zsh', 'ksh', 'busybox', 'gdb', 'vim', 'vi', 'find', 'env')"
    severity: critical
    reason:
      en: A shell or interpreter runs with effective root for an unprivileged user, the result of a setuid or cap_setuid escalation.
      zh-CN: shell 或解释器为普通用户以 root 有效身份运行,这正是 setuid 或 cap_setuid 提权的结果。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%' OR path LIKE '/home/%' OR CAST(on_disk AS INTEGER) = 0"
    severity: critical
    reason:
      en: The elevated program lives in a temporary or home directory, or was deleted after it started.
      zh-CN: 该提权程序位于临时目录或用户主目录,或在启动后被删除。
*/
SELECT
  p.pid,
  p.parent,
  p.name,
  p.path,
  p.cmdline,
  p.uid,
  COALESCE(u.username, '') AS real_user,
  p.euid,
  p.gid,
  p.egid,
  p.on_disk,
  datetime(p.start_time, 'unixepoch') AS started_at
FROM processes p
LEFT JOIN users u ON u.uid = p.uid
WHERE (p.euid = 0 AND p.uid != 0) OR (p.egid = 0 AND p.gid != 0)
ORDER BY p.start_time;
