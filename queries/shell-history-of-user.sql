/*
id: shell-history-of-user
title:
  en: Shell history of the alert's user
  zh-CN: 告警用户的 shell 历史记录
description:
  en: Commands in the user's bash, zsh and sh history files, newest first where the shell records times.
  zh-CN: 该用户 bash、zsh、sh 历史文件中的命令;若 shell 记录了时间,则最新的在前。
fields: [user.name]
tables: [users, shell_history]
flags:
  - when: "command LIKE '%ld.so.preload%' OR command GLOB '*ld-linux*.so*'"
    severity: critical
    reason:
      en: The user touched the dynamic linker or its preload file.
      zh-CN: 该用户操作过动态链接器或其预加载文件。
  - when: "command LIKE '%/dev/tcp/%' OR command LIKE '%nc -e%' OR command LIKE '%ncat -e%' OR command LIKE '%mkfifo%'"
    severity: critical
    reason:
      en: A reverse shell was typed.
      zh-CN: 历史中出现了反弹 shell 命令。
  - when: "command GLOB '*setcap *cap_set[ug]id*' OR command GLOB '*chmod *[ug]+s*' OR command GLOB '*chmod [4-7][0-7][0-7][0-7] *'"
    severity: high
    reason:
      en: The user granted setuid/setgid rights or capabilities to a file.
      zh-CN: 该用户为某个文件授予了 setuid/setgid 权限或能力(capability)。
  - when: "command GLOB '*ssh *-[LRDwJ]*' OR command GLOB '*socat *' OR command GLOB '*chisel*' OR command GLOB '*sshuttle *' OR command GLOB '*ngrok *' OR command GLOB '*gost *'"
    severity: high
    reason:
      en: The user ran a tunnelling or port-forwarding command.
      zh-CN: 该用户运行过隧道或端口转发命令。
  - when: "command GLOB '*systemctl*enable*' OR command GLOB '*systemctl*daemon-reload*' OR command LIKE '%.timer%' OR command GLOB '*crontab *-*'"
    severity: medium
    reason:
      en: The user created or enabled a scheduled job or service.
      zh-CN: 该用户创建或启用了计划任务或服务。
  - when: "command LIKE '%history -c%' OR command LIKE '%unset HISTFILE%' OR command LIKE '%HISTFILE=/dev/null%' OR command LIKE '%HISTSIZE=0%'"
    severity: medium
    reason:
      en: The user tried to stop or wipe shell history; this history may be incomplete.
      zh-CN: 该用户试图停止记录或清除 shell 历史,因此这份历史可能不完整。
  - when: "(command LIKE '%curl %' OR command LIKE '%wget %') AND (command LIKE '%| sh%' OR command LIKE '%|sh%' OR command LIKE '%| bash%' OR command LIKE '%|bash%' OR command LIKE '%chmod +x%')"
    severity: high
    reason:
      en: A downloaded file was run or made executable.
      zh-CN: 下载的文件被直接执行或被赋予了可执行权限。
*/
SELECT
  u.username,
  sh.time,
  CASE WHEN sh.time > 0 THEN datetime(sh.time, 'unixepoch') ELSE '' END AS ran_at,
  sh.command,
  sh.history_file
FROM users u
JOIN shell_history sh ON sh.uid = u.uid
WHERE u.username = <<user.name>>
ORDER BY sh.time DESC;
