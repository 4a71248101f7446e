import type { TableRow, TableSpec } from '../../table.js';
import { accountsInScope } from './accounts.js';
import { joinPath, osqueryInteger, splitLines, toText, type Bytes } from './bytes.js';
import { glob } from './glob.js';
import { Tree } from './tree.js';

const HISTORY_FILES = ['.bash_history', '.zsh_history', '.zhistory', '.history', '.sh_history', '.ash_history'];

export interface HistoryEntry {
  time: number | null;
  command: Bytes;
}

const BASH_TIMESTAMP = /^#([0-9]+)$/;
const ZSH_EXTENDED = /^: {0,10}([0-9]{1,11}):[0-9]+;(.*)$/;

/**
 * History lines as osquery reads them: a bash "#<digits>" line (HISTTIMEFORMAT) sets the time of the next line;
 * a zsh extended line ": <start>:<elapsed>;<command>" carries its own; anything else has time 0.
 */
export function parseHistory(content: Bytes): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let pending: string | null = null;
  for (const line of splitLines(content)) {
    if (pending === null) {
      const stamp = BASH_TIMESTAMP.exec(line);
      if (stamp) {
        pending = stamp[1] ?? '';
        continue;
      }
    }
    if (pending !== null) {
      entries.push({ time: osqueryInteger(pending), command: line });
      pending = null;
      continue;
    }
    const zsh = ZSH_EXTENDED.exec(line);
    if (zsh) entries.push({ time: osqueryInteger(zsh[1] ?? ''), command: zsh[2] ?? '' });
    else entries.push({ time: 0, command: line });
  }
  return entries;
}

/** The history files of one home: the fixed names, then macOS-style ~/.bash_sessions/*.history. */
async function historyFiles(tree: Tree, home: Bytes): Promise<Bytes[]> {
  const files = HISTORY_FILES.map((name) => joinPath(home, name));
  const sessions = joinPath(home, '.bash_sessions');
  if ((await tree.stat(sessions)).stats) {
    files.push(...(await glob(tree, joinPath(sessions, '*.history'))).filter((p) => !p.endsWith('/')).sort());
  }
  return files;
}

export const shellHistoryTable: TableSpec = {
  name: 'shell_history',
  columns: [
    { name: 'uid', type: 'BIGINT' },
    { name: 'time', type: 'INTEGER' },
    { name: 'command', type: 'TEXT' },
    { name: 'history_file', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    const rows: TableRow[] = [];
    for (const account of await accountsInScope(ctx, tree)) {
      // A relative or empty home would mean this process's working directory, not the account's files.
      if (!account.home.startsWith('/')) continue;
      for (const file of await historyFiles(tree, account.home)) {
        const content = await tree.readFile(file);
        if (content === null) continue;
        for (const entry of parseHistory(content)) {
          rows.push({ uid: account.uid, time: entry.time, command: toText(entry.command), history_file: toText(file) });
        }
      }
    }
    return rows;
  },
};
