/** process_open_files: what each process's descriptors point at, sockets, pipes and anonymous inodes left out. */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { compareText, listDir, mapBounded, readLink } from './procfs.js';
import { selectedPids } from './processes.js';

const columns: Column[] = [
  { name: 'pid', type: 'BIGINT' },
  { name: 'fd', type: 'BIGINT' },
  { name: 'path', type: 'TEXT' },
];

/**
 * The kernel names non-file descriptors "socket:[N]", "pipe:[N]", "anon_inode:...". osquery drops any target that
 * merely contains those words; we match the prefix, so a file called "/tmp/pipe:x" cannot hide from this table.
 */
export function isFileTarget(target: string): boolean {
  return !/^(socket:|pipe:|anon_inode:)/.test(target);
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const procRoot = ctx.hostPath('/proc');
  const pids = await selectedPids(ctx, procRoot);
  const perProcess = await mapBounded(pids, 16, async (pid) => {
    const dir = `${procRoot}/${pid}/fd`;
    // osquery keys descriptors by their name as text: "10" comes before "2".
    const fds = ((await listDir(dir)) ?? []).filter((name) => /^[0-9]+$/.test(name)).sort(compareText);
    const targets = await mapBounded(fds, 64, (fd) => readLink(`${dir}/${fd}`));
    const rows: TableRow[] = [];
    fds.forEach((fd, index) => {
      const target = targets[index];
      if (target === null || target === undefined || !isFileTarget(target)) return;
      rows.push({ pid: Number(pid), fd: Number(fd), path: target });
    });
    return rows;
  });
  return perProcess.flat();
}

export const processOpenFilesTable: TableSpec = { name: 'process_open_files', columns, liveOnly: true, generate };
