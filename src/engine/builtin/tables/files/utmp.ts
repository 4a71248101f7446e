import type { TableRow, TableSpec } from '../../table.js';
import { bufferBytes, toText, type Bytes } from './bytes.js';
import { Tree } from './tree.js';

/**
 * glibc's struct utmp on x86_64 (384 bytes): ut_type i16 (+2 pad) @0, ut_pid i32 @4, ut_line[32] @8, ut_id[4] @40,
 * ut_user[32] @44, ut_host[256] @76, ut_exit @332, ut_session i32 @336, ut_tv {i32 sec @340, i32 usec @344},
 * ut_addr_v6 [4]i32 @348, reserved[20] @364. Little-endian.
 */
export const UTMP_RECORD_SIZE = 384;

export interface UtmpRecord {
  type: number;
  pid: number;
  line: Bytes;
  id: Bytes;
  user: Bytes;
  host: Bytes;
  time: number;
}

/** A fixed-size char field: up to the first NUL, never past its end. */
function field(record: Buffer, offset: number, size: number): Bytes {
  const raw = record.subarray(offset, offset + size);
  const nul = raw.indexOf(0);
  return bufferBytes(nul < 0 ? raw : raw.subarray(0, nul));
}

export function parseUtmpRecord(record: Buffer): UtmpRecord {
  return {
    type: record.readInt16LE(0),
    pid: record.readInt32LE(4),
    line: field(record, 8, 32),
    id: field(record, 40, 4),
    user: field(record, 44, 32),
    host: field(record, 76, 256),
    time: record.readInt32LE(340),
  };
}

/** Every whole record in the file, read in blocks (wtmp can be large); a torn record at the end is ignored. */
export async function readUtmp(tree: Tree, path: Bytes): Promise<UtmpRecord[] | null> {
  const file = await tree.openRegular(path);
  if (!file) return null;
  const records: UtmpRecord[] = [];
  const block = Buffer.alloc(UTMP_RECORD_SIZE * 2048);
  let filled = 0;
  try {
    for (;;) {
      const { bytesRead } = await file.handle.read(block, filled, block.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      const whole = filled - (filled % UTMP_RECORD_SIZE);
      for (let at = 0; at < whole; at += UTMP_RECORD_SIZE) {
        records.push(parseUtmpRecord(block.subarray(at, at + UTMP_RECORD_SIZE)));
      }
      block.copy(block, 0, whole, filled);
      filled -= whole;
    }
    return records;
  } catch {
    return records;
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

/** logged_in_users type names (glibc ut_type values 0..9). */
const LOGIN_TYPES = ['empty', 'runlevel', 'boot_time', 'new_time', 'old_time', 'init', 'login', 'user', 'dead', 'accounting'];
const USER_PROCESS = 7;
const DEAD_PROCESS = 8;

export const loggedInUsersTable: TableSpec = {
  name: 'logged_in_users',
  columns: [
    { name: 'type', type: 'TEXT' },
    { name: 'user', type: 'TEXT' },
    { name: 'tty', type: 'TEXT' },
    { name: 'host', type: 'TEXT' },
    { name: 'time', type: 'BIGINT' },
    { name: 'pid', type: 'INTEGER' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const tree = new Tree(ctx);
    const records = (await readUtmp(tree, '/var/run/utmp')) ?? (await readUtmp(tree, '/run/utmp')) ?? [];
    return records
      .filter((r) => r.pid !== 1)
      .map((r): TableRow => ({
        type: LOGIN_TYPES[r.type] ?? 'unknown',
        user: toText(r.user),
        tty: toText(r.line),
        host: toText(r.host),
        time: r.time,
        pid: r.pid,
      }));
  },
};

export const lastTable: TableSpec = {
  name: 'last',
  columns: [
    { name: 'username', type: 'TEXT' },
    { name: 'tty', type: 'TEXT' },
    { name: 'pid', type: 'INTEGER' },
    { name: 'type', type: 'INTEGER' },
    { name: 'type_name', type: 'TEXT' },
    { name: 'time', type: 'INTEGER' },
    { name: 'host', type: 'TEXT' },
  ],
  liveOnly: false,
  async generate(ctx) {
    const records = (await readUtmp(new Tree(ctx), '/var/log/wtmp')) ?? [];
    return records
      .filter((r) => r.type === USER_PROCESS || r.type === DEAD_PROCESS)
      .map((r): TableRow => ({
        username: toText(r.user),
        tty: toText(r.line),
        pid: r.pid,
        type: r.type,
        type_name: r.type === USER_PROCESS ? 'user-process' : 'dead-process',
        time: r.time,
        host: toText(r.host),
      }));
  },
};
