/**
 * The processes table: one row per numeric /proc entry (threads are not listed). Files are read synchronously,
 * one process after the other (see procfs.ts): the fastest way through a few hundred small kernel files.
 */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { compareText, listPidsSync, readLinkSync, readTextSync, statInodeSync } from './procfs.js';
import {
  CLOCK_TICKS,
  endsDeleted,
  mappedInode,
  parseBootTime,
  parseCgroupPath,
  parseCmdlineText,
  parseIo,
  parseStat,
  parseStatus,
  stripDeleted,
  type ProcStat,
} from './process-parse.js';
import { isDecimal, pinnedPids, toInteger } from './values.js';

const columns: Column[] = [
  { name: 'pid', type: 'BIGINT' },
  { name: 'name', type: 'TEXT' },
  { name: 'path', type: 'TEXT' },
  { name: 'cmdline', type: 'TEXT' },
  { name: 'state', type: 'TEXT' },
  { name: 'cwd', type: 'TEXT' },
  { name: 'root', type: 'TEXT' },
  { name: 'uid', type: 'BIGINT' },
  { name: 'gid', type: 'BIGINT' },
  { name: 'euid', type: 'BIGINT' },
  { name: 'egid', type: 'BIGINT' },
  { name: 'suid', type: 'BIGINT' },
  { name: 'sgid', type: 'BIGINT' },
  { name: 'on_disk', type: 'INTEGER' },
  { name: 'wired_size', type: 'BIGINT' },
  { name: 'resident_size', type: 'BIGINT' },
  { name: 'total_size', type: 'BIGINT' },
  { name: 'user_time', type: 'BIGINT' },
  { name: 'system_time', type: 'BIGINT' },
  { name: 'disk_bytes_read', type: 'BIGINT' },
  { name: 'disk_bytes_written', type: 'BIGINT' },
  { name: 'start_time', type: 'BIGINT' },
  { name: 'parent', type: 'BIGINT' },
  { name: 'pgroup', type: 'BIGINT' },
  { name: 'threads', type: 'INTEGER' },
  { name: 'nice', type: 'INTEGER' },
  { name: 'cgroup_path', type: 'TEXT' },
];

/** Pids to read: those a `pid =` / `pid IN` constraint names (when they exist), else every process. */
export async function selectedPids(ctx: TableContext, procRoot: string): Promise<string[]> {
  return selectedPidsSync(ctx, procRoot);
}

function selectedPidsSync(ctx: TableContext, procRoot: string): string[] {
  const pinned = pinnedPids(ctx.constraints);
  if (pinned === null) return listPidsSync(procRoot);
  return [...pinned].filter((pid) => pid > 0).map(String).sort(compareText);
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const procRoot = ctx.hostPath('/proc');
  const procStat = readTextSync(`${procRoot}/stat`);
  const bootTime = procStat === null ? null : parseBootTime(procStat);
  const rows: TableRow[] = [];
  for (const pid of selectedPidsSync(ctx, procRoot)) {
    const row = processRow(ctx, `${procRoot}/${pid}`, pid, bootTime);
    if (row !== null) rows.push(row);
  }
  return rows;
}

function processRow(ctx: TableContext, dir: string, pid: string, bootTime: number | null): TableRow | null {
  // status first: a process that is gone, or whose status we may not read, has no row (as in osquery).
  const statusText = readTextSync(`${dir}/status`, 'single');
  if (statusText === null) return null;
  const status = parseStatus(statusText);
  const statText = readTextSync(`${dir}/stat`, 'single');
  const ioText = readTextSync(`${dir}/io`, 'single');
  const cmdline = readTextSync(`${dir}/cmdline`, 'single');
  const cgroup = readTextSync(`${dir}/cgroup`, 'single');
  // Without an address space the exe link fails anyway; a failed call costs more than a good one.
  const disk = onDisk(ctx, dir, status.hasMemory ? readLinkSync(`${dir}/exe`) ?? '' : '');
  const cwd = readLinkSync(`${dir}/cwd`);
  const root = readLinkSync(`${dir}/root`);
  const procStat = statText === null ? emptyStat() : parseStat(statText);
  if (procStat === null) return null;
  const io = ioText === null ? null : parseIo(ioText);
  const startTicks = toInteger(procStat.startTicks);

  return {
    pid: Number(pid),
    name: status.name,
    path: disk.path,
    cmdline: cmdline === null ? '' : parseCmdlineText(cmdline),
    state: procStat.state,
    cwd: cwd ?? '',
    root: root ?? '',
    uid: toInteger(status.uids?.[0]),
    gid: toInteger(status.gids?.[0]),
    euid: toInteger(status.uids?.[1]),
    egid: toInteger(status.gids?.[1]),
    suid: toInteger(status.uids?.[2]),
    sgid: toInteger(status.gids?.[2]),
    on_disk: disk.onDisk,
    wired_size: 0,
    resident_size: status.residentBytes,
    total_size: status.totalBytes,
    user_time: ticksToMs(procStat.userTicks),
    system_time: ticksToMs(procStat.systemTicks),
    disk_bytes_read: io === null ? null : toInteger(io.readBytes ?? undefined),
    disk_bytes_written: io === null ? null : writtenBytes(io.writeBytes, io.cancelledWriteBytes),
    start_time:
      bootTime !== null && typeof startTicks === 'number' ? bootTime + Math.floor(startTicks / CLOCK_TICKS) : -1,
    parent: toInteger(procStat.parent),
    pgroup: toInteger(procStat.pgroup),
    threads: toInteger(procStat.threads),
    nice: toInteger(procStat.nice),
    cgroup_path: cgroup === null ? '' : parseCgroupPath(cgroup),
  };
}

/** osquery still emits a row when only stat is unreadable, with its times at zero and start_time -1. */
function emptyStat(): ProcStat {
  return { state: '', parent: '', pgroup: '', userTicks: '', systemTicks: '', nice: '', threads: '', startTicks: '' };
}

function ticksToMs(ticks: string): number {
  const value = isDecimal(ticks) ? Number(ticks) : 0;
  return value * (1000 / CLOCK_TICKS);
}

function writtenBytes(written: string | null, cancelled: string | null): number | bigint {
  const w = toInteger(written ?? undefined) ?? 0;
  const c = toInteger(cancelled ?? undefined) ?? 0;
  // Two safe integers whose difference is safe were subtracted exactly; anything larger is done in BigInt.
  if (typeof w === 'number' && typeof c === 'number' && Number.isSafeInteger(w - c)) return w - c;
  const value = BigInt(w) - BigInt(c);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * Whether the executable still exists: 1 yes, 0 no, -1 unknown. A " (deleted)" suffix is the kernel's mark of an
 * unlinked binary and is stripped, unless a file with that very name is the one mapped (then the name is real).
 */
function onDisk(ctx: TableContext, dir: string, path: string): { path: string; onDisk: number } {
  if (path === '') return { path, onDisk: -1 };
  const present = statInodeSync(ctx.hostPath(path));
  if (!endsDeleted(path)) return { path, onDisk: present === null ? 0 : 1 };
  if (present === null) return { path: stripDeleted(path), onDisk: 0 };
  const maps = readTextSync(`${dir}/maps`);
  const mapped = maps === null ? null : mappedInode(maps, path);
  if (mapped === null) return { path, onDisk: -1 };
  return mapped === present ? { path, onDisk: 1 } : { path: stripDeleted(path), onDisk: 0 };
}

export const processesTable: TableSpec = { name: 'processes', columns, liveOnly: true, generate };
