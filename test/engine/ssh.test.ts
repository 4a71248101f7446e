import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSshEngine } from '../../src/engine/ssh.js';

const BIN = fileURLToPath(new URL('../fixtures/bin/', import.meta.url));
const built = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

describe('ssh engine (a stand-in ssh that runs the remote command here)', () => {
  it('sends the SQL on stdin, never on the remote command line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'osq-ssh-'));
    try {
      const log = join(dir, 'argv.log');
      // ssh inherits this process's environment, as the real one does: the stand-in reads where to log from there.
      process.env.SSH_STANDIN_LOG = log;
      const made = createSshEngine('responder@web-01', { OSQ_TRIAGE_SSH: `${BIN}ssh-standin` });
      expect(made.ok).toBe(true);
      if (!made.ok) return;
      const hostile = "x'; $(touch /tmp/owned) `id` --";
      const outcome = await made.engine.run(`SELECT '${hostile.replaceAll("'", "''")}' AS v`, { timeoutMs: 60_000 });
      expect(outcome.status, `${outcome.error} (needs ${built})`).toBe('ok');
      expect(outcome.rows).toEqual([{ v: hostile }]);
      const argv = JSON.parse((await readFile(log, 'utf8')).trim()) as string[];
      expect(argv).toEqual(['-o', 'BatchMode=yes', '-T', '--', 'responder@web-01', 'osqueryi', '--json']);
    } finally {
      delete process.env.SSH_STANDIN_LOG;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a failing remote statement as an error, and refuses targets ssh would read as options', async () => {
    const made = createSshEngine('web-01:sudo', { OSQ_TRIAGE_SSH: `${BIN}ssh-standin` });
    if (!made.ok) throw new Error(made.message);
    const outcome = await made.engine.run('SELECT * FROM no_such_table', { timeoutMs: 60_000 });
    expect(outcome.status).toBe('error');
    expect(outcome.error).toMatch(/no such table: no_such_table/);
    expect(createSshEngine('-oProxyCommand=touch /tmp/x', {}).ok).toBe(false);
    expect(createSshEngine('host;rm', {}).ok).toBe(false);
  });
});
