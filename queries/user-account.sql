/*
id: user-account
title:
  en: Account of the alert's user
  zh-CN: 告警用户的账户信息
description:
  en: The passwd entry of the user named in the alert, with its primary group.
  zh-CN: 告警中用户的 passwd 条目及其主组。
fields: [user.name]
tables: [users, groups]
flags:
  - when: "CAST(uid AS INTEGER) = 0 AND username != 'root'"
    severity: critical
    reason:
      en: A second account with uid 0 has full root rights under another name; this is a classic backdoor account.
      zh-CN: 除 root 之外另有 uid 为 0 的账户,它以另一个名字拥有完整的 root 权限,这是典型的后门账户。
  - when: "CAST(uid AS INTEGER) BETWEEN 1 AND 999 AND shell NOT LIKE '%nologin' AND shell NOT LIKE '%/false' AND shell != '' AND username NOT IN ('sync', 'shutdown', 'halt')"
    severity: medium
    reason:
      en: A system (service) account has an interactive login shell; service accounts normally cannot log in.
      zh-CN: 系统(服务)账户配置了可交互的登录 shell,而服务账户通常不应能登录。
*/
SELECT
  u.username,
  u.uid,
  u.gid,
  g.groupname AS primary_group,
  u.description,
  u.directory,
  u.shell
FROM users u
LEFT JOIN groups g ON g.gid = u.gid
WHERE u.username = <<user.name>>;
