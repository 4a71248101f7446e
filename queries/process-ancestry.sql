/*
id: process-ancestry
title:
  en: The alert's process and its ancestors
  zh-CN: 告警进程及其祖先进程链
description:
  en: Walks from the alert's process up through its parents (depth 0 is the process itself). Unlike a plain join it keeps processes whose uid has no passwd entry. No rows means the process has already exited.
  zh-CN: 从告警进程开始逐级向上追溯父进程(深度 0 即进程本身)。与普通连接不同,uid 在 passwd 中没有条目的进程也会保留。没有结果说明该进程已经退出。
fields: [process.pid]
tables: [processes, users]
flags:
  - when: "CAST(on_disk AS INTEGER) = 0"
    severity: high
    reason:
      en: The executable was deleted after the process started; malware often removes itself to hinder collection.
      zh-CN: 进程启动后其可执行文件已被删除;恶意程序常以此妨碍取证。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%' OR path LIKE '/run/user/%'"
    severity: high
    reason:
      en: Runs from a temporary or world-writable location (/tmp, /var/tmp, /dev/shm, /run/user), where legitimate software is rarely installed.
      zh-CN: 从临时或全局可写位置(/tmp、/var/tmp、/dev/shm、/run/user)运行,正规软件很少安装在这些位置。
  - when: "CAST(euid AS INTEGER) = 0 AND CAST(uid AS INTEGER) != 0"
    severity: high
    reason:
      en: Effective root from an unprivileged real uid; expected for sudo/su, suspicious for anything else.
      zh-CN: 真实 uid 为普通用户但有效 uid 为 root;sudo/su 属正常,其他程序则可疑。
  - when: "name LIKE 'kworker%' AND path != ''"
    severity: critical
    reason:
      en: Named like a kernel worker but backed by an executable on disk; real kworkers are kernel threads without one.
      zh-CN: 名字像内核工作线程却有磁盘上的可执行文件;真正的 kworker 是内核线程,没有可执行文件。
  - when: "owner = ''"
    severity: medium
    reason:
      en: The process runs under a uid that has no account in /etc/passwd.
      zh-CN: 进程以一个在 /etc/passwd 中没有账户的 uid 运行。
  - when: "path LIKE '%/.%'"
    severity: medium
    reason:
      en: The executable sits in a hidden directory or is a hidden file.
      zh-CN: 可执行文件位于隐藏目录中或本身是隐藏文件。
*/
WITH RECURSIVE ancestry(depth, pid) AS (
  SELECT 0, CAST(<<process.pid>> AS INTEGER)
  UNION ALL
  SELECT a.depth + 1, p.parent
  FROM processes p
  JOIN ancestry a ON p.pid = a.pid
  WHERE a.depth < 32 AND p.parent > 0 AND p.parent != p.pid
)
SELECT
  a.depth,
  p.pid,
  p.parent,
  p.name,
  p.path,
  p.cmdline,
  p.cwd,
  p.uid,
  p.euid,
  p.gid,
  p.egid,
  COALESCE(u.username, '') AS owner,
  p.on_disk,
  datetime(p.start_time, 'unixepoch') AS started_at
FROM ancestry a
JOIN processes p ON p.pid = a.pid
LEFT JOIN users u ON u.uid = p.uid
ORDER BY a.depth;
