import { access, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SUMS_FILE } from '../report/sums.js';
import { terminalSafe } from '../report/terminal-text.js';
import { verifyBundle } from '../report/verify.js';
import { AUDIT_FILE, SESSION_FILE } from '../triage/store.js';
import { parseFlags } from './args.js';
import { EXIT, type Command } from './io.js';

export const VERIFY_USAGE = 'usage: osq-triage verify DIR   (checks the audit hash chain and SHA256SUMS; exit 0 intact, 1 broken, 2 bad arguments)';

/** `osq-triage verify DIR`: exit 0 when the chain and every sum hold, 1 naming the first broken line or file. */
export const verifyCommand: Command = async (args, io) => {
  const parsed = parseFlags(args, { help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return usageError(io, parsed.message);
  if (parsed.values.help === true) {
    io.stdout.write(`${VERIFY_USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.positionals.length !== 1) return usageError(io, 'expected one DIR');
  const dir = resolve(io.cwd, parsed.positionals[0] as string);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) return usageError(io, `${dir} is not a directory`);
  const present = await Promise.all([AUDIT_FILE, SESSION_FILE, SUMS_FILE].map((f) => access(join(dir, f)).then(() => true, () => false)));
  if (!present.includes(true)) return usageError(io, `${dir} is not a triage session directory (no ${AUDIT_FILE}, ${SESSION_FILE} or ${SUMS_FILE})`);
  const result = await verifyBundle(dir);
  const [first, ...rest] = result.problems;
  if (first === undefined) {
    io.stdout.write(`OK ${terminalSafe(dir)}: audit chain intact (${result.events} events, head ${result.head}); ${result.matched.length} files match SHA256SUMS\n`);
    return EXIT.ok;
  }
  const where = first.line !== undefined ? `${first.file}:${first.line}` : first.file;
  io.stdout.write(`BROKEN ${terminalSafe(where)}: ${terminalSafe(first.message)}\n`);
  for (const p of rest) io.stdout.write(`  also ${terminalSafe(p.line !== undefined ? `${p.file}:${p.line}` : p.file)}: ${terminalSafe(p.message)}\n`);
  return 1;
};

function usageError(io: Parameters<Command>[1], message: string): number {
  io.stderr.write(`osq-triage verify: ${terminalSafe(message)}\n${VERIFY_USAGE}\n`);
  return EXIT.badInput;
}
