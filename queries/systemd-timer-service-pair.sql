/*
id: systemd-timer-service-pair
title:
  en: The alert's timer file and the service it starts
  zh-CN: 告警中的计时器文件及其启动的服务
description:
  en: The timer named in the alert and the .service of the same name next to it, which is what the timer runs unless it names another unit with Unit=.
  zh-CN: 告警中的计时器文件,以及同目录下同名的 .service 文件——除非计时器用 Unit= 指定了其他单元,否则它运行的就是这个服务。
fields: [file.path]
tables: [file, users]
flags:
  - when: "filename LIKE '%.service' AND CAST(ctime AS INTEGER) > CAST(strftime('%s', 'now') AS INTEGER) - 7 * 86400"
    severity: high
    reason:
      en: The service behind the timer was created or changed in the last 7 days, together with the timer.
      zh-CN: 计时器背后的服务文件在最近 7 天内与计时器一同被创建或修改。
  - when: "owner != 'root' AND path NOT LIKE '/home/%'"
    severity: medium
    reason:
      en: The unit file is not owned by root.
      zh-CN: 该单元文件的属主不是 root。
*/
SELECT
  f.path,
  f.filename,
  f.type,
  f.mode,
  f.uid,
  COALESCE(u.username, '') AS owner,
  f.size,
  f.ctime,
  datetime(f.mtime, 'unixepoch') AS modified_at,
  datetime(f.ctime, 'unixepoch') AS changed_at
FROM file f
LEFT JOIN users u ON u.uid = f.uid
WHERE f.path = <<file.path>>
   OR f.path = replace(<<file.path>>, '.timer', '.service');
