/*
id: authorized-keys
title:
  en: SSH authorized keys of every account
  zh-CN: 所有账户的 SSH authorized_keys 公钥
description:
  en: Public keys that may log in as each account, from ~/.ssh/authorized_keys and authorized_keys2.
  zh-CN: 可以登录各账户的公钥,取自 ~/.ssh/authorized_keys 与 authorized_keys2。
fields: []
tables: [users, authorized_keys]
flags:
  - when: "CAST(uid AS INTEGER) BETWEEN 1 AND 999"
    severity: high
    reason:
      en: A system (service) account accepts SSH key logins; service accounts are not meant for interactive use.
      zh-CN: 系统(服务)账户接受 SSH 密钥登录,而服务账户不应被交互使用。
  - when: "key_file LIKE '%/authorized_keys2'"
    severity: medium
    reason:
      en: The key sits in the legacy authorized_keys2 file, which administrators rarely look at.
      zh-CN: 该公钥位于管理员很少查看的旧式 authorized_keys2 文件中。
  - when: "CAST(uid AS INTEGER) = 0"
    severity: medium
    reason:
      en: This key grants a root login; confirm that its owner is known.
      zh-CN: 该公钥可直接以 root 身份登录,请确认其持有者。
  - when: "options LIKE '%command=%'"
    severity: low
    reason:
      en: A forced command runs on every login with this key; read what it runs.
      zh-CN: 使用该公钥登录时会强制执行一条命令,请查看它执行的内容。
*/
SELECT
  u.username,
  u.uid,
  ak.algorithm,
  ak.key,
  ak.options,
  ak.comment,
  ak.key_file
FROM users u
JOIN authorized_keys ak ON ak.uid = u.uid
ORDER BY u.uid;
