/*
id: systemd-unit-files
title:
  en: Systemd timers and services in system and per-user unit directories
  zh-CN: 系统级与用户级单元目录中的 systemd 计时器和服务
description:
  en: Timer and service files (and their .wants links) in every directory systemd loads units from, including each user's ~/.config/systemd/user and ~/.local/share/systemd/user, most recently changed first.
  zh-CN: systemd 加载单元的所有目录中的计时器与服务文件(及其 .wants 链接),包括每个用户的 ~/.config/systemd/user 与 ~/.local/share/systemd/user,按最近变更时间排序。
fields: []
tables: [file]
flags:
  - when: "CAST(ctime AS INTEGER) > CAST(strftime('%s', 'now') AS INTEGER) - 7 * 86400"
    severity: medium
    reason:
      en: Created or changed in the last 7 days; compare with the time of the alert and with recent package updates.
      zh-CN: 最近 7 天内创建或修改过;请与告警时间及近期软件包更新对照。
  - when: "(path LIKE '/home/%' OR path LIKE '/root/%') AND filename LIKE '%.timer'"
    severity: medium
    reason:
      en: A per-user timer; it runs as that user whenever the user's systemd instance is up (login, or lingering).
      zh-CN: 用户级计时器;只要该用户的 systemd 实例在运行(登录期间或启用了 lingering),它就会以该用户身份执行。
  - when: "path NOT LIKE '/home/%' AND path NOT LIKE '/root/%' AND CAST(uid AS INTEGER) != 0"
    severity: high
    reason:
      en: A system unit file not owned by root; whoever owns it can change what runs as root.
      zh-CN: 系统单元文件的属主不是 root;其属主可以篡改以 root 身份运行的内容。
  - when: "path LIKE '/etc/systemd/system/%' AND symlink = '0' AND type = 'regular' AND filename LIKE '%.timer'"
    severity: low
    reason:
      en: A locally written timer in /etc/systemd/system (not a link to a packaged unit); check who made it and why.
      zh-CN: /etc/systemd/system 中本地编写的计时器(并非指向软件包单元的链接);请核实由谁、为何创建。
*/
SELECT
  path,
  filename,
  type,
  symlink,
  mode,
  uid,
  gid,
  size,
  mtime,
  ctime,
  datetime(mtime, 'unixepoch') AS modified_at,
  datetime(ctime, 'unixepoch') AS changed_at
FROM file
WHERE (
    path LIKE '/etc/systemd/system/%'
    OR path LIKE '/etc/systemd/system/%/%'
    OR path LIKE '/etc/systemd/user/%'
    OR path LIKE '/etc/systemd/user/%/%'
    OR path LIKE '/run/systemd/system/%'
    OR path LIKE '/usr/local/lib/systemd/system/%'
    OR path LIKE '/lib/systemd/system/%'
    OR path LIKE '/usr/lib/systemd/system/%'
    OR path LIKE '/usr/lib/systemd/user/%'
    OR path LIKE '/home/%/.config/systemd/user/%'
    OR path LIKE '/home/%/.config/systemd/user/%/%'
    OR path LIKE '/home/%/.local/share/systemd/user/%'
    OR path LIKE '/root/.config/systemd/user/%'
    OR path LIKE '/root/.config/systemd/user/%/%'
    OR path LIKE '/root/.local/share/systemd/user/%'
  )
  AND (filename LIKE '%.timer' OR filename LIKE '%.service')
ORDER BY ctime DESC;
