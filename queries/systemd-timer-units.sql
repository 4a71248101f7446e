/*
id: systemd-timer-units
title:
  en: Timer units systemd has loaded
  zh-CN: systemd 已加载的计时器单元
description:
  en: What systemd itself reports about timers (over D-Bus, no files read), including whether each is active and where its definition lives. A timer file that is missing here has not been loaded yet.
  zh-CN: systemd 自身(通过 D-Bus,而非读取文件)报告的计时器信息,包括是否处于激活状态以及定义文件的位置。若某个计时器文件不在此列,说明它尚未被加载。
fields: []
tables: [systemd_units]
flags:
  - when: "fragment_path NOT LIKE '/usr/lib/systemd/%' AND fragment_path NOT LIKE '/lib/systemd/%' AND fragment_path != ''"
    severity: medium
    reason:
      en: The timer is defined outside the package-managed unit directories.
      zh-CN: 该计时器定义在软件包管理的单元目录之外。
  - when: "active_state = 'active' AND (fragment_path LIKE '/etc/%' OR fragment_path LIKE '/run/%' OR fragment_path LIKE '/home/%' OR fragment_path LIKE '/root/%')"
    severity: low
    reason:
      en: A locally defined timer is active and will fire on schedule.
      zh-CN: 一个本地定义的计时器处于激活状态,会按计划触发。
*/
SELECT
  id,
  description,
  load_state,
  active_state,
  sub_state,
  unit_file_state,
  fragment_path,
  source_path
FROM systemd_units
WHERE id LIKE '%.timer'
ORDER BY id;
