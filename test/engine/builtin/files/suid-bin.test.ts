import { chmodSync, chownSync, mkdirSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { imageContext, link, liveContext, put, rowsOf, run, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-suid-');
afterAll(cleanup);
const isRoot = process.getuid?.() === 0;

function setid(path: string, mode: number, uid?: number, gid?: number): void {
  if (uid !== undefined && gid !== undefined && isRoot) chownSync(path, uid, gid);
  chmodSync(path, mode); // after chown, which clears the set-id bits
}

describe('suid_bin on a mounted image', () => {
  const root = `${dir}/img`;
  put(root, 'etc/passwd', 'root:x:0:0::/root:/bin/sh\nmail:x:8:8::/var/mail:/bin/false\n');
  put(root, 'etc/group', 'root:x:0:\nmail:x:8:\nshadow:x:42:\n');
  setid(put(root, 'usr/bin/su', 'x'), 0o4755, 0, 0);
  setid(put(root, 'usr/bin/chage', 'x'), 0o2755, 0, 42);
  setid(put(root, 'usr/bin/both', 'x'), 0o6755, 8, 8);
  setid(put(root, 'usr/bin/stranger', 'x'), 0o4700, 4242, 4343);
  put(root, 'usr/bin/plain', 'x', 0o755);
  setid(put(root, 'usr/lib/hidden/helper', 'x'), 0o4755, 0, 0);
  link(root, 'usr/bin/alias-to-su', '/usr/bin/su'); // absolute: resolved inside the image
  link(root, 'bin', 'usr/bin');
  setid(put(root, 'tmp/.x/deep/er/rootshell', 'x'), 0o4777, 0, 0);
  link(root, 'tmp/libdir', '/usr/lib'); // a link to a directory is not walked into
  mkdirSync(`${root}/usr/local/bin`, { recursive: true });

  it('walks each search path recursively, follows the start and file links, not directory links', async () => {
    const rows = await rowsOf('suid_bin', imageContext(root));
    const sorted = [...rows].sort((a, b) => String(a.path).localeCompare(String(b.path)));
    const expected = [
      { path: '/bin/alias-to-su', username: 'root', groupname: 'root', permissions: 'S' },
      { path: '/bin/both', username: 'mail', groupname: 'mail', permissions: 'SG' },
      { path: '/bin/chage', username: 'root', groupname: 'shadow', permissions: 'G' },
      { path: '/bin/stranger', username: '4242', groupname: '4343', permissions: 'S' },
      { path: '/bin/su', username: 'root', groupname: 'root', permissions: 'S' },
      { path: '/tmp/.x/deep/er/rootshell', username: 'root', groupname: 'root', permissions: 'S' },
      { path: '/usr/bin/alias-to-su', username: 'root', groupname: 'root', permissions: 'S' },
      { path: '/usr/bin/both', username: 'mail', groupname: 'mail', permissions: 'SG' },
      { path: '/usr/bin/chage', username: 'root', groupname: 'shadow', permissions: 'G' },
      { path: '/usr/bin/stranger', username: '4242', groupname: '4343', permissions: 'S' },
      { path: '/usr/bin/su', username: 'root', groupname: 'root', permissions: 'S' },
    ];
    if (!isRoot) {
      // Without root the files keep our own ids; compare paths and bits only.
      expect(sorted.map((r) => [r.path, r.permissions])).toEqual(expected.map((r) => [r.path, r.permissions]));
      return;
    }
    expect(sorted).toEqual(expected);
  });
});

describe('suid_bin on this machine', () => {
  it('matches find outside /tmp (which others write to while we run)', async () => {
    const starts = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];
    const expected: string[] = [];
    for (const start of starts) {
      let st;
      try {
        st = statSync(start);
      } catch {
        continue;
      }
      if (!st.isDirectory()) continue;
      // Regular files with set-id bits, and links whose target is one (find -perm on a link tests the link).
      const links = run('find', [`${start}/`, '-mindepth', '1', '-type', 'l', '-xtype', 'f', '-print0']);
      const files = run('find', [`${start}/`, '-mindepth', '1', '-type', 'f', '-perm', '/6000', '-print0']);
      for (const p of files.split('\0').filter(Boolean)) expected.push(p.replace(`${start}//`, `${start}/`));
      for (const p of links.split('\0').filter(Boolean)) {
        if ((statSync(p).mode & 0o6000) !== 0) expected.push(p.replace(`${start}//`, `${start}/`));
      }
    }
    const rows = await rowsOf('suid_bin', liveContext());
    const got = rows.map((r) => String(r.path)).filter((p) => !p.startsWith('/tmp/'));
    expect(got.length).toBeGreaterThan(0);
    expect([...got].sort()).toEqual([...expected].sort());
  });
});
