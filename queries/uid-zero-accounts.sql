/*
id: uid-zero-accounts
title:
  en: Accounts with uid 0 or gid 0
  zh-CN: uid 或 gid 为 0 的账户
description:
  en: Every account that is root by uid, or in root's group by primary gid.
  zh-CN: 列出所有 uid 为 0(即 root 身份)或主组 gid 为 0 的账户。
fields: []
tables: [users]
flags:
  - when: "CAST(uid AS INTEGER) = 0 AND username != 'root'"
    severity: critical
    reason:
      en: An account other than root has uid 0 and therefore full root rights.
      zh-CN: root 以外的账户拥有 uid 0,因而拥有完整的 root 权限。
  - when: "CAST(uid AS INTEGER) != 0 AND CAST(gid AS INTEGER) = 0 AND username NOT IN ('sync', 'shutdown', 'halt', 'operator')"
    severity: medium
    reason:
      en: A non-root account has root's group as its primary group and can read and write root-group files.
      zh-CN: 非 root 账户以 root 组为主组,可以读写属于 root 组的文件。
*/
SELECT username, uid, gid, description, directory, shell
FROM users
WHERE uid = 0 OR gid = 0;
