/*
id: user-login-history
title:
  en: Login history of the alert's user
  zh-CN: 告警用户的登录历史
description:
  en: Logins and logouts recorded in wtmp for the user, newest first.
  zh-CN: wtmp 中记录的该用户登录与注销,最新的在前。
fields: [user.name]
tables: [last]
flags:
  - when: "CAST(type AS INTEGER) = 7 AND host != '' AND host NOT LIKE ':%' AND host NOT IN ('localhost', '127.0.0.1', '::1')"
    severity: low
    reason:
      en: Login from a remote address; check that the source is one this user is expected to come from.
      zh-CN: 来自远程地址的登录,请核实该来源是否是这个用户惯常使用的地址。
*/
SELECT
  username,
  tty,
  pid,
  type,
  type_name,
  host,
  time,
  datetime(time, 'unixepoch') AS event_at
FROM last
WHERE username = <<user.name>>
ORDER BY time DESC;
