/** Pure parsers for the per-process files under /proc/<pid>. */
import { fields, trimAscii } from './values.js';

/**
 * Clock ticks per second of /proc/<pid>/stat times. USER_HZ is 100 on every Linux ABI osquery ships for (x86_64,
 * aarch64); `getconf CLK_TCK` says so, and Node has no sysconf to ask.
 */
export const CLOCK_TICKS = 100;

export interface ProcStat {
  state: string;
  parent: string;
  pgroup: string;
  userTicks: string;
  systemTicks: string;
  nice: string;
  threads: string;
  startTicks: string;
}

/** /proc/<pid>/stat, read after the last ')' so a command name with spaces or parentheses cannot shift fields. */
export function parseStat(content: string): ProcStat | null {
  const close = content.lastIndexOf(')');
  if (close < 0 || content.length <= close + 2) return null;
  const details = fields(content.slice(close + 2).replace(/\n/g, ' '));
  if (details.length <= 19) return null;
  const at = (index: number): string => details[index] ?? '';
  return {
    state: at(0),
    parent: at(1),
    pgroup: at(2),
    userTicks: at(11),
    systemTicks: at(12),
    nice: at(16),
    threads: at(17),
    startTicks: at(19),
  };
}

export interface ProcStatus {
  name: string;
  /** Real, effective, saved. */
  uids: [string, string, string] | null;
  gids: [string, string, string] | null;
  residentBytes: number | null;
  totalBytes: number | null;
  /**
   * The kernel prints the Vm* lines only for a task with an address space. Without one (kernel threads, zombies)
   * there is no executable either: /proc/<pid>/exe cannot be read.
   */
  hasMemory: boolean;
}

/** /proc/<pid>/status: the name and ids osquery reports, memory in bytes (the kernel's kB are KiB). */
export function parseStatus(content: string): ProcStatus {
  const status: ProcStatus = { name: '', uids: null, gids: null, residentBytes: null, totalBytes: null, hasMemory: false };
  // Line by line without splitting the whole file: only five of its ~55 lines matter.
  for (let start = 0; start < content.length; ) {
    const newline = content.indexOf('\n', start);
    const end = newline < 0 ? content.length : newline;
    const colon = content.indexOf(':', start);
    if (colon >= 0 && colon < end) {
      const key = content.slice(start, colon);
      if (key === 'Name') status.name = trimAscii(content.slice(colon + 1, end));
      else if (key === 'Uid') status.uids = idTriple(content.slice(colon + 1, end));
      else if (key === 'Gid') status.gids = idTriple(content.slice(colon + 1, end));
      else if (key === 'VmRSS') status.residentBytes = kibibytes(content.slice(colon + 1, end));
      else if (key === 'VmSize') {
        status.hasMemory = true;
        status.totalBytes = kibibytes(content.slice(colon + 1, end));
      }
    }
    start = end + 1;
  }
  return status;
}

function idTriple(value: string): [string, string, string] | null {
  const ids = fields(trimAscii(value));
  if (ids.length !== 4) return null;
  return [ids[0] as string, ids[1] as string, ids[2] as string];
}

function kibibytes(value: string): number | null {
  const match = /^\s*([0-9]+)\s*kB\s*$/.exec(value);
  return match ? Number(match[1]) * 1024 : null;
}

export interface ProcIo {
  readBytes: string | null;
  writeBytes: string | null;
  cancelledWriteBytes: string | null;
}

export function parseIo(content: string): ProcIo {
  const io: ProcIo = { readBytes: null, writeBytes: null, cancelledWriteBytes: null };
  for (const line of content.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon);
    const value = trimAscii(line.slice(colon + 1));
    if (key === 'read_bytes') io.readBytes = value;
    else if (key === 'write_bytes') io.writeBytes = value;
    else if (key === 'cancelled_write_bytes') io.cancelledWriteBytes = value;
  }
  return io;
}

/** First line of /proc/<pid>/cgroup after its second ':' (cgroup names may themselves hold colons). */
export function parseCgroupPath(content: string): string {
  const end = content.indexOf('\n') < 0 ? content.length : content.indexOf('\n');
  const first = content.indexOf(':');
  if (first < 0) return '';
  const second = content.indexOf(':', first + 1);
  return second >= 0 && second < end ? content.slice(second + 1, end) : '';
}

/** argv as one line: NULs become spaces, the trailing separator goes. */
export function parseCmdline(bytes: Buffer): string {
  return parseCmdlineText(bytes.toString('utf8'));
}

/** parseCmdline over the already decoded text (NUL is one byte, so decoding first changes nothing). */
export function parseCmdlineText(text: string): string {
  return trimAscii(text.replaceAll('\0', ' '));
}

/** `btime` of /proc/stat: boot time in seconds since the epoch. */
export function parseBootTime(content: string): number | null {
  const match = /^btime\s+([0-9]+)\s*$/m.exec(content);
  return match ? Number(match[1]) : null;
}

const DELETED = ' (deleted)';

/**
 * Inode of the mapping whose path is exactly `path` in /proc/<pid>/maps, or null. Tells a binary really named
 * "x (deleted)" from a deleted "x".
 */
export function mappedInode(maps: string, path: string): string | null {
  for (const line of maps.split('\n')) {
    const parts = /^\S+\s+\S+\s+\S+\s+\S+\s+([0-9]+)\s+(.*)$/.exec(line);
    if (parts && parts[2] === path) return parts[1] as string;
  }
  return null;
}

export function endsDeleted(path: string): boolean {
  return path.endsWith(DELETED);
}

export function stripDeleted(path: string): string {
  return endsDeleted(path) ? path.slice(0, -DELETED.length) : path;
}
