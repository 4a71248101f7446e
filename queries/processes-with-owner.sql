/*
id: processes-with-owner
title:
  en: Running processes with their owners
  zh-CN: 运行中的进程及其所属用户
description:
  en: All processes with the account that owns them. A LEFT JOIN keeps processes whose uid has no passwd entry, which a plain join would silently drop.
  zh-CN: 列出所有进程及其所属账户。使用 LEFT JOIN 保留 uid 没有 passwd 条目的进程——普通 JOIN 会悄悄丢掉它们。
fields: []
tables: [processes, users]
flags:
  - when: "owner = ''"
    severity: medium
    reason:
      en: The process runs under a uid that has no account in /etc/passwd.
      zh-CN: 进程以一个在 /etc/passwd 中没有账户的 uid 运行。
  - when: "CAST(on_disk AS INTEGER) = 0"
    severity: high
    reason:
      en: The executable was deleted after the process started.
      zh-CN: 进程启动后其可执行文件已被删除。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%' OR path LIKE '/run/user/%'"
    severity: high
    reason:
      en: Runs from a temporary or world-writable location (/tmp, /var/tmp, /dev/shm, /run/user).
      zh-CN: 从临时或全局可写位置(/tmp、/var/tmp、/dev/shm、/run/user)运行。
*/
SELECT
  p.pid,
  p.parent,
  p.name,
  p.path,
  p.cmdline,
  p.uid,
  p.euid,
  COALESCE(u.username, '') AS owner,
  p.on_disk,
  datetime(p.start_time, 'unixepoch') AS started_at
FROM processes p
LEFT JOIN users u ON u.uid = p.uid
ORDER BY owner, p.pid;
