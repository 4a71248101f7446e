/*
id: host-context
title:
  en: Host identity, operating system and uptime
  zh-CN: 主机身份、操作系统与运行时长
description:
  en: Confirms which machine answered and how long it has been up. A reboot after the alert means processes and sockets seen now are not the ones the alert saw.
  zh-CN: 确认是哪台主机在应答、已经运行了多久。如果告警之后主机重启过,现在看到的进程和套接字就不是告警当时的那些。
fields: []
tables: [system_info, os_version, uptime]
flags:
  - when: "CAST(total_seconds AS INTEGER) < 3600"
    severity: low
    reason:
      en: The host came up less than an hour ago; processes and connections from the time of the alert may be gone.
      zh-CN: 主机启动不到一小时,告警发生时的进程和网络连接可能已经不存在。
*/
SELECT
  s.hostname,
  s.uuid AS host_uuid,
  s.hardware_vendor,
  s.hardware_model,
  o.name AS os_name,
  o.version AS os_version,
  o.arch,
  u.total_seconds,
  u.days AS uptime_days,
  u.hours AS uptime_hours,
  datetime(strftime('%s', 'now') - u.total_seconds, 'unixepoch') AS booted_at
FROM system_info s, os_version o, uptime u;
