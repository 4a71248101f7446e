import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkChain, sha256Hex } from '../triage/audit.js';
import type { Session } from '../triage/model.js';
import { AUDIT_FILE, SESSION_FILE } from '../triage/store.js';
import { insideBundle } from './load.js';
import { replaySession, sessionDifference } from './replay.js';
import { bundleFiles, hashFile, parseSums, SUMS_FILE } from './sums.js';

/** One thing wrong with a bundle: the file, the line when it is a line, and what is wrong, in words. */
export interface VerifyProblem {
  file: string;
  line?: number;
  message: string;
  /** The bundle is intact but behind: events after the last export, or an interrupted run. A re-export settles it. */
  stale?: true;
}

export interface VerifyResult {
  ok: boolean;
  /** Audit events checked and the chain head, when the log could be read. */
  events: number;
  head: string;
  /** Files whose sha256 matched SHA256SUMS. */
  matched: string[];
  /** Every problem, the first broken line or file first. */
  problems: VerifyProblem[];
}

/**
 * Check a bundle without changing it: the audit hash chain, session.json against the chain, every SHA256SUMS entry,
 * bundle files SHA256SUMS does not cover, and each results/ file against the sha256 its run-finished event recorded.
 */
export async function verifyBundle(dir: string): Promise<VerifyResult> {
  const problems: VerifyProblem[] = [];
  const matched: string[] = [];
  const auditText = await readText(join(dir, AUDIT_FILE));
  let events = 0;
  let head = '';
  let lines: string[] = [];
  if (auditText === undefined) {
    problems.push({ file: AUDIT_FILE, message: `${AUDIT_FILE} is missing` });
  } else {
    lines = auditText.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const chain = checkChain(auditText);
    if (chain.ok) {
      events = chain.events;
      head = chain.head;
      if (auditText !== '' && !auditText.endsWith('\n')) problems.push({ file: AUDIT_FILE, line: events, message: `${AUDIT_FILE} line ${events} is cut short (no line end)` });
    } else {
      problems.push({ file: AUDIT_FILE, line: chain.line, message: chain.message });
    }
  }
  if (problems.length === 0) problems.push(...(await checkSessionPosition(dir, lines)));
  const sessionReplays = problems.every((p) => p.stale === true);
  problems.push(...(await checkSums(dir, lines, matched, sessionReplays)));
  if (lines.length > 0) problems.push(...(await checkRecordedResults(dir, lines)));
  return { ok: problems.length === 0, events, head, matched, problems: dedupe(problems) };
}

/**
 * session.json records how many audit events it reflects and the head at that point: both must be in the log, and its
 * state must be what replaying those events gives (so an edited verdict or row count shows even with fresh sums).
 */
async function checkSessionPosition(dir: string, lines: string[]): Promise<VerifyProblem[]> {
  const text = await readText(join(dir, SESSION_FILE));
  if (text === undefined) return [{ file: SESSION_FILE, message: `${SESSION_FILE} is missing` }];
  let session: Partial<Session>;
  try {
    session = JSON.parse(text) as Partial<Session>;
  } catch {
    return [{ file: SESSION_FILE, message: `${SESSION_FILE} is not valid JSON` }];
  }
  const position = session.audit;
  if (!position) return [{ file: SESSION_FILE, message: `${SESSION_FILE} records no audit position` }];
  if (position.events > lines.length) {
    return [{ file: AUDIT_FILE, line: lines.length, message: `${AUDIT_FILE} ends at line ${lines.length} but ${SESSION_FILE} reflects ${position.events} events: lines were removed` }];
  }
  const at = lines[position.events - 1];
  if (at === undefined || sha256Hex(at) !== position.head) {
    return [{ file: AUDIT_FILE, line: position.events, message: `${AUDIT_FILE} line ${position.events} is not the line ${SESSION_FILE} recorded as the audit head (the line was changed)` }];
  }
  const replayed = replaySession(lines.slice(0, position.events));
  if (replayed === undefined) return [{ file: AUDIT_FILE, line: 1, message: `${AUDIT_FILE} does not start with the session-started event` }];
  const differs = sessionDifference(session, replayed);
  if (differs !== undefined) return [{ file: SESSION_FILE, message: `${SESSION_FILE} differs from the state ${AUDIT_FILE} replays to, at ${differs} (changed outside the tool)` }];
  if (position.events < lines.length) {
    return [{ file: SESSION_FILE, message: `${SESSION_FILE} reflects ${position.events} of ${lines.length} audit events: the session was interrupted (osq-triage resume settles it)`, stale: true }];
  }
  return [];
}

