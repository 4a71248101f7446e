/*
id: hashes-of-process-args
title:
  en: Hashes of the files named on the alert's command line
  zh-CN: 告警命令行中文件的哈希值
description:
  en: MD5, SHA-1 and SHA-256 of every command-line argument that is an existing regular file (one run per argument).
  zh-CN: 对命令行中每个确实存在的普通文件参数计算 MD5、SHA-1 与 SHA-256(每个参数执行一次)。
fields: [process.args]
tables: [hash]
flags:
  - when: "sha256 = ''"
    severity: low
    reason:
      en: No hash was computed (not a regular file, or larger than 50 MiB); collect the file itself.
      zh-CN: 未能计算哈希(不是普通文件,或大于 50 MiB);请直接收集该文件。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%'"
    severity: medium
    reason:
      en: A file in a temporary directory; look its hash up before it disappears.
      zh-CN: 这是临时目录中的文件;请在它消失之前查询其哈希。
*/
SELECT path, md5, sha1, sha256
FROM hash
WHERE path = <<process.args>>;
