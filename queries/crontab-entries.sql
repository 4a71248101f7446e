/*
id: crontab-entries
title:
  en: Cron jobs of the system and all users
  zh-CN: 系统及所有用户的计划任务(cron)
description:
  en: Every job in /etc/crontab, /etc/cron.d and the per-user spool, with the file it comes from.
  zh-CN: /etc/crontab、/etc/cron.d 以及各用户 spool 中的全部任务,并注明来源文件。
fields: []
tables: [crontab]
flags:
  - when: "command LIKE '%/dev/tcp/%' OR command LIKE '%/dev/udp/%' OR command LIKE '%nc -e%' OR command LIKE '%ncat -e%' OR command LIKE '%mkfifo%'"
    severity: critical
    reason:
      en: The job opens a reverse shell.
      zh-CN: 该任务会建立反弹 shell。
  - when: "(command LIKE '%curl %' OR command LIKE '%wget %') AND (command LIKE '%| sh%' OR command LIKE '%|sh%' OR command LIKE '%| bash%' OR command LIKE '%|bash%')"
    severity: high
    reason:
      en: The job downloads a script and pipes it straight into a shell.
      zh-CN: 该任务下载脚本并直接通过管道交给 shell 执行。
  - when: "command LIKE '%/tmp/%' OR command LIKE '%/var/tmp/%' OR command LIKE '%/dev/shm/%'"
    severity: high
    reason:
      en: The job runs something from a temporary, world-writable directory.
      zh-CN: 该任务运行位于临时、全局可写目录中的程序。
  - when: "command LIKE '%base64%' OR command LIKE '%python% -c %' OR command LIKE '%perl -e%'"
    severity: medium
    reason:
      en: The job decodes or runs inline code, a common way to hide what it does.
      zh-CN: 该任务解码或直接执行内联代码,这是隐藏真实意图的常见手法。
*/
SELECT
  path,
  event,
  minute,
  hour,
  day_of_month,
  month,
  day_of_week,
  command
FROM crontab
ORDER BY path;
