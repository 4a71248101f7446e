/** The processes table: one row per numeric /proc entry (threads are not listed). */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { compareText, listPids, mapBounded, readBytes, readLink, readText, statInode } from './procfs.js';
import {
  CLOCK_TICKS,
  endsDeleted,
  mappedInode,
  parseBootTime,
  parseCgroupPath,
  parseCmdline,
  parseIo,
  parseStat,
  parseStatus,
  stripDeleted,
  type ProcStat,
} from './process-parse.js';
import { pinnedPids, toInteger } from './values.js';

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

/** Processes read at once; each reads about nine files concurrently. */
const PROCESS_BATCH = 16;

/** Pids to read: those a `pid =` / `pid IN` constraint names (when they exist), else every process. */
export async function selectedPids(ctx: TableContext, procRoot: string): Promise<string[]> {
  const pinned = pinnedPids(ctx.constraints);
  if (pinned === null) return listPids(procRoot);
  return [...pinned].filter((pid) => pid > 0).map(String).sort(compareText);
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const procRoot = ctx.hostPath('/proc');
  const [pids, procStat] = await Promise.all([selectedPids(ctx, procRoot), readText(`${procRoot}/stat`)]);
  const bootTime = procStat === null ? null : parseBootTime(procStat);
  const rows = await mapBounded(pids, PROCESS_BATCH, (pid) => processRow(ctx, `${procRoot}/${pid}`, pid, bootTime));
  return rows.filter((row): row is TableRow => row !== null);
}

async function processRow(
  ctx: TableContext,
  dir: string,
  pid: string,
  bootTime: number | null,
): Promise<TableRow | null> {
  const [statText, statusText, ioText, cmdline, cgroup, disk, cwd, root] = await Promise.all([
    readText(`${dir}/stat`, 'single'),
    readText(`${dir}/status`, 'single'),
    readText(`${dir}/io`, 'single'),
    readBytes(`${dir}/cmdline`, 'single'),
    readText(`${dir}/cgroup`, 'single'),
    readLink(`${dir}/exe`).then((exe) => onDisk(ctx, dir, exe ?? '')),
    readLink(`${dir}/cwd`),
    readLink(`${dir}/root`),
  ]);
  // A process that is gone, or whose status we may not read, has no row (as in osquery).
  if (statusText === null) return null;
  const procStat = statText === null ? emptyStat() : parseStat(statText);
  if (procStat === null) return null;
  const status = parseStatus(statusText);
  const io = ioText === null ? null : parseIo(ioText);
  const startTicks = toInteger(procStat.startTicks);

  return {
    pid: Number(pid),
    name: status.name,
    path: disk.path,
    cmdline: cmdline === null ? '' : parseCmdline(cmdline),
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
  const value = Number(/^[0-9]+$/.test(ticks) ? ticks : 0);
  return value * (1000 / CLOCK_TICKS);
}

function writtenBytes(written: string | null, cancelled: string | null): number | bigint {
  const asBig = (text: string | null): bigint => (text !== null && /^-?[0-9]+$/.test(text) ? BigInt(text) : 0n);
  const value = asBig(written) - asBig(cancelled);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * Whether the executable still exists: 1 yes, 0 no, -1 unknown. A " (deleted)" suffix is the kernel's mark of an
 * unlinked binary and is stripped, unless a file with that very name is the one mapped (then the name is real).
 */
async function onDisk(ctx: TableContext, dir: string, path: string): Promise<{ path: string; onDisk: number }> {
  if (path === '') return { path, onDisk: -1 };
  const present = await statInode(ctx.hostPath(path));
  if (!endsDeleted(path)) return { path, onDisk: present === null ? 0 : 1 };
  if (present === null) return { path: stripDeleted(path), onDisk: 0 };
  const maps = await readText(`${dir}/maps`);
  const mapped = maps === null ? null : mappedInode(maps, path);
  if (mapped === null) return { path, onDisk: -1 };
  return mapped === present ? { path, onDisk: 1 } : { path: stripDeleted(path), onDisk: 0 };
}

export const processesTable: TableSpec = { name: 'processes', columns, liveOnly: true, generate };
