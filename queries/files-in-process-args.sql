/*
id: files-in-process-args
title:
  en: Files named on the alert's command line
  zh-CN: 告警命令行中出现的文件
description:
  en: Runs once per argument of the alert's process and returns those that are existing paths, such as the target of setcap or the source and destination of cp.
  zh-CN: 对告警进程的每个参数各执行一次,返回其中确实存在的路径,例如 setcap 的目标文件、cp 的源与目标。
fields: [process.args]
tables: [file, users]
flags:
  - when: "substr(mode, 1, 1) IN ('2', '4', '6')"
    severity: high
    reason:
      en: The file has the setuid or setgid bit set.
      zh-CN: 该文件设置了 setuid 或 setgid 位。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%' OR path LIKE '%/.%'"
    severity: high
    reason:
      en: The command worked on a file in a temporary or hidden location.
      zh-CN: 该命令操作了位于临时或隐藏位置的文件。
  - when: "filename IN ('python', 'python2', 'python3', 'perl', 'ruby', 'php', 'node', 'bash', 'sh', 'dash', 'zsh', 'vim', 'vi', 'find', 'env', 'gdb', 'tar', 'awk', 'busybox') OR filename GLOB 'python[23].[0-9]*' OR filename GLOB 'perl5*'"
    severity: high
    reason:
      en: The file is an interpreter or a tool that can spawn a shell; with setuid or capabilities it gives root to anyone who runs it.
      zh-CN: 该文件是解释器或可派生 shell 的工具;一旦带上 setuid 或 capability,任何运行它的人都能获得 root。
  - when: "owner != 'root' AND (path LIKE '/usr/%' OR path LIKE '/bin/%' OR path LIKE '/sbin/%' OR path LIKE '/lib%' OR path LIKE '/etc/%')"
    severity: medium
    reason:
      en: A file in a system directory is not owned by root.
      zh-CN: 系统目录中的文件属主不是 root。
*/
SELECT
  f.path,
  f.filename,
  f.type,
  f.mode,
  f.uid,
  COALESCE(u.username, '') AS owner,
  f.size,
  f.symlink,
  f.symlink_target_path,
  datetime(f.mtime, 'unixepoch') AS modified_at,
  datetime(f.ctime, 'unixepoch') AS changed_at
FROM file f
LEFT JOIN users u ON u.uid = f.uid
WHERE f.path = <<process.args>>;
