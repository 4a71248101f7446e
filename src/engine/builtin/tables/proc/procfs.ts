/**
 * The one place the live tables touch the kernel's files. Every read answers `null` when the thing is gone or
 * unreadable (a process that exited, a link we may not follow): tables decide what a missing value means.
 *
 * Two flavours: asynchronous reads (libuv's threadpool, one round trip per open, read and close), and synchronous
 * ones for the hot tables. The engine runs statements in its own worker thread, so a synchronous read blocks no
 * interface, and it costs about half: hundreds of small /proc files are read faster one after the other than
 * through the threadpool.
 */
import {
  close, closeSync, open, openSync, read, readdir, readdirSync, readlink, readlinkSync, readSync, statSync,
} from 'node:fs';
import { isDecimal } from './values.js';

/**
 * How to tell the end of a kernel file without one more read (each extra read of /proc/net/tcp walks the whole
 * TCP hash again, milliseconds on a big host):
 * - 'single': rendered in one go (stat, status, io, cmdline, cgroup): any short read is the end.
 * - 'records': a seq_file of short records (net tables, lines under 512 bytes). One read returns at most a 4 KiB
 *   page of whole records, so a read that stops well short of a page stopped at the end.
 * - 'until-eof': read until the kernel returns 0 (maps, whose lines can be a path long).
 */
export type ReadMode = 'single' | 'records' | 'until-eof';
const SEQ_PAGE = 4096;
const MAX_RECORD = 512;
const SMALL_READ = 4000;

/** Whole contents of a /proc or /sys file (their sizes are not known in advance), or null. */
export function readBytes(path: string, mode: ReadMode = 'until-eof'): Promise<Buffer | null> {
  return new Promise((resolve) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return resolve(null);
      const chunks: Buffer[] = [];
      // Most per-process files and a net table page fit in one small read (under 4 KiB so Node takes the buffer
      // from its pool); maps are read in larger steps.
      let size = mode === 'until-eof' ? 16 * 1024 : SMALL_READ;
      const finish = (result: Buffer | null): void => {
        close(fd, () => undefined);
        resolve(result);
      };
      const next = (): void => {
        const buffer = Buffer.allocUnsafe(size);
        read(fd, buffer, 0, size, null, (readError, count) => {
          if (readError) return finish(null);
          if (count > 0) chunks.push(buffer.subarray(0, count));
          const ended =
            count === 0 ||
            (mode === 'single' && count < size) ||
            (mode === 'records' && count < SEQ_PAGE - MAX_RECORD);
          if (ended) return finish(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
          size = Math.min(size * 2, 1024 * 1024);
          next();
        });
      };
      next();
    });
  });
}

export async function readText(path: string, mode: ReadMode = 'until-eof'): Promise<string | null> {
  const bytes = await readBytes(path, mode);
  return bytes === null ? null : bytes.toString('utf8');
}

/** Target of a symbolic link (fd, exe, cwd, ns/net), or null. */
export function readLink(path: string): Promise<string | null> {
  return new Promise((resolve) => readlink(path, (error, target) => resolve(error ? null : target)));
}

/** Entry names of a directory, or null. */
export function listDir(path: string): Promise<string[] | null> {
  return new Promise((resolve) => readdir(path, (error, names) => resolve(error ? null : names)));
}

/**
 * One buffer for every synchronous read (a thread reads one file at a time), grown when a file outgrows it. Sized
 * so that a per-process file or a net table page fits in one read.
 */
const SCRATCH_SIZE = 64 * 1024;
const SCRATCH_KEPT = 1024 * 1024;
let scratch = Buffer.allocUnsafe(SCRATCH_SIZE);

/** Synchronous readText: same end-of-file rules, so a net table is still walked once. */
export function readTextSync(path: string, mode: ReadMode = 'until-eof'): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    let length = 0;
    for (;;) {
      // A records read must have room for a whole page, or a short read would not mean the end.
      if (scratch.length - length < SEQ_PAGE) {
        const grown = Buffer.allocUnsafe(scratch.length * 2);
        scratch.copy(grown, 0, 0, length);
        scratch = grown;
      }
      const room = scratch.length - length;
      const count = readSync(fd, scratch, length, room, null);
      length += count;
      const ended =
        count === 0 || (mode === 'single' && count < room) || (mode === 'records' && count < SEQ_PAGE - MAX_RECORD);
      if (ended) return scratch.toString('utf8', 0, length);
    }
  } catch {
    return null;
  } finally {
    closeSync(fd);
    // A huge file (a big process's maps) leaves no huge buffer behind.
    if (scratch.length > SCRATCH_KEPT) scratch = Buffer.allocUnsafe(SCRATCH_SIZE);
  }
}

export function readLinkSync(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

export function statInodeSync(path: string): string | null {
  try {
    return statSync(path, { bigint: true, throwIfNoEntry: false })?.ino.toString() ?? null;
  } catch {
    return null;
  }
}

export function listDirSync(path: string): string[] | null {
  try {
    return readdirSync(path);
  } catch {
    return null;
  }
}

/** Process ids under a /proc directory, ordered as osquery walks them (as strings, so "10" before "2"). */
export function listPidsSync(procRoot: string): string[] {
  return (listDirSync(procRoot) ?? []).filter((name) => isDecimal(name) && Number(name) > 0).sort(compareText);
}

/** Run `work` over `items` with at most `limit` in flight; results keep the order of `items`. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
