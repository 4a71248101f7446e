import { afterAll, describe, expect, it } from 'vitest';
import { accountsInScope } from '../../../../src/engine/builtin/tables/files/accounts.js';
import { parseAuthorizedKey } from '../../../../src/engine/builtin/tables/files/authorized-keys.js';
import { fromText } from '../../../../src/engine/builtin/tables/files/bytes.js';
import { parseHistory } from '../../../../src/engine/builtin/tables/files/shell-history.js';
import { Tree } from '../../../../src/engine/builtin/tables/files/tree.js';
import { imageContext, link, liveContext, put, rowsOf, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-peruser-');
afterAll(cleanup);

describe('history parsing', () => {
  it('gives a bash #<digits> line to the next command only', () => {
    const text = '#1700000000\nls -la\n#1700000005\n#1700000009\nplain\n\n#notatime\n#99\n';
    expect(parseHistory(fromText(text))).toEqual([
      { time: 1700000000, command: 'ls -la' },
      { time: 1700000005, command: '#1700000009' },
      { time: 0, command: 'plain' },
      { time: 0, command: '' },
      { time: 0, command: '#notatime' },
    ]);
  });

  it('reads zsh extended history and leaves other lines at time 0', () => {
    const text = ': 1700000100:0;curl http://x | sh\n:   1700000200:12;echo a;b\n: x:0;nope\nno newline at end';
    expect(parseHistory(fromText(text))).toEqual([
      { time: 1700000100, command: 'curl http://x | sh' },
      { time: 1700000200, command: 'echo a;b' },
      { time: 0, command: ': x:0;nope' },
      { time: 0, command: 'no newline at end' },
    ]);
  });
});

describe('authorized_keys parsing', () => {
  it('splits options (quoted spaces kept), key type, key and comment', () => {
    const line = 'command="/usr/bin/logger -t \\"a b\\" hi",from="10.0.0.0/8,192.168.1.1",no-pty ssh-ed25519 AAAAC3Nza user@host extra words';
    expect(parseAuthorizedKey(fromText(line))).toEqual({
      options: 'command="/usr/bin/logger -t \\"a b\\" hi",from="10.0.0.0/8,192.168.1.1",no-pty',
      algorithm: 'ssh-ed25519',
      key: 'AAAAC3Nza',
      comment: 'user@host extra words',
    });
  });

  it('handles keys without options or comment, and key type names inside options', () => {
    expect(parseAuthorizedKey(fromText('ssh-rsa AAAAB3'))).toEqual({ options: null, algorithm: 'ssh-rsa', key: 'AAAAB3', comment: null });
    expect(parseAuthorizedKey(fromText('command="echo ssh-rsa x" ecdsa-sha2-nistp256 AAAAE2 c'))).toEqual({
      options: 'command="echo ssh-rsa x"',
      algorithm: 'ecdsa-sha2-nistp256',
      key: 'AAAAE2',
      comment: 'c',
    });
    expect(parseAuthorizedKey(fromText('sk-ssh-ed25519@openssh.com AAAAGn k'))?.algorithm).toBe('sk-ssh-ed25519@openssh.com');
  });

  it('drops lines without a key, keeps zos-key-ring-label options', () => {
    expect(parseAuthorizedKey(fromText('ssh-rsa'))).toBeNull();
    expect(parseAuthorizedKey(fromText('no-pty garbage'))).toBeNull();
    expect(parseAuthorizedKey(fromText('no-pty,zos-key-ring-label="KEYRING label"'))).toEqual({
      options: 'no-pty,zos-key-ring-label="KEYRING label"',
      algorithm: null,
      key: null,
      comment: null,
    });
  });
});

describe('per-user files on a mounted image', () => {
  const root = `${dir}/img`;
  put(root, 'etc/passwd', [
    'root:x:0:0:root:/root:/bin/bash',
    'alice:x:1000:1000::/home/alice:/bin/zsh',
    'bob:x:1001:1001::/home/bob:/bin/sh',
    'svc:x:998:998::relative/home:/bin/false',
  ].join('\n'));
  put(root, 'root/.bash_history', '#1700000000\nid\n');
  put(root, 'home/alice/.zsh_history', ': 1700000300:0;wget http://203.0.113.9/x\n');
  put(root, 'home/alice/.ash_history', 'busybox nc -l\n');
  put(root, 'home/alice/.ssh/authorized_keys', '# keys\n\nssh-ed25519 AAAAalice alice@laptop\n');
  put(root, 'home/alice/.ssh/authorized_keys2', 'no-agent-forwarding ssh-rsa AAAAold\n');
  // bob's home is an absolute link: it must be followed inside the image, never on this machine.
  const outside = `${dir}/outside-home`;
  put('/', `${outside}/.bash_history`, 'LEAKED from this machine\n');
  put(root, `${outside}/.bash_history`, 'inside the image\n');
  link(root, 'home/bob', outside);

  it('shell_history reads every account of an image when no uid is named', async () => {
    const rows = await rowsOf('shell_history', imageContext(root));
    expect(rows).toEqual([
      { uid: 0, time: 1700000000, command: 'id', history_file: '/root/.bash_history' },
      { uid: 1000, time: 1700000300, command: 'wget http://203.0.113.9/x', history_file: '/home/alice/.zsh_history' },
      { uid: 1000, time: 0, command: 'busybox nc -l', history_file: '/home/alice/.ash_history' },
      { uid: 1001, time: 0, command: 'inside the image', history_file: '/home/bob/.bash_history' },
    ]);
  });

  it('shell_history keeps to the uids the statement names', async () => {
    const ctx = imageContext(root, [{ column: 'uid', op: 'IN', values: ['1001', '0'] }]);
    expect((await rowsOf('shell_history', ctx)).map((r) => r.uid)).toEqual([0, 1001]);
  });

  it('authorized_keys reads both key files', async () => {
    expect(await rowsOf('authorized_keys', imageContext(root))).toEqual([
      { uid: 1000, algorithm: 'ssh-ed25519', key: 'AAAAalice', options: null, comment: 'alice@laptop', key_file: '/home/alice/.ssh/authorized_keys' },
      { uid: 1000, algorithm: 'ssh-rsa', key: 'AAAAold', options: 'no-agent-forwarding', comment: null, key_file: '/home/alice/.ssh/authorized_keys2' },
    ]);
  });
});

describe('per-user files on this machine', () => {
  it('read the current user only, unless the statement names uids', async () => {
    const uid = process.getuid?.() ?? 0;
    const tree = new Tree(liveContext());
    const mine = await accountsInScope(liveContext(), tree);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.uid === uid)).toBe(true);
    const named = await accountsInScope(liveContext([{ column: 'uid', op: '=', values: ['1', '0'] }]), tree);
    expect(new Set(named.map((a) => a.uid))).toEqual(new Set([0, 1]));
    const rows = await rowsOf('shell_history', liveContext());
    expect(rows.every((r) => r.uid === uid)).toBe(true);
  });
});
