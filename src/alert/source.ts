/** The IO edge of alert intake: read a file or stdin (bounded), then hand the bytes to parseAlerts. */

import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { AlertInputError, AlertReadResult } from './types.js';
import { MAX_ALERT_BYTES, tooLargeError } from './decode.js';
import { displayOrigin } from './escape.js';
import { parseAlerts } from './read.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'file name too long',
  ENOTDIR: 'a part of the path is not a directory',
  EIO: 'input/output error',
};

function unreadable(origin: string, why: string): AlertInputError {
  return { kind: 'unreadable', message: `${displayOrigin(origin)}: cannot read the alert: ${why}` };
}

function reasonOf(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return REASONS[code] ?? (code !== '' ? code : 'read failed');
}

type Bytes = { ok: true; bytes: Uint8Array } | { ok: false; error: AlertInputError };

/** Reads at most one byte past the limit, so an endless or huge stream is refused without being held. */
async function readCapped(stream: AsyncIterable<unknown>, origin: string): Promise<Bytes> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(typeof chunk === 'string' ? chunk : (chunk as Uint8Array));
    total += buf.byteLength;
    if (total > MAX_ALERT_BYTES) return { ok: false, error: tooLargeError(origin, undefined) };
    chunks.push(buf);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/** Reads alerts from any readable stream (stdin for '-'). */
export async function readAlertStream(stream: Readable, origin: string): Promise<AlertReadResult> {
  let read: Bytes;
  try {
    read = await readCapped(stream, origin);
  } catch (err) {
    return { ok: false, error: unreadable(origin, reasonOf(err)) };
  } finally {
    // Stop reading anything left (an over-limit stream) without waiting for its end.
    if (!stream.readableEnded) stream.destroy();
  }
  return read.ok ? parseAlerts(read.bytes, origin) : read;
}

async function readFile(path: string): Promise<Bytes> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    return { ok: false, error: unreadable(path, reasonOf(err)) };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, error: unreadable(path, 'it is a directory') };
    // Regular files are refused by size before a byte is read; FIFOs and /proc files report 0 and are capped.
    if (info.isFile() && info.size > MAX_ALERT_BYTES) return { ok: false, error: tooLargeError(path, info.size) };
    return await readCapped(handle.createReadStream({ autoClose: false }), path);
  } catch (err) {
    return { ok: false, error: unreadable(path, reasonOf(err)) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads alerts from a file, or from stdin when given '-'. Never throws. */
export async function readAlertSource(pathOrDash: string): Promise<AlertReadResult> {
  if (pathOrDash === '-') return readAlertStream(process.stdin, '-');
  if (pathOrDash === '') return { ok: false, error: unreadable(pathOrDash, 'no file name given') };
  const read = await readFile(pathOrDash);
  return read.ok ? parseAlerts(read.bytes, pathOrDash) : read;
}
