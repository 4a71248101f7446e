/*
id: suid-sgid-binaries
title:
  en: Setuid and setgid programs
  zh-CN: 设置了 setuid / setgid 位的程序
description:
  en: Programs in the standard binary directories and /tmp that run with their owner's or group's rights. File capabilities (setcap) are not visible here; osquery has no table for them.
  zh-CN: 标准二进制目录及 /tmp 中会以属主或属组权限运行的程序。文件能力(setcap 设置的 capability)在此不可见,osquery 没有对应的表。
fields: []
tables: [suid_bin]
flags:
  - when: "path LIKE '/tmp/%'"
    severity: critical
    reason:
      en: A setuid or setgid program in /tmp.
      zh-CN: /tmp 中存在 setuid 或 setgid 程序。
  - when: "path LIKE '%/python%' OR path LIKE '%/perl%' OR path LIKE '%/ruby' OR path LIKE '%/php' OR path LIKE '%/node' OR path LIKE '%/bash' OR path LIKE '%/sh' OR path LIKE '%/dash' OR path LIKE '%/zsh' OR path LIKE '%/find' OR path LIKE '%/vim' OR path LIKE '%/vi' OR path LIKE '%/env' OR path LIKE '%/gdb' OR path LIKE '%/awk' OR path LIKE '%/gawk' OR path LIKE '%/tar' OR path LIKE '%/busybox' OR path LIKE '%/cp'"
    severity: critical
    reason:
      en: A shell, interpreter or file tool is setuid; anyone who runs it can become its owner (usually root).
      zh-CN: shell、解释器或文件工具被设置了 setuid;任何运行它的人都能获得其属主身份(通常是 root)。
  - when: "path LIKE '/usr/local/%'"
    severity: medium
    reason:
      en: A setuid or setgid program outside package-managed directories; check where it came from.
      zh-CN: 软件包管理目录之外的 setuid 或 setgid 程序;请核实其来源。
  - when: "username != 'root' AND permissions LIKE '%S%'"
    severity: medium
    reason:
      en: Setuid to an account other than root.
      zh-CN: setuid 的目标账户不是 root。
*/
SELECT path, username, groupname, permissions
FROM suid_bin
ORDER BY path;
