/*
id: mapped-libraries-unusual
title:
  en: Shared objects loaded into processes from unusual places
  zh-CN: 从异常位置加载到进程中的共享库
description:
  en: Memory mappings of running processes that come from temporary directories, home directories, deleted files or anonymous memory files (memfd). A preloaded or injected library shows up here even when nothing on disk points to it any more.
  zh-CN: 运行中进程的内存映射里,来自临时目录、用户主目录、已删除文件或匿名内存文件(memfd)的部分。预加载或注入的库即使在磁盘上已无任何痕迹,也会出现在这里。
fields: []
tables: [process_memory_map, processes]
flags:
  - when: "(mapped_path LIKE '%.so' OR mapped_path LIKE '%.so.%' OR mapped_path LIKE '%.so (deleted)') AND (mapped_path LIKE '/tmp/%' OR mapped_path LIKE '/var/tmp/%' OR mapped_path LIKE '/dev/shm/%' OR mapped_path LIKE '/run/user/%' OR mapped_path LIKE '%/.%')"
    severity: high
    reason:
      en: A shared library is loaded from a temporary or hidden location.
      zh-CN: 有共享库从临时或隐藏位置被加载。
  - when: "mapped_path LIKE '% (deleted)' AND permissions LIKE '%x%' AND mapped_path NOT LIKE '/memfd:%'"
    severity: high
    reason:
      en: Executable code is mapped from a file that has been deleted; after a package upgrade this is a stale library, otherwise a sign of hiding.
      zh-CN: 可执行代码映射自一个已被删除的文件;软件包升级后可能只是旧库残留,否则就是隐藏行为的迹象。
  - when: "mapped_path LIKE '/memfd:%' AND permissions LIKE '%x%'"
    severity: high
    reason:
      en: Executable code runs from an anonymous memory file, a common fileless-malware technique (some JIT runtimes do it too).
      zh-CN: 可执行代码运行在匿名内存文件中,这是无文件恶意软件的常见手法(部分 JIT 运行时也会这样做)。
  - when: "(mapped_path LIKE '/home/%' OR mapped_path LIKE '/root/%') AND permissions LIKE '%x%'"
    severity: medium
    reason:
      en: Executable code is mapped from a home directory.
      zh-CN: 有可执行代码映射自用户主目录。
*/
SELECT DISTINCT
  m.pid,
  p.name AS process_name,
  p.path AS process_path,
  m.path AS mapped_path,
  m.permissions,
  m.inode
FROM process_memory_map m
JOIN processes p ON p.pid = m.pid
WHERE m.path LIKE '/tmp/%'
   OR m.path LIKE '/var/tmp/%'
   OR m.path LIKE '/dev/shm/%'
   OR m.path LIKE '/run/user/%'
   OR m.path LIKE '/home/%'
   OR m.path LIKE '/root/%'
   OR m.path LIKE '% (deleted)'
   OR m.path LIKE '/memfd:%'
ORDER BY m.pid;
