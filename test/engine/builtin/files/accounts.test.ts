import { afterAll, describe, expect, it } from 'vitest';
import { parseGroup, parsePasswd } from '../../../../src/engine/builtin/tables/files/accounts.js';
import { fromText } from '../../../../src/engine/builtin/tables/files/bytes.js';
import { imageContext, link, liveContext, pick, put, rowsOf, run, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-accounts-');
afterAll(cleanup);

describe('passwd parsing (glibc fgetpwent rules)', () => {
  it('keeps the shell as the rest of the line, skips comments, blanks and bad ids', () => {
    const text = [
      'root:x:0:0:root:/root:/bin/bash',
      '  # a comment after blanks',
      '',
      'odd:x:1000:1000:Odd, Person,,,:/home/odd:/bin/sh:with:colons',
      'short:x:7:8',
      'badid:x:12a:1:::',
      'noid:x::1:::',
      'neg:x:-1:-1:::',
      'huge:x:99999999999:0:::',
    ].join('\n');
    expect(parsePasswd(fromText(text))).toEqual([
      { name: 'root', uid: 0, gid: 0, gecos: 'root', home: '/root', shell: '/bin/bash' },
      { name: 'odd', uid: 1000, gid: 1000, gecos: 'Odd, Person,,,', home: '/home/odd', shell: '/bin/sh:with:colons' },
      { name: 'short', uid: 7, gid: 8, gecos: '', home: '', shell: '' },
      { name: 'neg', uid: 4294967295, gid: 4294967295, gecos: '', home: '', shell: '' },
      { name: 'huge', uid: 4294967295, gid: 0, gecos: '', home: '', shell: '' },
    ]);
  });

  it('parses group lines', () => {
    expect(parseGroup(fromText('wheel:x:10:alice,bob\n#x:x:1:\nbad:x:q:\n'))).toEqual([{ name: 'wheel', gid: 10 }]);
  });
});

describe('users and groups on a mounted image', () => {
  it('reports int32 views of ids, NULL uuid, and duplicates as they are', async () => {
    const root = `${dir}/img1`;
    put(root, 'etc/passwd', 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/home/toor:/bin/sh\nnobody:x:4294967294:4294967294::/:\n');
    put(root, 'etc/group', 'root:x:0:\nwheel:x:10:\nalias:x:10:\nnogroup:x:4294967294:\n');
    const users = await rowsOf('users', imageContext(root));
    expect(users).toEqual([
      { uid: 0, gid: 0, uid_signed: 0, gid_signed: 0, username: 'root', description: 'root', directory: '/root', shell: '/bin/bash', uuid: null },
      { uid: 0, gid: 0, uid_signed: 0, gid_signed: 0, username: 'toor', description: '', directory: '/home/toor', shell: '/bin/sh', uuid: null },
      { uid: 4294967294, gid: 4294967294, uid_signed: -2, gid_signed: -2, username: 'nobody', description: '', directory: '/', shell: '', uuid: null },
    ]);
    const groups = await rowsOf('groups', imageContext(root));
    expect(groups).toEqual([
      { gid: 0, gid_signed: 0, groupname: 'root' },
      { gid: 10, gid_signed: 10, groupname: 'wheel' },
      { gid: 4294967294, gid_signed: -2, groupname: 'nogroup' },
    ]);
  });

  it('resolves an absolute /etc/passwd symlink inside the image, never on this machine', async () => {
    const root = `${dir}/img2`;
    // A file outside the image that the link's target names on this machine.
    const outside = put(dir, 'outside/shadow-like', 'outsider:x:0:0:HOST FILE:/root:/bin/bash\n');
    link(root, 'etc/passwd', outside);
    const users = await rowsOf('users', imageContext(root));
    expect(users).toEqual([]); // the target does not exist inside the image
    put(root, outside, 'insider:x:1:1:IMAGE FILE:/home/insider:/bin/sh\n');
    const again = await rowsOf('users', imageContext(root));
    expect(pick(again, ['username', 'description'])).toEqual([{ username: 'insider', description: 'IMAGE FILE' }]);
  });

  it('keeps ".." and relative links from climbing out of the image', async () => {
    const root = `${dir}/img3`;
    // On this machine ../../group.real from <root>/etc is <dir>/group.real; inside the image it is /group.real.
    put(dir, 'group.real', 'hostgroup:x:1:\n');
    put(root, 'group.real', 'imagegroup:x:1:\n');
    link(root, 'etc/group', '../../group.real');
    expect(await rowsOf('groups', imageContext(root))).toEqual([{ gid: 1, gid_signed: 1, groupname: 'imagegroup' }]);
    link(root, 'etc/loop', 'loop');
    link(root, 'etc/passwd', 'loop');
    expect(await rowsOf('users', imageContext(root))).toEqual([]);
  });
});

/** `getent DB` as records of fields. */
const getent = (db: string): string[][] =>
  run('getent', [db])
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(':'));

describe('users and groups on this machine', () => {
  it('match getent passwd field by field', async () => {
    const expected = getent('passwd').map((f) => ({
      username: f[0],
      uid: Number(f[2]),
      gid: Number(f[3]),
      uid_signed: Number(f[2]) | 0,
      gid_signed: Number(f[3]) | 0,
      description: f[4],
      directory: f[5],
      shell: f.slice(6).join(':'),
      uuid: null,
    }));
    const rows = await rowsOf('users', liveContext());
    expect(rows.length).toBeGreaterThan(0);
    expect(pick(rows, Object.keys(expected[0] ?? {}))).toEqual(expected);
  });

  it('match getent group, one row per gid', async () => {
    const seen = new Set<number>();
    const expected = [];
    for (const f of getent('group')) {
      const gid = Number(f[2]);
      if (seen.has(gid)) continue;
      seen.add(gid);
      expected.push({ gid, gid_signed: gid | 0, groupname: f[0] });
    }
    expect(await rowsOf('groups', liveContext())).toEqual(expected);
  });
});
