import { chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Constraint, TableRow } from '../../../../src/engine/builtin/table.js';
import { TableError } from '../../../../src/engine/builtin/table.js';
import { liveContext, rowsOf, run, runBytes, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-file-');
afterAll(cleanup);

/** Hostile names: spaces, quotes, a newline, an escape sequence, and bytes that are not UTF-8. */
const NAMES = ['with space', `quo'te"d`, 'new\nline', 'esc\x1b[31mred', 'a_c', 'abc', '.dotfile'];
const BAD_NAME = Buffer.from([0x62, 0x61, 0x64, 0x2d, 0xff, 0xfe]); // "bad-" + invalid UTF-8

const D = `${dir}/d`;
mkdirSync(`${D}/sub/deeper/.h2`, { recursive: true });
writeFileSync(`${D}/regular.txt`, 'hello\n');
chmodSync(`${D}/regular.txt`, 0o640);
writeFileSync(`${D}/exec`, '#!/bin/sh\n');
chmodSync(`${D}/exec`, 0o4755);
symlinkSync('regular.txt', `${D}/link`);
symlinkSync('nope', `${D}/dangling`);
symlinkSync('sub', `${D}/dirlink`);
run('mkfifo', [`${D}/fifo`]);
for (const n of NAMES) writeFileSync(`${D}/${n}`, `content of ${n}\n`);
writeFileSync(Buffer.concat([Buffer.from(`${D}/`), BAD_NAME]), 'bad\n');
writeFileSync(`${D}/sub/a`, 'a');
writeFileSync(`${D}/sub/.hidden`, 'h');
writeFileSync(`${D}/sub/deeper/b`, 'b');
writeFileSync(`${D}/sub/deeper/.h2/c`, 'c');

const eq = (column: string, ...values: string[]): Constraint => ({ column, op: values.length > 1 ? 'IN' : '=', values });
const like = (column: string, value: string): Constraint => ({ column, op: 'LIKE', values: [value] });
const file = (...constraints: Constraint[]): Promise<TableRow[]> => rowsOf('file', liveContext(constraints));

interface Stat {
  inode: number;
  uid: number;
  gid: number;
  mode: number;
  size: number;
  atime: number;
  mtime: number;
  ctime: number;
  links: number;
  kind: string;
}

const STAT_FORMAT = '%i|%u|%g|%a|%s|%X|%Y|%Z|%h|%F|%n\\0';

/** `stat` (or `stat -L`) over every entry of D, the shell expanding names so raw bytes survive. */
function statAll(follow: boolean): Map<string, Stat> {
  const script = `stat ${follow ? '-L ' : ''}--printf '${STAT_FORMAT}' -- "$1"/* "$1"/.[!.]* 2>/dev/null; true`;
  const out = runBytes('sh', ['-c', script, 'sh', D]);
  const found = new Map<string, Stat>();
  for (const record of out.toString('latin1').split('\0').filter(Boolean)) {
    const parts = record.split('|');
    const name = parts.slice(10).join('|');
    const [inode, uid, gid, mode, size, atime, mtime, ctime, links, kind] = parts;
    found.set(Buffer.from(name, 'latin1').toString('utf8'), {
      inode: Number(inode),
      uid: Number(uid),
      gid: Number(gid),
      mode: parseInt(mode ?? '', 8),
      size: Number(size),
      atime: Number(atime),
      mtime: Number(mtime),
      ctime: Number(ctime),
      links: Number(links),
      kind: kind ?? '',
    });
  }
  return found;
}

const KINDS: Record<string, string> = {
  'regular file': 'regular',
  'regular empty file': 'regular',
  directory: 'directory',
  fifo: 'fifo',
  socket: 'socket',
  'character special file': 'character',
  'block special file': 'block',
};

describe('file on this machine, against stat', () => {
  it('lists directory = D: every entry, dotfiles and hostile names included, fields as stat says', async () => {
    const rows = await file(eq('directory', D));
    const plain = statAll(false);
    const followed = statAll(true);
    expect(plain.size).toBe(NAMES.length + 8);
    expect(new Set(rows.map((r) => r.path))).toEqual(new Set(plain.keys()));
    for (const row of rows) {
      const path = String(row.path);
      const own = plain.get(path);
      const st = followed.get(path) ?? own;
      expect(own && st, path).toBeTruthy();
      if (!own || !st) continue;
      const isLink = own.kind === 'symbolic link';
      expect(row, path).toEqual({
        path,
        directory: D,
        filename: path.slice(D.length + 1),
        inode: st.inode,
        uid: st.uid,
        gid: st.gid,
        mode: st.mode.toString(8).padStart(4, '0'),
        device: 0,
        size: st.size,
        block_size: expect.any(Number),
        atime: st.atime,
        mtime: st.mtime,
        ctime: st.ctime,
        btime: 0,
        hard_links: st.links,
        symlink: isLink ? 1 : 0,
        type: followed.has(path) ? KINDS[st.kind] : 'unknown',
        symlink_target_path: isLink ? run('readlink', [path]).replace(/\n$/, '') : null,
      });
    }
    const bad = rows.find((r) => String(r.path).includes('\ufffd'));
    expect(bad?.size).toBe(4); // reached through its raw bytes although its name is not text
  });

  it('answers path = / IN for hostile names exactly as written', async () => {
    const wanted = [`${D}/new\nline`, `${D}/quo'te"d`, `${D}/esc\x1b[31mred`, `${D}/missing`];
    const rows = await file(eq('path', ...wanted));
    expect(rows.map((r) => r.path)).toEqual(wanted.slice(0, 3).sort());
    expect(rows.map((r) => r.directory)).toEqual([D, D, D]);
  });

  it('describes a character device with its rdev', async () => {
    const [row] = await file(eq('path', '/dev/null'));
    const [major, minor] = run('stat', ['-c', '%t %T', '/dev/null']).trim().split(' ').map((h) => parseInt(h, 16));
    expect(row).toMatchObject({ type: 'character', device: ((major ?? 0) << 8) | (minor ?? 0), mode: '0666' });
  });

  it('refuses without a path or directory constraint, in osquery words', async () => {
    await expect(file()).rejects.toThrow(TableError);
    await expect(file(eq('filename', 'x'))).rejects.toThrow('Table file was queried without a required column in the WHERE clause');
    await expect(rowsOf('hash', liveContext([]))).rejects.toThrow('Table hash was queried without a required column in the WHERE clause');
  });
});

/** `find ARGS -printf '%Y%p\0'`: each path with its type after following links (d = directory). */
function find(args: string[]): Array<{ path: string; dir: boolean }> {
  return runBytes('find', [...args, '-printf', '%Y%p\\0'])
    .toString('latin1')
    .split('\0')
    .filter(Boolean)
    .map((r) => ({ path: Buffer.from(r.slice(1), 'latin1').toString('utf8'), dir: r.startsWith('d') }));
}

const marked = (entries: Array<{ path: string; dir: boolean }>): string[] =>
  entries.map((e) => (e.dir ? `${e.path}/` : e.path)).sort();

describe('file LIKE globbing, against find', () => {
  it('% matches one level, no dotfiles, directories come back as "path/" with filename "."', async () => {
    const rows = await file(like('path', `${D}/%`));
    const expected = marked(find([D, '-mindepth', '1', '-maxdepth', '1', '!', '-name', '.*']));
    expect(rows.map((r) => String(r.path)).sort()).toEqual(expected);
    const sub = rows.find((r) => r.path === `${D}/sub/`);
    expect(sub).toMatchObject({ directory: `${D}/sub`, filename: '.', type: 'directory', symlink: 0 });
    const dirlink = rows.find((r) => r.path === `${D}/dirlink/`);
    expect(dirlink).toMatchObject({ symlink: 0, type: 'directory' }); // lstat of "x/" follows the link
  });

  it('%% recurses (dotfiles below the first level included, links to directories followed)', async () => {
    const T = `${dir}/tree`;
    mkdirSync(`${T}/a/.h`, { recursive: true });
    mkdirSync(`${T}/a/b`, { recursive: true });
    mkdirSync(`${T}/.dot`, { recursive: true });
    mkdirSync(`${dir}/elsewhere/x`, { recursive: true });
    for (const f of ['a/.h/x', 'a/b/c', '.dot/d', 'top', 'a/new\nline']) writeFileSync(`${T}/${f}`, '');
    writeFileSync(`${dir}/elsewhere/x/y`, '');
    symlinkSync(`${dir}/elsewhere`, `${T}/a/out`);
    const rows = await file(like('path', `${T}/%%`));
    const firstLevel = find([T, '-mindepth', '1', '-maxdepth', '1', '!', '-name', '.*']);
    const below = firstLevel.filter((e) => e.dir).flatMap((e) => find(['-L', e.path, '-mindepth', '1']));
    expect(rows.map((r) => String(r.path)).sort()).toEqual(marked([...firstLevel, ...below]));
    expect(rows.some((r) => r.path === `${T}/a/.h/x`)).toBe(true);
    expect(rows.some((r) => r.path === `${T}/a/out/x/y`)).toBe(true);
    expect(rows.some((r) => String(r.path).startsWith(`${T}/.dot`))).toBe(false);
  });

  it('%% walks a directory reached twice (through a link) only once', async () => {
    const rows = (await file(like('path', `${D}/%%`))).map((r) => String(r.path));
    const viaSub = rows.filter((p) => p.startsWith(`${D}/sub/`) && p !== `${D}/sub/`).map((p) => p.slice(`${D}/sub/`.length));
    const viaLink = rows.filter((p) => p.startsWith(`${D}/dirlink/`) && p !== `${D}/dirlink/`).map((p) => p.slice(`${D}/dirlink/`.length));
    const inside = find([`${D}/sub`, '-mindepth', '1']).map((e) => (e.dir ? `${e.path}/` : e.path).slice(`${D}/sub/`.length));
    expect([...viaSub, ...viaLink].sort()).toEqual(inside.sort());
    expect(viaSub.length === 0 || viaLink.length === 0).toBe(true);
  });

  it('treats _ literally and % as a wildcard inside a name', async () => {
    expect((await file(like('path', `${D}/a_c`))).map((r) => r.path)).toEqual([`${D}/a_c`]);
    expect((await file(like('path', `${D}/a%c`))).map((r) => r.path)).toEqual([`${D}/a_c`, `${D}/abc`]);
    expect((await file(like('path', `${D}/.%`))).map((r) => r.path)).toEqual([`${D}/../`, `${D}/./`, `${D}/.dotfile`]);
  });

  it('directory LIKE lists entries of matched directories, named with the trailing slash', async () => {
    const rows = await file(like('directory', `${D}/s%`));
    const expected = find([`${D}/sub`, '-mindepth', '1', '-maxdepth', '1']).map((e) => e.path);
    expect(rows.map((r) => String(r.path)).sort()).toEqual(expected.sort());
    expect(new Set(rows.map((r) => r.directory))).toEqual(new Set([`${D}/sub/`]));
  });

  it('ends a recursive walk that loops through a link to an ancestor', async () => {
    const L = `${dir}/loop`;
    mkdirSync(`${L}/a/b`, { recursive: true });
    symlinkSync('..', `${L}/a/b/up`);
    const rows = await file(like('path', `${L}/%%`));
    expect(rows.map((r) => r.path).sort()).toEqual([`${L}/a/`, `${L}/a/b/`, `${L}/a/b/up/`]);
  });
});

describe('hash on this machine, against md5sum / sha1sum / sha256sum', () => {
  const sums = (tool: string, files: string[]): Map<string, string> => {
    const out = runBytes('sh', ['-c', `${tool} -z -- "$@"`, 'sh', ...files]).toString('utf8');
    return new Map(out.split('\0').filter(Boolean).map((l) => [l.slice(l.indexOf('  ') + 2), l.slice(0, l.indexOf('  '))]));
  };

  it('hashes regular files (through links) under directory = D, and nothing else', async () => {
    const rows = await rowsOf('hash', liveContext([eq('directory', D)]));
    const regular = find([D, '-mindepth', '1', '-maxdepth', '1', '-xtype', 'f']).map((e) => e.path);
    expect(rows.map((r) => String(r.path)).sort()).toEqual(regular.sort());
    const valid = regular.filter((p) => !p.includes('\ufffd'));
    const md5 = sums('md5sum', valid);
    const sha1 = sums('sha1sum', valid);
    const sha256 = sums('sha256sum', valid);
    for (const row of rows.filter((r) => valid.includes(String(r.path)))) {
      const p = String(row.path);
      expect(row, p).toEqual({ path: p, directory: D, md5: md5.get(p), sha1: sha1.get(p), sha256: sha256.get(p) });
    }
    const bad = rows.find((r) => String(r.path).includes('\ufffd'));
    expect(bad?.sha256).toBe(run('sh', ['-c', 'printf "bad\\n" | sha256sum']).slice(0, 64));
  });

  it('gives empty hashes past 50 MiB, and hashes a file of exactly 50 MiB', async () => {
    const big = `${dir}/big`;
    const limit = `${dir}/limit`;
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024 + 1);
    writeFileSync(limit, '');
    truncateSync(limit, 50 * 1024 * 1024);
    const rows = await rowsOf('hash', liveContext([eq('path', big, limit, `${D}/fifo`, `${D}/sub`)]));
    expect(rows).toEqual([
      { path: big, directory: dir, md5: '', sha1: '', sha256: '' },
      { path: limit, directory: dir, md5: sums('md5sum', [limit]).get(limit), sha1: sums('sha1sum', [limit]).get(limit), sha256: sums('sha256sum', [limit]).get(limit) },
    ]);
  });
});
