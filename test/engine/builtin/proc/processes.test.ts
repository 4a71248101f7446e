import { copyFileSync, mkdtempSync, realpathSync, rmSync, unlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TableRow } from '../../../../src/engine/builtin/table.js';
import { rowsOf, spawnReady, stop, table, tool } from './helpers.js';

interface PsRow {
  ppid: number;
  uid: number;
  gid: number;
  comm: string;
  args: string;
}

/** `ps -eo pid,ppid,uid,gid,comm,args`: comm is a 15-wide left-aligned column, args the rest of the line. */
async function ps(): Promise<Map<number, PsRow>> {
  const out = await tool('ps', ['-eo', 'pid,ppid,uid,gid,comm,args', '--no-headers']);
  const rows = new Map<number, PsRow>();
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9]+)\s+([0-9]+)\s+([0-9]+)\s+([0-9]+) (.{15}) (.*)$/.exec(line);
    if (m === null) continue;
    rows.set(Number(m[1]), {
      ppid: Number(m[2]),
      uid: Number(m[3]),
      gid: Number(m[4]),
      comm: (m[5] as string).trimEnd(),
      args: m[6] as string,
    });
  }
  return rows;
}

const printable = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);
const scratch = mkdtempSync(join(tmpdir(), 'osq-proc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('processes', () => {
  it('lists the processes ps sees, with the same parent, uid, gid, name and command line', async () => {
    const before = await ps();
    const rows = await rowsOf('processes');
    const after = await ps();
    const ours = new Map(rows.map((r) => [r.pid as number, r]));
    const stable = [...before.keys()].filter((pid) => after.has(pid));
    expect(stable.length).toBeGreaterThan(1);
    for (const pid of stable) {
      const row = ours.get(pid);
      expect(row, `pid ${pid} alive before and after`).toBeDefined();
      const seen = [before.get(pid) as PsRow, after.get(pid) as PsRow];
      const r = row as TableRow;
      expect(seen.some((p) => p.ppid === r.parent), `parent of ${pid}`).toBe(true);
      expect(seen.some((p) => p.uid === r.uid && p.gid === r.gid), `ids of ${pid}`).toBe(true);
      // ps shows the 15-byte comm; status (osquery's source) gives kernel threads their full name on newer kernels.
      // A kernel worker's name ends in the workqueue it is serving at that instant ("kworker/1:1-events"), which can
      // change between any two reads: only the worker part before the '-' is stable.
      const stable = (name: string): string => (name.startsWith('kworker/') ? name.replace(/-.*$/, '') : name);
      const comms = seen.map((p) => stable(p.comm)).filter(printable);
      if (comms.length === 2 && printable(String(r.name))) expect(comms).toContain(stable(String(r.name).slice(0, 15)));
      if (r.cmdline !== '' && printable(String(r.cmdline))) {
        expect(seen.map((p) => p.args.trim()), `cmdline of ${pid}`).toContain(r.cmdline);
      }
    }
  });

  it('reports a child it started exactly: path, argv, cwd, parent, ids', async () => {
    const cwd = realpathSync(mkdtempSync(join(scratch, 'cwd-')));
    const script = "process.stdout.write('ready'); setInterval(() => {}, 1e6)";
    const child = await spawnReady(process.execPath, ['-e', script, 'alpha', 'beta gamma'], { cwd });
    try {
      const rows = await rowsOf('processes', [{ column: 'pid', op: '=', values: [String(child.pid)] }]);
      expect(rows).toHaveLength(1);
      const row = rows[0] as TableRow;
      const comm = (await tool('ps', ['-o', 'comm=', '-p', String(child.pid)])).trim();
      expect(row).toMatchObject({
        pid: child.pid,
        name: comm,
        path: realpathSync(process.execPath),
        cmdline: [process.execPath, '-e', script, 'alpha', 'beta gamma'].join(' '),
        cwd,
        root: '/',
        parent: process.pid,
        uid: process.getuid?.(),
        gid: process.getgid?.(),
        euid: process.geteuid?.(),
        egid: process.getegid?.(),
        on_disk: 1,
        wired_size: 0,
      });
      expect(['R', 'S']).toContain(row.state);
      expect(row.threads).toBeGreaterThanOrEqual(1);
      const bootTime = Number(/^btime ([0-9]+)$/m.exec(await tool('cat', ['/proc/stat']))?.[1]);
      expect(row.start_time).toBeGreaterThanOrEqual(bootTime);
      expect(row.start_time).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
      expect(Number(row.resident_size)).toBeGreaterThan(0);
      expect(Number(row.total_size)).toBeGreaterThanOrEqual(Number(row.resident_size));
    } finally {
      await stop(child);
    }
  });

  it('reads a command name made of spaces and parentheses without shifting fields', async () => {
    const dir = join(scratch, 'odd');
    mkdirSync(dir, { recursive: true });
    const binary = join(dir, 'a) b (c');
    copyFileSync('/bin/sh', binary);
    const child = await spawnReady(binary, ['-c', 'echo ready; read line']);
    try {
      const [row] = await rowsOf('processes', [{ column: 'pid', op: '=', values: [String(child.pid)] }]);
      expect(row).toMatchObject({ pid: child.pid, name: basename(binary), path: binary, parent: process.pid });
      expect(['R', 'S']).toContain(row?.state);
    } finally {
      await stop(child);
    }
  });

  it('reads a command line of 150,000 empty arguments in full (a shape an attacker can give it)', async () => {
    const argv = ['-c', 'echo ready; read line', 'sh', ...new Array<string>(150_000).fill(''), 'end'];
    const child = await spawnReady('/bin/sh', argv);
    try {
      const [row] = await rowsOf('processes', [{ column: 'pid', op: '=', values: [String(child.pid)] }]);
      expect(row?.cmdline).toBe(['/bin/sh', ...argv].join(' '));
    } finally {
      await stop(child);
    }
  });

  it('marks a running binary that was deleted: suffix stripped, on_disk 0', async () => {
    const binary = join(scratch, 'gone-sh');
    copyFileSync('/bin/sh', binary);
    const child = await spawnReady(binary, ['-c', 'echo ready; read line']);
    try {
      unlinkSync(binary);
      expect(await tool('ls', ['-l', `/proc/${child.pid}/exe`])).toContain(`${binary} (deleted)`);
      const [row] = await rowsOf('processes', [{ column: 'pid', op: 'IN', values: [String(child.pid)] }]);
      expect(row).toMatchObject({ path: binary, on_disk: 0 });
    } finally {
      await stop(child);
    }
  });

  it('reads only the pids a constraint names, and skips those that are gone', async () => {
    const child = await spawnReady(process.execPath, ['-e', "process.stdout.write('ready'); setInterval(() => {}, 1e6)"]);
    const gonePid = child.pid;
    await stop(child);
    const rows = await rowsOf('processes', [
      { column: 'pid', op: 'IN', values: [String(process.pid), String(gonePid), '0', '-1'] },
    ]);
    expect(rows.map((r) => r.pid)).toEqual([process.pid]);
  });

  it('declares osquery columns in spec order, all live-only', () => {
    const spec = table('processes');
    expect(spec.liveOnly).toBe(true);
    expect(spec.columns.map((c) => c.name)).toEqual([
      'pid', 'name', 'path', 'cmdline', 'state', 'cwd', 'root', 'uid', 'gid', 'euid', 'egid', 'suid', 'sgid',
      'on_disk', 'wired_size', 'resident_size', 'total_size', 'user_time', 'system_time', 'disk_bytes_read',
      'disk_bytes_written', 'start_time', 'parent', 'pgroup', 'threads', 'nice', 'cgroup_path',
    ]);
  });
});
