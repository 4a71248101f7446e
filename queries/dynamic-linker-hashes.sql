/*
id: dynamic-linker-hashes
title:
  en: Hashes of the dynamic linkers and the preload file
  zh-CN: 动态链接器与预加载文件的哈希值
description:
  en: SHA-256 of the loaders and of /etc/ld.so.preload, to compare against the distribution package (dpkg --verify, rpm -V) or a clean host of the same release.
  zh-CN: 加载器及 /etc/ld.so.preload 的 SHA-256,可与发行版软件包(dpkg --verify、rpm -V)或同版本的干净主机进行比对。
fields: []
tables: [hash]
flags:
  - when: "path = '/etc/ld.so.preload'"
    severity: high
    reason:
      en: The preload file exists; keep its hash and a copy as evidence.
      zh-CN: 预加载文件存在;请保存其哈希值和副本作为证据。
  - when: "sha256 = ''"
    severity: low
    reason:
      en: No hash was computed (not a regular file); hash the link target instead.
      zh-CN: 未能计算哈希(不是普通文件);请改为对链接目标计算哈希。
*/
SELECT path, md5, sha1, sha256
FROM hash
WHERE path IN ('/etc/ld.so.preload', '/etc/ld.so.conf')
   OR path LIKE '/lib/ld-%'
   OR path LIKE '/lib64/ld-%'
   OR path LIKE '/usr/lib/ld-%'
   OR path LIKE '/usr/lib64/ld-%'
   OR path LIKE '/lib/x86_64-linux-gnu/ld-%'
   OR path LIKE '/usr/lib/x86_64-linux-gnu/ld-%'
   OR path LIKE '/lib/i386-linux-gnu/ld-%'
   OR path LIKE '/usr/lib/i386-linux-gnu/ld-%'
   OR path LIKE '/lib/aarch64-linux-gnu/ld-%'
   OR path LIKE '/usr/lib/aarch64-linux-gnu/ld-%';
