/*
id: masquerading-kernel-threads
title:
  en: Processes posing as kernel threads
  zh-CN: 伪装成内核线程的进程
description:
  en: Processes named like kernel threads (kworker, ksoftirqd, kthreadd, ...) or whose command line is written in brackets. Real kernel threads have no executable and no command line, and descend from kthreadd (pid 2); anything else with such a name is user space in disguise.
  zh-CN: 名字像内核线程(kworker、ksoftirqd、kthreadd 等)或命令行写在方括号里的进程。真正的内核线程没有可执行文件和命令行,并且都是 kthreadd(pid 2)的子孙;不满足这些条件却用这种名字的,就是伪装的用户态进程。
fields: []
tables: [processes, users]
flags:
  - when: "path != ''"
    severity: critical
    reason:
      en: Backed by an executable on disk; kernel threads have none.
      zh-CN: 有磁盘上的可执行文件,而内核线程没有。
  - when: "cmdline != ''"
    severity: high
    reason:
      en: Has a command line; kernel threads have an empty one (ps only shows their name in brackets).
      zh-CN: 有命令行;内核线程的命令行为空(ps 只是把名字放在方括号里显示)。
  - when: "CAST(parent AS INTEGER) NOT IN (0, 2)"
    severity: high
    reason:
      en: Not a child of kthreadd (pid 2), the parent of every kernel thread.
      zh-CN: 不是 kthreadd(pid 2)的子进程,而所有内核线程的父进程都是它。
*/
SELECT
  p.pid,
  p.parent,
  p.name,
  p.path,
  p.cmdline,
  p.cwd,
  p.uid,
  COALESCE(u.username, '') AS owner,
  p.on_disk,
  datetime(p.start_time, 'unixepoch') AS started_at
FROM processes p
LEFT JOIN users u ON u.uid = p.uid
WHERE (
    p.name LIKE 'kworker%' OR p.name LIKE 'ksoftirqd%' OR p.name LIKE 'kthreadd%' OR p.name LIKE 'kswapd%'
    OR p.name LIKE 'migration/%' OR p.name GLOB 'rcu_*' OR p.name LIKE 'watchdog/%' OR p.name LIKE 'kdevtmpfs%'
    OR p.name LIKE 'khungtaskd%' OR p.name LIKE 'jbd2/%' OR p.name LIKE 'irq/%' OR p.cmdline LIKE '[%]'
  )
  AND (p.path != '' OR p.cmdline != '' OR p.parent NOT IN (0, 2))
ORDER BY p.pid;
