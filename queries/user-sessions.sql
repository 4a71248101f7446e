/*
id: user-sessions
title:
  en: Current sessions of the alert's user
  zh-CN: 告警用户当前的登录会话
description:
  en: Entries in utmp for the user, showing who is logged in right now, on which terminal and from where.
  zh-CN: utmp 中该用户的记录:此刻谁已登录、在哪个终端、从哪里登录。
fields: [user.name]
tables: [logged_in_users]
flags:
  - when: "type = 'user' AND host != '' AND host NOT LIKE ':%' AND host NOT IN ('localhost', '127.0.0.1', '::1')"
    severity: medium
    reason:
      en: The user has an open session from a remote host; whoever acted may still be on the machine.
      zh-CN: 该用户当前有来自远程主机的会话,实施操作的人可能仍在这台机器上。
*/
SELECT
  type,
  user,
  tty,
  host,
  pid,
  time,
  datetime(time, 'unixepoch') AS login_at
FROM logged_in_users
WHERE user = <<user.name>>;
