/** process_memory_map: the lines of /proc/<pid>/maps. */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { mapBounded, readText } from './procfs.js';
import { selectedPids } from './processes.js';
import { hexToInteger, toInteger } from './values.js';

const columns: Column[] = [
  { name: 'pid', type: 'INTEGER' },
  { name: 'start', type: 'TEXT' },
  { name: 'end', type: 'TEXT' },
  { name: 'permissions', type: 'TEXT' },
  { name: 'offset', type: 'BIGINT' },
  { name: 'device', type: 'TEXT' },
  { name: 'inode', type: 'INTEGER' },
  { name: 'path', type: 'TEXT' },
  { name: 'pseudo', type: 'INTEGER' },
];

/**
 * "start-end perms offset dev inode   path". The path is the rest of the line, so names with spaces and the
 * kernel's " (deleted)" mark stay whole. pseudo = 1 for a named region with no inode ([heap], [stack], [vdso]).
 */
export function parseMaps(pid: number, content: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const line of content.split('\n')) {
    const match = /^([0-9a-fA-F]+)-([0-9a-fA-F]+)\s+(\S+)\s+(\S+)\s+(\S+)\s+([0-9]+)(?:\s+(.*))?$/.exec(line);
    if (match === null) continue;
    const path = match[7] ?? '';
    const inode = match[6] as string;
    rows.push({
      pid,
      start: `0x${match[1] as string}`,
      end: `0x${match[2] as string}`,
      permissions: match[3] as string,
      offset: hexToInteger(match[4]) ?? -1,
      device: match[5] as string,
      inode: toInteger(inode),
      path,
      pseudo: inode === '0' && path !== '' ? 1 : 0,
    });
  }
  return rows;
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const procRoot = ctx.hostPath('/proc');
  const pids = await selectedPids(ctx, procRoot);
  const perProcess = await mapBounded(pids, 16, async (pid) => {
    const maps = await readText(`${procRoot}/${pid}/maps`);
    return maps === null ? [] : parseMaps(Number(pid), maps);
  });
  return perProcess.flat();
}

export const processMemoryMapTable: TableSpec = { name: 'process_memory_map', columns, liveOnly: true, generate };
