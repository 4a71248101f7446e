/*
id: kernel-modules
title:
  en: Loaded kernel modules
  zh-CN: 已加载的内核模块
description:
  en: Modules listed in /proc/modules. A rootkit module usually removes itself from this list, so an empty finding does not clear the host; a name here that nobody can explain does incriminate it.
  zh-CN: /proc/modules 中列出的模块。rootkit 模块通常会把自己从列表中移除,所以没有发现并不能证明主机干净;但这里若有无人能解释的模块名,就值得高度怀疑。
fields: []
tables: [kernel_modules]
flags:
  - when: "name IN ('diamorphine', 'reptile', 'reptile_module', 'suterusu', 'adore', 'adore_ng', 'knark', 'kovid', 'khook', 'rootkit', 'nuk3gh0st', 'puszek', 'vlany', 'bdvl', 'skidmap') OR name LIKE '%rootkit%'"
    severity: critical
    reason:
      en: The name of a known Linux rootkit module.
      zh-CN: 与已知 Linux rootkit 模块同名。
  - when: "status NOT IN ('Live', '')"
    severity: medium
    reason:
      en: The module is being loaded or unloaded right now.
      zh-CN: 该模块正处于加载或卸载过程中。
*/
SELECT name, size, used_by, status, address
FROM kernel_modules
ORDER BY name;
