import { copyFileSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { imageContext, liveContext, put, rowsOf, run, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-osver-');
afterAll(cleanup);

let images = 0;
function image(files: Record<string, string>): string {
  const root = `${dir}/img${++images}`;
  mkdirSync(root);
  for (const [path, content] of Object.entries(files)) put(root, path, content);
  return root;
}

const BASE = { name: 'Unknown', version: null, major: 0, minor: 0, patch: 0, build: null, platform: 'posix', platform_like: null, codename: null, arch: null };

describe('os_version on a mounted image', () => {
  it('reads os-release: quotes stripped, VERSION_ID split, any *CODENAME key', async () => {
    const root = image({
      'etc/os-release': [
        'PRETTY_NAME="Ubuntu 22.04.4 LTS"',
        'NAME="Ubuntu"',
        'VERSION_ID="22.04"',
        'VERSION="22.04.4 LTS (Jammy Jellyfish)"',
        'VERSION_CODENAME=jammy',
        'ID=ubuntu',
        'ID_LIKE=debian',
        'UBUNTU_CODENAME=jammy2',
        '# comment=ignored',
        '',
      ].join('\n'),
    });
    expect(await rowsOf('os_version', imageContext(root))).toEqual([
      { ...BASE, name: 'Ubuntu', version: '22.04.4 LTS (Jammy Jellyfish)', major: 22, minor: 4, patch: 0, platform: 'ubuntu', platform_like: 'debian', codename: 'jammy2' },
    ]);
  });

  it('casts version parts like osquery (base 0: "08" is not a number)', async () => {
    const root = image({ 'usr/lib/os-release': 'NAME=Thing\nVERSION_ID=2023.08.1.5\nBUILD_ID=rolling\n' });
    expect(await rowsOf('os_version', imageContext(root))).toEqual([
      { ...BASE, name: 'Thing', major: 2023, minor: null, patch: null, build: 'rolling' },
    ]);
  });

  it('falls back to defaults without a release file, and reads redhat-release over os-release', async () => {
    expect(await rowsOf('os_version', imageContext(image({ 'etc/hostname': 'x' })))).toEqual([BASE]);
    const root = image({
      'etc/os-release': 'NAME="CentOS Linux"\nVERSION_ID="7"\nID="centos"\nID_LIKE="rhel fedora"\n',
      'etc/redhat-release': 'CentOS Linux release 7.9.2009 (Core)\n',
    });
    expect(await rowsOf('os_version', imageContext(root))).toEqual([
      { ...BASE, name: 'CentOS Linux', version: 'CentOS Linux release 7.9.2009 (Core)', major: 7, minor: 9, patch: 2009, build: '', platform: 'rhel', platform_like: 'rhel' },
    ]);
  });

  it("names the image's architecture from its /bin/sh", async () => {
    const root = image({ 'etc/os-release': 'NAME=X\n' });
    mkdirSync(`${root}/bin`);
    copyFileSync(realpathSync('/bin/sh'), `${root}/bin/sh`);
    const [row] = await rowsOf('os_version', imageContext(root));
    expect(row?.arch).toBe(run('uname', ['-m']).trim());
  });
});

describe('os_version on this machine', () => {
  it.skipIf(!existsSync('/etc/os-release'))('agrees with the shell sourcing /etc/os-release, and uname -m', async () => {
    const [name, id, versionId] = run('sh', ['-c', '. /etc/os-release; printf "%s\\n%s\\n%s\\n" "$NAME" "$ID" "$VERSION_ID"']).split('\n');
    const [row] = await rowsOf('os_version', liveContext());
    expect(row?.name).toBe(name);
    expect(row?.platform).toBe(id);
    expect(row?.major).toBe(Number((versionId ?? '').split('.')[0]));
    expect(row?.arch).toBe(run('uname', ['-m']).trim());
  });
});
