/*
id: file-hashes
title:
  en: Hashes of the file named in the alert
  zh-CN: 告警中文件的哈希值
description:
  en: MD5, SHA-1 and SHA-256 of the alert's file, for threat-intelligence look-ups and for the evidence record.
  zh-CN: 告警中文件的 MD5、SHA-1 与 SHA-256,用于威胁情报查询和证据记录。
fields: [file.path]
tables: [hash]
flags:
  - when: "sha256 = ''"
    severity: low
    reason:
      en: No hash was computed (not a regular file, or larger than 50 MiB); collect the file itself.
      zh-CN: 未能计算哈希(不是普通文件,或大于 50 MiB);请直接收集该文件。
  - when: "sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'"
    severity: low
    reason:
      en: The file is empty now; it may have been truncated after use.
      zh-CN: 该文件现在为空,可能在使用后被清空。
*/
SELECT path, md5, sha1, sha256
FROM hash
WHERE path = <<file.path>>;
