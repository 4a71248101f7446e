/**
 * Functions a flag condition (or a flag's `show` expression) may call besides SQLite's own, with their arities.
 * They read what the findings know about the triaged host beyond the query's rows: the alert's time, the package
 * manager's record of a file, the libraries /etc/ld.so.preload names. Lint compiles flags against this list;
 * triage/flag-functions.ts implements it.
 */
export const FLAG_FUNCTIONS = {
  /** The alert's @timestamp in epoch seconds, NULL without one. */
  alert_time: 0,
  /** The installed package that ships this path; '' when none does; NULL when the host's package records are unreadable. */
  package_of: 1,
  /** The md5 the package manager recorded for this path; NULL when there is no record. */
  package_md5: 1,
  /** 1 when the path is a package's configuration file (administrators may edit it), else 0; NULL without records. */
  package_conffile: 1,
  /** The libraries /etc/ld.so.preload names, each marked present or missing; NULL when the file is absent or unreadable. */
  preload_libraries: 0,
  /** How many of the libraries /etc/ld.so.preload names do not exist; NULL when the file is absent or unreadable. */
  preload_missing: 0,
} as const satisfies Record<string, number>;

export type FlagFunction = keyof typeof FLAG_FUNCTIONS;
