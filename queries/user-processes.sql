/*
id: user-processes
title:
  en: Processes of the alert's user
  zh-CN: 告警用户的进程
description:
  en: Processes whose real or effective uid belongs to the user named in the alert.
  zh-CN: 真实 uid 或有效 uid 属于告警中用户的所有进程。
fields: [user.name]
tables: [processes, users]
flags:
  - when: "CAST(on_disk AS INTEGER) = 0"
    severity: high
    reason:
      en: The executable was deleted after the process started.
      zh-CN: 进程启动后其可执行文件已被删除。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%' OR path LIKE '/run/user/%'"
    severity: high
    reason:
      en: Runs from a temporary or world-writable location (/tmp, /var/tmp, /dev/shm, /run/user), where legitimate software is rarely installed.
      zh-CN: 从临时或全局可写位置(/tmp、/var/tmp、/dev/shm、/run/user)运行,正规软件很少安装在这些位置。
  - when: "CAST(euid AS INTEGER) = 0 AND CAST(uid AS INTEGER) != 0"
    severity: high
    reason:
      en: The user's process holds effective root.
      zh-CN: 该用户的进程持有 root 有效身份。
  - when: "path LIKE '%/.%'"
    severity: medium
    reason:
      en: The executable sits in a hidden directory or is a hidden file.
      zh-CN: 可执行文件位于隐藏目录中或本身是隐藏文件。
*/
SELECT
  p.pid,
  p.parent,
  p.name,
  p.path,
  p.cmdline,
  p.cwd,
  p.uid,
  p.euid,
  p.on_disk,
  datetime(p.start_time, 'unixepoch') AS started_at
FROM processes p
JOIN users u ON u.uid = p.uid OR u.uid = p.euid
WHERE u.username = <<user.name>>
ORDER BY p.start_time;
