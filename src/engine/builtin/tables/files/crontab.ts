import type { TableRow, TableSpec } from '../../table.js';
import { splitTrim, toText, type Bytes } from './bytes.js';
import { glob } from './glob.js';
import { Tree } from './tree.js';

const SYSTEM_CRONTAB = '/etc/crontab';
/** System-wide, macOS user, Red Hat user and Debian user crontabs, in osquery's order. */
const CRON_DIRECTORIES = ['/etc/cron.d/', '/var/at/tabs/', '/var/spool/cron/', '/var/spool/cron/crontabs/'];

export interface CronEntry {
  event: Bytes | null;
  minute: Bytes | null;
  hour: Bytes | null;
  day_of_month: Bytes | null;
  month: Bytes | null;
  day_of_week: Bytes | null;
  command: Bytes;
}

const SCHEDULE = ['minute', 'hour', 'day_of_month', 'month', 'day_of_week'] as const;

/**
 * One crontab line as osquery reads it: split on spaces and tabs; a first field starting with "@" is the event and
 * the rest the command; otherwise five schedule fields then the command, re-joined with single spaces. The user
 * field of /etc/crontab and cron.d stays at the start of the command. No command (VAR=x lines) means no entry.
 */
export function parseCronLine(line: Bytes): CronEntry | null {
  const fields = splitTrim(line, ' \t');
  const entry: CronEntry = {
    event: null,
    minute: null,
    hour: null,
    day_of_month: null,
    month: null,
    day_of_week: null,
    command: '',
  };
  let commandFrom = 5;
  if (fields[0]?.startsWith('@')) {
    entry.event = fields[0];
    commandFrom = 1;
  } else {
    SCHEDULE.forEach((column, i) => {
      entry[column] = fields[i] ?? null;
    });
  }
  entry.command = fields.slice(commandFrom).join(' ');
  return entry.command === '' ? null : entry;
}

/** The lines of a crontab that can hold an entry: trimmed, not blank, not a comment. */
export function cronLines(content: Bytes): Bytes[] {
  return splitTrim(content, '\n').filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Crontab files in osquery's order: /etc/crontab, then the non-hidden non-directories directly in each directory
 * (sorted), named through the directory's real path as osquery's glob canonicalises it.
 */
export async function crontabFiles(tree: Tree): Promise<Bytes[]> {
  const files = [SYSTEM_CRONTAB];
  for (const dir of CRON_DIRECTORIES) {
    if (!(await tree.isDirectory(dir))) continue;
    const real = (await tree.canonical(dir)) ?? dir;
    const found = await glob(tree, `${real.endsWith('/') ? real : `${real}/`}*`);
    files.push(...found.filter((p) => !p.endsWith('/')).sort());
  }
  return files;
}

export const crontabTable: TableSpec = {
  name: 'crontab',
  columns: [
    { name: 'event', type: 'TEXT' },
    { name: 'minute', type: 'TEXT' },
    { name: 'hour', type: 'TEXT' },
    { name: 'day_of_month', type: 'TEXT' },
    { name: 'month', type: 'TEXT' },
    { name: 'day_of_week', type: 'TEXT' },
    { name: 'command', type: 'TEXT' },
    { name: 'path', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    const rows: TableRow[] = [];
    for (const file of await crontabFiles(tree)) {
      const content = await tree.readFile(file);
      if (content === null) continue;
      for (const line of cronLines(content)) {
        const entry = parseCronLine(line);
        if (!entry) continue;
        const text = (v: Bytes | null): string | null => (v === null ? null : toText(v));
        rows.push({
          event: text(entry.event),
          minute: text(entry.minute),
          hour: text(entry.hour),
          day_of_month: text(entry.day_of_month),
          month: text(entry.month),
          day_of_week: text(entry.day_of_week),
          command: toText(entry.command),
          path: toText(file),
        });
      }
    }
    return rows;
  },
};
