/*
id: file-details
title:
  en: The file named in the alert
  zh-CN: 告警中提到的文件
description:
  en: Type, permissions, owner, size and timestamps of the alert's file. No row means it is gone (deleted or renamed since).
  zh-CN: 告警中文件的类型、权限、属主、大小和时间戳。没有结果说明该文件已不存在(此后被删除或改名)。
fields: [file.path]
tables: [file, users, groups]
flags:
  - when: "type = 'regular' AND (substr(mode, 2, 1) IN ('1', '3', '5', '7') OR substr(mode, 3, 1) IN ('1', '3', '5', '7') OR substr(mode, 4, 1) IN ('1', '3', '5', '7'))"
    severity: medium
    reason:
      en: The file is executable.
      zh-CN: 该文件具有可执行权限。
  - when: "substr(mode, 1, 1) IN ('2', '4', '6')"
    severity: high
    reason:
      en: The setuid or setgid bit is set; the file runs with its owner's or group's rights.
      zh-CN: 设置了 setuid 或 setgid 位;该文件会以其属主或属组的权限运行。
  - when: "substr(mode, 4, 1) IN ('2', '3', '6', '7') AND symlink = '0'"
    severity: medium
    reason:
      en: Anyone on the host can modify the file.
      zh-CN: 主机上的任何人都可以修改该文件。
  - when: "owner = ''"
    severity: medium
    reason:
      en: The owning uid has no account in /etc/passwd (often a file unpacked from an archive built elsewhere).
      zh-CN: 文件属主 uid 在 /etc/passwd 中没有对应账户(常见于在别处打包后解压出来的文件)。
  - when: "path LIKE '/tmp/%' OR path LIKE '/var/tmp/%' OR path LIKE '/dev/shm/%' OR path LIKE '%/.%'"
    severity: medium
    reason:
      en: The file sits in a temporary or hidden location.
      zh-CN: 该文件位于临时或隐藏位置。
*/
SELECT
  f.path,
  f.type,
  f.mode,
  f.uid,
  f.gid,
  COALESCE(u.username, '') AS owner,
  COALESCE(g.groupname, '') AS group_owner,
  f.size,
  f.inode,
  f.hard_links,
  f.symlink,
  f.symlink_target_path,
  datetime(f.mtime, 'unixepoch') AS modified_at,
  datetime(f.ctime, 'unixepoch') AS changed_at,
  datetime(f.atime, 'unixepoch') AS accessed_at
FROM file f
LEFT JOIN users u ON u.uid = f.uid
LEFT JOIN groups g ON g.gid = f.gid
WHERE f.path = <<file.path>>;
