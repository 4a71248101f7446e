/*
id: executables-in-temp-dirs
title:
  en: Executables and libraries in temporary directories
  zh-CN: 临时目录中的可执行文件与库
description:
  en: Regular files directly in /tmp, /var/tmp and /dev/shm (hidden ones included) that are executable or look like shared objects. Dropped tools and payloads often land here.
  zh-CN: 直接位于 /tmp、/var/tmp 与 /dev/shm 下(包括隐藏文件)且可执行或看似共享库的普通文件。投放的工具与载荷常落在这些位置。
fields: []
tables: [file, users]
flags:
  - when: "substr(mode, 2, 1) IN ('1', '3', '5', '7') OR substr(mode, 3, 1) IN ('1', '3', '5', '7') OR substr(mode, 4, 1) IN ('1', '3', '5', '7')"
    severity: high
    reason:
      en: An executable file in a world-writable temporary directory.
      zh-CN: 全局可写的临时目录中存在可执行文件。
  - when: "filename LIKE '%.so' OR filename LIKE '%.so.%'"
    severity: high
    reason:
      en: A shared library in a temporary directory, ready to be preloaded or injected.
      zh-CN: 临时目录中存在共享库,随时可被预加载或注入。
  - when: "filename LIKE '.%'"
    severity: medium
    reason:
      en: A hidden file in a temporary directory.
      zh-CN: 临时目录中存在隐藏文件。
  - when: "substr(mode, 1, 1) IN ('2', '4', '6')"
    severity: critical
    reason:
      en: A setuid or setgid file in a temporary directory.
      zh-CN: 临时目录中存在设置了 setuid 或 setgid 位的文件。
*/
SELECT
  f.path,
  f.filename,
  f.mode,
  f.uid,
  COALESCE(u.username, '') AS owner,
  f.size,
  datetime(f.mtime, 'unixepoch') AS modified_at,
  datetime(f.ctime, 'unixepoch') AS changed_at
FROM file f
LEFT JOIN users u ON u.uid = f.uid
WHERE f.directory IN ('/tmp', '/var/tmp', '/dev/shm')
  AND f.type = 'regular'
  AND (
    (CAST(f.mode AS INTEGER) % 10) % 2 = 1
    OR ((CAST(f.mode AS INTEGER) / 10) % 10) % 2 = 1
    OR ((CAST(f.mode AS INTEGER) / 100) % 10) % 2 = 1
    OR f.filename LIKE '%.so'
    OR f.filename LIKE '%.so.%'
  )
ORDER BY f.ctime DESC;
