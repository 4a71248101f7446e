/*
id: open-files-of-process
title:
  en: Files the alert's process holds open
  zh-CN: 告警进程当前打开的文件
description:
  en: Every file descriptor of the alert's process that points to a file, including deleted files it still keeps alive.
  zh-CN: 告警进程中指向文件的每个文件描述符,包括它仍保持打开的已删除文件。
fields: [process.pid]
tables: [process_open_files]
flags:
  - when: "path LIKE '% (deleted)'"
    severity: high
    reason:
      en: The process keeps a deleted file open; it can still be copied out through /proc/<pid>/fd before the process ends.
      zh-CN: 该进程保持着一个已删除文件的打开状态;在进程结束前仍可通过 /proc/<pid>/fd 将其复制出来。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%'"
    severity: medium
    reason:
      en: An open file in a temporary directory.
      zh-CN: 打开的文件位于临时目录。
  - when: "path LIKE '/etc/ld.so.preload%' OR path LIKE '/etc/shadow%' OR path LIKE '/etc/sudoers%' OR path LIKE '%/authorized_keys%'"
    severity: high
    reason:
      en: The process has a sensitive system file open.
      zh-CN: 该进程打开了敏感的系统文件。
*/
SELECT pid, fd, path
FROM process_open_files
WHERE pid = CAST(<<process.pid>> AS INTEGER)
ORDER BY fd;
