import { copyFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Constraint } from '../../../../src/engine/builtin/table.js';
import { capabilitiesText, decodeCapabilities } from '../../../../src/engine/builtin/tables/files/capabilities.js';
import { link, liveContext, put, rowsOf, run, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-xattr-');
afterAll(cleanup);

const has = (tool: string): boolean => {
  try {
    run('sh', ['-c', `command -v ${tool}`]);
    return true;
  } catch {
    return false;
  }
};
const root = process.getuid?.() === 0;
const canSetcap = root && has('setcap') && has('getcap');
const canSetfattr = has('setfattr') && has('getfattr');
if (!canSetcap) console.warn('extended_attributes: setcap/getcap tests skipped (need root and libcap2-bin)');
if (!canSetfattr) console.warn('extended_attributes: user attribute tests skipped (need the attr package)');

const eq = (column: string, ...values: string[]): Constraint => ({ column, op: values.length > 1 ? 'IN' : '=', values });
const like = (column: string, value: string): Constraint => ({ column, op: 'LIKE', values: [value] });

describe('extended_attributes on the live host, checked against getcap and getfattr', () => {
  it.runIf(canSetcap)('decodes file capabilities as getcap prints them', async () => {
    const cases: [string, string][] = [
      ['one', 'cap_setuid+ep'],
      ['two', 'cap_setuid,cap_setgid+ep'],
      ['perm', 'cap_net_raw+p'],
      ['mixed', 'cap_net_bind_service+ip cap_sys_admin+i'],
      ['inherit', 'cap_kill,cap_chown+ei cap_sys_admin+eip'],
      ['all', '=ep'],
      ['all-but', '=ep cap_sys_admin-ep'],
    ];
    for (const [name, spec] of cases) {
      const file = put(dir, `caps/${name}`, '#!/bin/sh\n', 0o755);
      run('setcap', [spec, file]);
      const expected = run('getcap', [file]).trim().slice(file.length + 1);
      const rows = await rowsOf('extended_attributes', liveContext([eq('path', file)]));
      expect(rows, spec).toEqual([{ path: file, directory: `${dir}/caps`, key: 'security.capability', value: expected, base64: 0 }]);
    }
  });

  it.runIf(canSetcap)('follows links, finds files by LIKE, and reads no directory constraint (as osquery)', async () => {
    const target = `${dir}/py`;
    copyFileSync('/bin/sh', target);
    run('setcap', ['cap_setuid+ep', target]);
    link(dir, 'py-link', target);
    const byLink = await rowsOf('extended_attributes', liveContext([eq('path', `${dir}/py-link`)]));
    expect(byLink.map((r) => [r.path, r.value])).toEqual([[`${dir}/py-link`, run('getcap', [target]).trim().split(' ')[1]]]);
    const byLike = await rowsOf('extended_attributes', liveContext([like('path', `${dir}/p%`)]));
    expect(byLike.map((r) => r.path)).toContain(target);
    expect(await rowsOf('extended_attributes', liveContext([eq('directory', dir)]))).toEqual([]);
  });

  it.runIf(canSetfattr)('prints printable values as text and others as base64, like osquery', async () => {
    const file = put(dir, 'attrs/f', 'x');
    run('setfattr', ['-n', 'user.note', '-v', 'hello', file]);
    run('setfattr', ['-n', 'user.bin', '-v', '0x00ff10', file]);
    const rows = await rowsOf('extended_attributes', liveContext([eq('path', file)]));
    const listed = run('getfattr', ['--absolute-names', '-d', '-m', '-', '-e', 'base64', file]);
    const expectedBin = /user\.bin=0s(\S+)/.exec(listed)?.[1];
    const byKey = Object.fromEntries(rows.map((r) => [r.key, [r.value, r.base64]]));
    // setfattr stores "hello" without a terminating NUL: osquery calls that not printable.
    expect(byKey['user.note']).toEqual([Buffer.from('hello').toString('base64'), 1]);
    expect(byKey['user.bin']).toEqual([expectedBin, 1]);
  });

  it('never opens a fifo and gives no row for a missing path', async () => {
    const fifo = `${dir}/pipe`;
    run('mkfifo', [fifo]);
    expect(await rowsOf('extended_attributes', liveContext([eq('path', fifo, `${dir}/missing`)]))).toEqual([]);
  });

  it('refuses a statement without a path or directory constraint', async () => {
    await expect(rowsOf('extended_attributes', liveContext([]))).rejects.toThrow(/required column/);
  });
});

describe('capability attribute decoding', () => {
  it('reads revision 2 and 3 attributes and refuses other shapes', () => {
    const v2 = Buffer.from('0100000280000000000000000000000000000000', 'hex');
    expect(capabilitiesText(decodeCapabilities(v2) ?? { permitted: 0n, inheritable: 0n, effective: false })).toBe('cap_setuid=ep');
    const v3 = Buffer.concat([Buffer.from('01000003c0000000000000000000000000000000', 'hex'), Buffer.from([0xe8, 0x03, 0, 0])]);
    expect(decodeCapabilities(v3)).toEqual({ permitted: 0xc0n, inheritable: 0n, effective: true, rootid: 1000 });
    expect(decodeCapabilities(Buffer.from('0100000280', 'hex'))).toBeNull();
  });
});
