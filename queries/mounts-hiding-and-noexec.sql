/*
id: mounts-hiding-and-noexec
title:
  en: Mounts that hide processes, and exec rights of temporary directories
  zh-CN: 用于隐藏进程的挂载,以及临时目录的执行权限
description:
  en: Anything mounted over a /proc/<pid> directory (a known trick to hide a process from ps and from osquery), and whether /tmp, /var/tmp and /dev/shm allow programs to run.
  zh-CN: 挂载在 /proc/<pid> 目录上的任何东西(一种让进程在 ps 和 osquery 中隐身的已知手法),以及 /tmp、/var/tmp、/dev/shm 是否允许执行程序。
fields: []
tables: [mounts]
flags:
  - when: "path GLOB '/proc/[0-9]*'"
    severity: critical
    reason:
      en: A filesystem is mounted over a process's /proc entry, hiding that process from tools that read /proc.
      zh-CN: 某个文件系统被挂载在进程的 /proc 条目上,使依赖 /proc 的工具看不到该进程。
  - when: "path IN ('/tmp', '/var/tmp', '/dev/shm') AND flags NOT LIKE '%noexec%'"
    severity: low
    reason:
      en: Programs can run from this world-writable directory; mounting it noexec blocks the simplest drops.
      zh-CN: 该全局可写目录允许执行程序;以 noexec 方式挂载可阻止最简单的投放执行。
*/
SELECT device, path, type, flags
FROM mounts
WHERE path IN ('/tmp', '/var/tmp', '/dev/shm')
   OR path LIKE '/proc/%'
ORDER BY path;
