import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Constraint } from '../../../../src/engine/builtin/table.js';
import { imageContext, link, put, rowsOf, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-fimg-');
afterAll(cleanup);

const root = `${dir}/img`;
const outside = put(dir, 'host-secret', 'root:$6$HOST:19000:0:99999:7:::\n');
put(root, 'etc/hostname', 'victim\n');
link(root, 'etc/passwd', outside); // absolute: must mean <root><outside>, which the image lacks
link(root, 'etc/escape', '../../../../../../../../..' + outside); // ".." clamps at the image root
put(root, 'usr/bin/dash', 'image dash\n', 0o755);
link(root, 'usr/bin/sh', '/usr/bin/dash');
link(root, 'bin', 'usr/bin');

const eq = (column: string, ...values: string[]): Constraint => ({ column, op: values.length > 1 ? 'IN' : '=', values });
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('file and hash on a mounted image', () => {
  it('reports a link that points out of the image as a link to nothing', async () => {
    const rows = await rowsOf('file', imageContext(root, [eq('path', '/etc/passwd', '/etc/escape')]));
    expect(rows.map((r) => [r.path, r.symlink, r.type, r.symlink_target_path])).toEqual([
      ['/etc/escape', 1, 'unknown', '../../../../../../../../..' + outside],
      ['/etc/passwd', 1, 'unknown', outside],
    ]);
    expect(await rowsOf('hash', imageContext(root, [eq('path', '/etc/passwd', '/etc/escape')]))).toEqual([]);
  });

  it('follows absolute links inside the image', async () => {
    const [sh] = await rowsOf('file', imageContext(root, [eq('path', '/bin/sh')]));
    expect(sh).toMatchObject({ path: '/bin/sh', directory: '/bin', filename: 'sh', symlink: 1, type: 'regular', size: 11, symlink_target_path: '/usr/bin/dash' });
    const hashed = await rowsOf('hash', imageContext(root, [eq('path', '/bin/sh')]));
    expect(hashed).toEqual([{ path: '/bin/sh', directory: '/bin', md5: expect.any(String), sha1: expect.any(String), sha256: sha256('image dash\n') }]);
  });

  it('lists and globs with paths of the image, not of this machine', async () => {
    const listed = await rowsOf('file', imageContext(root, [eq('directory', '/etc')]));
    expect(listed.map((r) => r.path).sort()).toEqual(['/etc/escape', '/etc/hostname', '/etc/passwd']);
    const globbed = await rowsOf('file', imageContext(root, [{ column: 'path', op: 'LIKE', values: ['/%/%sh'] }]));
    expect(globbed.map((r) => r.path).sort()).toEqual(['/bin/dash', '/bin/sh']);
    const recursive = await rowsOf('hash', imageContext(root, [{ column: 'path', op: 'LIKE', values: ['/usr/%%'] }]));
    expect(recursive.map((r) => [r.path, r.sha256])).toEqual([
      ['/usr/bin/dash', sha256('image dash\n')],
      ['/usr/bin/sh', sha256('image dash\n')],
    ]);
  });
});
