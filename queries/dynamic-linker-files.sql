/*
id: dynamic-linker-files
title:
  en: Dynamic linker binaries, copies beside them, and preload configuration
  zh-CN: 动态链接器文件、其旁边的副本以及预加载配置
description:
  en: The glibc and musl loaders for x86-64, i386 and arm64 in every usual directory, any other ld-* file next to them (backup copies), /etc/ld.so.preload and the ld.so.conf files. On merged-/usr systems some paths are links to others.
  zh-CN: 各常见目录中 x86-64、i386 与 arm64 架构的 glibc 和 musl 加载器、它们旁边的其他 ld-* 文件(备份副本)、/etc/ld.so.preload 以及 ld.so.conf 配置文件。在 /usr 合并的系统上,部分路径是指向其他路径的链接。
fields: []
tables: [file]
flags:
  - when: "path = '/etc/ld.so.preload' AND CAST(size AS INTEGER) > 0"
    severity: critical
    reason:
      en: /etc/ld.so.preload lists libraries that every dynamically linked program loads first; it is normally absent or empty.
      zh-CN: /etc/ld.so.preload 中列出的库会被每个动态链接程序优先加载;该文件通常不存在或为空。
  - when: "path = '/etc/ld.so.preload'"
    severity: high
    reason:
      en: /etc/ld.so.preload exists; few systems need it.
      zh-CN: /etc/ld.so.preload 存在,而极少有系统需要它。
  - when: "filename GLOB 'ld-*' AND NOT (filename GLOB 'ld-linux*.so.[0-9]' OR filename GLOB 'ld-[0-9]*.so' OR filename GLOB 'ld-musl-*.so.1' OR filename = 'ld.so.preload')"
    severity: high
    reason:
      en: An unexpected ld-* file beside the dynamic linker, such as a backup copy kept before patching the original.
      zh-CN: 动态链接器旁边出现了意外的 ld-* 文件,例如修改原文件之前保留的备份副本。
  - when: "CAST(ctime AS INTEGER) > CAST(strftime('%s', 'now') AS INTEGER) - 7 * 86400"
    severity: medium
    reason:
      en: Changed in the last 7 days; a glibc update also does this, so compare with the package log.
      zh-CN: 最近 7 天内发生过变更;glibc 升级也会导致这种情况,请与软件包日志对照。
  - when: "CAST(uid AS INTEGER) != 0"
    severity: high
    reason:
      en: Not owned by root; its owner can change what every program loads.
      zh-CN: 属主不是 root;其属主可以改变所有程序加载的内容。
*/
SELECT
  path,
  filename,
  type,
  symlink,
  symlink_target_path,
  mode,
  uid,
  size,
  inode,
  ctime,
  datetime(mtime, 'unixepoch') AS modified_at,
  datetime(ctime, 'unixepoch') AS changed_at
FROM file
WHERE path IN ('/etc/ld.so.preload', '/etc/ld.so.conf', '/etc/ld.so.cache')
   OR path LIKE '/etc/ld.so.conf.d/%'
   OR path LIKE '/lib/ld-%'
   OR path LIKE '/lib64/ld-%'
   OR path LIKE '/usr/lib/ld-%'
   OR path LIKE '/usr/lib64/ld-%'
   OR path LIKE '/lib/x86_64-linux-gnu/ld-%'
   OR path LIKE '/usr/lib/x86_64-linux-gnu/ld-%'
   OR path LIKE '/lib/i386-linux-gnu/ld-%'
   OR path LIKE '/usr/lib/i386-linux-gnu/ld-%'
   OR path LIKE '/lib/aarch64-linux-gnu/ld-%'
   OR path LIKE '/usr/lib/aarch64-linux-gnu/ld-%'
ORDER BY ctime DESC;