async function checkSums(dir: string, auditLines: string[], matched: string[], sessionReplays: boolean): Promise<VerifyProblem[]> {
  const text = await readText(join(dir, SUMS_FILE));
  if (text === undefined) return [{ file: SUMS_FILE, message: `${SUMS_FILE} is missing: the session has not been exported (osq-triage report DIR)`, stale: true }];
  const parsed = parseSums(text);
  if (!parsed.ok) return [{ file: SUMS_FILE, line: parsed.line, message: parsed.message }];
  const problems: VerifyProblem[] = [];
  const auditEntry = parsed.entries.find((e) => e.file === AUDIT_FILE);
  const appended = auditEntry ? appendedAfter(auditLines, auditEntry.sha256) : undefined;
  for (const entry of parsed.entries) {
    const path = join(dir, entry.file);
    if (!(await isFile(path))) {
      problems.push({ file: entry.file, message: `${entry.file} is listed in ${SUMS_FILE} but missing` });
      continue;
    }
    const actual = await hashFile(path);
    if (actual === entry.sha256) {
      matched.push(entry.file);
    } else if (entry.file === AUDIT_FILE && appended !== undefined) {
      problems.push({ file: AUDIT_FILE, line: auditLines.length - appended + 1, message: `${AUDIT_FILE} has ${appended} event(s) after the last export: re-export (osq-triage report DIR) to cover them`, stale: true });
    } else if (entry.file === SESSION_FILE && sessionReplays && appended !== undefined) {
      problems.push({ file: SESSION_FILE, message: `${SESSION_FILE} changed with the events after the last export: re-export (osq-triage report DIR)`, stale: true });
    } else {
      problems.push({ file: entry.file, message: `${entry.file} does not match ${SUMS_FILE} (changed after export)` });
    }
  }
  const listed = new Set(parsed.entries.map((e) => e.file));
  for (const file of await bundleFiles(dir)) {
    if (!listed.has(file)) problems.push({ file, message: `${file} is not covered by ${SUMS_FILE} (added after export)`, ...(file.startsWith('results/') ? { stale: true as const } : {}) });
  }
  return problems;
}

/** When the listed hash is that of a prefix of the (intact) log, how many lines were appended after it. */
function appendedAfter(lines: string[], sha256: string): number | undefined {
  const hash = createHash('sha256');
  for (let i = 0; i < lines.length - 1; i++) {
    hash.update(`${lines[i]}\n`);
    if (hash.copy().digest('hex') === sha256) return lines.length - i - 1;
  }
  return undefined;
}

/** Each results file must still hash to what its run-finished event recorded when the rows came back. */
async function checkRecordedResults(dir: string, lines: string[]): Promise<VerifyProblem[]> {
  const problems: VerifyProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    let event: { type?: unknown; action?: { result?: { resultFile?: unknown; rowsSha256?: unknown } } };
    try {
      event = JSON.parse(lines[i] as string) as typeof event;
    } catch {
      continue;
    }
    const result = event.type === 'run-finished' ? event.action?.result : undefined;
    if (typeof result?.resultFile !== 'string' || typeof result.rowsSha256 !== 'string') continue;
    const file = result.resultFile;
    if (!insideBundle(file)) {
      problems.push({ file: AUDIT_FILE, line: i + 1, message: `${AUDIT_FILE} line ${i + 1} names a result file outside the bundle` });
      continue;
    }
    const path = join(dir, file);
    if (!(await isFile(path))) {
      problems.push({ file, message: `${file} (recorded at ${AUDIT_FILE} line ${i + 1}) is missing` });
    } else if ((await hashFile(path)) !== result.rowsSha256) {
      problems.push({ file, message: `${file} does not match the sha256 recorded at ${AUDIT_FILE} line ${i + 1}` });
    }
  }
  return problems;
}

function dedupe(problems: VerifyProblem[]): VerifyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\u0000${p.line ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}
