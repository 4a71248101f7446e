import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TableRow } from '../../../../src/engine/builtin/table.js';
import { rowsOf, spawnReady, stop, tool, toolExists } from './helpers.js';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'osq-sys-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const pidIs = (pid: number) => [{ column: 'pid', op: '=' as const, values: [String(pid)] }];

/** `ls -l /proc/PID/fd` -> fd -> target. */
async function lsFds(pid: number): Promise<Map<number, string>> {
  const out = await tool('ls', ['-l', `/proc/${pid}/fd`]);
  const fds = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = / ([0-9]+) -> (.*)$/.exec(line);
    if (m) fds.set(Number(m[1]), m[2] as string);
  }
  return fds;
}

describe('process_open_files', () => {
  it('shows a file this process holds open, and agrees with ls -l /proc/PID/fd', async () => {
    const path = join(scratch, 'held open.txt');
    writeFileSync(path, 'evidence');
    const fd = openSync(path, 'r');
    try {
      const before = await lsFds(process.pid);
      const rows = await rowsOf('process_open_files', pidIs(process.pid));
      const after = await lsFds(process.pid);
      expect(rows).toContainEqual({ pid: process.pid, fd, path });
      for (const [n, target] of before) {
        if (after.get(n) !== target) continue; // changed while we looked
        const isFile = !/^(socket|pipe|anon_inode):/.test(target);
        expect(rows.some((r) => r.fd === n && r.path === target), `fd ${n} -> ${target}`).toBe(isFile);
      }
    } finally {
      closeSync(fd);
    }
  });
});

describe('process_memory_map', () => {
  it('has one row per line of /proc/PID/maps of a quiet child, fields split the same way', async () => {
    const child = await spawnReady('/bin/sh', ['-c', 'echo ready; read line']);
    try {
      const lines = (await tool('cat', [`/proc/${child.pid}/maps`])).trim().split('\n');
      const rows = await rowsOf('process_memory_map', pidIs(child.pid));
      expect(rows).toHaveLength(lines.length);
      lines.forEach((line, index) => {
        const [range, permissions, offset, device, inode, ...rest] = line.split(/\s+/);
        const [start, end] = (range as string).split('-');
        const path = rest.join(' ');
        expect(rows[index]).toEqual({
          pid: child.pid, start: `0x${start}`, end: `0x${end}`, permissions, offset: parseInt(offset as string, 16),
          device, inode: Number(inode), path, pseudo: inode === '0' && path !== '' ? 1 : 0,
        });
      });
      expect(rows.find((r) => r.path === '[stack]')?.pseudo).toBe(1);
      expect(rows.some((r) => r.path === realpathSync('/bin/sh') && r.pseudo === 0)).toBe(true);
    } finally {
      await stop(child);
    }
  });
});

describe('kernel_modules', () => {
  it('matches /proc/modules (empty where the kernel has no modules file)', async () => {
    const rows = await rowsOf('kernel_modules');
    if (!existsSync('/proc/modules')) {
      expect(rows).toEqual([]);
      return;
    }
    const names = (await tool('cat', ['/proc/modules'])).split('\n').filter(Boolean).map((l) => l.split(' ')[0]);
    expect(rows.map((r) => r.name)).toEqual(names);
    for (const row of rows) expect(String(row.used_by)).not.toMatch(/,$/);
  });
});

describe('mounts', () => {
  it('lists the mount points, devices and types findmnt lists', async () => {
    const out = await tool('findmnt', ['-rn', '-o', 'TARGET,SOURCE,FSTYPE']);
    // findmnt -r writes unsafe characters as \xHH.
    const unhex = (text: string): string => text.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const expected = out.trim().split('\n').map((line) => line.split(' ').map(unhex));
    const rows = await rowsOf('mounts');
    const key = (path: unknown, type: unknown): string => `${String(path)}|${String(type)}`;
    expect(new Set(rows.map((r) => key(r.path, r.type)))).toEqual(new Set(expected.map(([t, , f]) => key(t, f))));
    for (const [target, source] of expected) {
      if (source === undefined || source.includes('[')) continue; // bind mounts: findmnt adds the subtree
      expect(rows.some((r) => r.path === target && r.device === source), `${target} from ${source}`).toBe(true);
    }
  });

  it('has the statfs figures stat -f reports for /', async () => {
    const [bsize, blocks, files] = (await tool('stat', ['-f', '-c', '%S %b %c', '/'])).trim().split(' ').map(Number);
    const root = (await rowsOf('mounts')).filter((r) => r.path === '/').at(-1) as TableRow;
    expect(root).toMatchObject({ blocks_size: bsize, blocks, inodes: files });
  });
});

describe('uptime', () => {
  it('lies between two readings of /proc/uptime, split into days/hours/minutes/seconds', async () => {
    const seconds = (text: string): number => Number(text.split(' ')[0]);
    const before = seconds(readFileSync('/proc/uptime', 'utf8'));
    const [row] = await rowsOf('uptime');
    const after = seconds(readFileSync('/proc/uptime', 'utf8'));
    const total = Number(row?.total_seconds);
    expect(total).toBeGreaterThanOrEqual(Math.floor(before));
    expect(total).toBeLessThanOrEqual(Math.ceil(after) + 1);
    expect(Number(row?.days) * 86400 + Number(row?.hours) * 3600 + Number(row?.minutes) * 60 + Number(row?.seconds)).toBe(total);
  });
});

describe('system_info', () => {
  it('names the host as hostname does and counts CPUs and memory as nproc, uname and free do', async () => {
    const [row] = await rowsOf('system_info');
    expect(row?.computer_name).toBe((await tool('hostname', [])).trim());
    // The canonical name as the C library finds it in /etc/hosts (no DNS on a host under triage).
    const short = String(row?.computer_name);
    const args = ['-s', 'files', 'hosts', short];
    const entry = (await toolExists('getent', args)) ? await tool('getent', args) : '';
    expect(row?.hostname).toBe(entry.trim().split(/\s+/)[1] ?? short);
    expect(row?.local_hostname).toBe(row?.hostname);
    expect(row?.cpu_logical_cores).toBe(Number((await tool('nproc', ['--all'])).trim()));
    expect(row?.cpu_type).toBe((await tool('uname', ['-m'])).trim());
    const total = /^Mem:\s+([0-9]+)/m.exec(await tool('free', ['-b']))?.[1];
    expect(row?.physical_memory).toBe(Number(total));
    expect(Number(row?.cpu_physical_cores)).toBeGreaterThan(0);
    expect(Number(row?.cpu_physical_cores)).toBeLessThanOrEqual(Number(row?.cpu_logical_cores));
  });
});
