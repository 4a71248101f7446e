import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { readAlertSource, readAlertStream } from '../../src/alert/source.js';
import { MAX_ALERT_BYTES } from '../../src/alert/decode.js';
import { alertsOf, errorOf, onlyAlert } from './helpers.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'osq-alert-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function child(command: string, args: string[]): ChildProcessByStdio<null, Readable, null> {
  return spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
}

describe('readAlertSource: files', () => {
  test('reads and parses a file', async () => {
    const path = join(dir, 'one.json');
    await writeFile(path, '{"kibana.alert.rule.name":"r","user.name":"u"}');
    const alert = onlyAlert(await readAlertSource(path));
    expect(alert.origin).toBe(path);
    expect(alert.fields['user.name']).toEqual(['u']);
  });

  test('unreadable: missing file, a directory, a path through a file, no name', async () => {
    expect(errorOf(await readAlertSource(join(dir, 'nope.json')))).toEqual({
      kind: 'unreadable',
      message: `${join(dir, 'nope.json')}: cannot read the alert: no such file`,
    });
    expect(errorOf(await readAlertSource(dir)).message).toBe(`${dir}: cannot read the alert: it is a directory`);
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    expect(errorOf(await readAlertSource(join(file, 'under'))).kind).toBe('unreadable');
    expect(errorOf(await readAlertSource('')).kind).toBe('unreadable');
  });

  test.skipIf(process.getuid?.() === 0)('unreadable: permission denied', async () => {
    const path = join(dir, 'secret.json');
    await writeFile(path, '{}');
    await chmod(path, 0o000);
    expect(errorOf(await readAlertSource(path)).message).toBe(`${path}: cannot read the alert: permission denied`);
  });

  test('a file over the limit is refused by its size, unread (a sparse file holds no data)', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, MAX_ALERT_BYTES + 1024 * 1024);
    expect(errorOf(await readAlertSource(path))).toEqual({
      kind: 'too-large',
      message: `${path}: too large to be an alert document (65.0 MiB; the limit is 64 MiB)`,
    });
  });

  test('bad content in a file comes back as the parser says', async () => {
    const path = join(dir, 'bad.ndjson');
    await writeFile(path, '{"kibana.alert.rule.name":"r"}\n{oops}\n');
    const error = errorOf(await readAlertSource(path));
    expect([error.kind, error.line, error.column]).toEqual(['not-json', 2, 2]);
  });
});

describe('readAlertStream: stdin and pipes', () => {
  test('reads alerts from a real pipe', async () => {
    const cat = child('cat', [fileURLToPath(new URL('../../examples/alerts/dynamic-linker-copy.ndjson', import.meta.url))]);
    const alerts = alertsOf(await readAlertStream(cat.stdout, '-'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.origin).toBe('-');
  });

  test('an endless stream is cut at the limit and refused, not read forever', async () => {
    const zeros = child('cat', ['/dev/zero']);
    try {
      expect(errorOf(await readAlertStream(zeros.stdout, '-'))).toEqual({
        kind: 'too-large',
        message: 'stdin: too large to be an alert document (more than 64 MiB; the limit is 64 MiB)',
      });
    } finally {
      zeros.kill();
    }
  });

  test('an empty pipe is empty', async () => {
    const none = child('true', []);
    expect(errorOf(await readAlertStream(none.stdout, '-')).message).toBe('stdin: empty: no bytes at all');
  });
});
