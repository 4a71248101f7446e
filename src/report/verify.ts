import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkChain, sha256Hex } from '../triage/audit.js';
import type { Session } from '../triage/model.js';
import { AUDIT_FILE, SESSION_FILE } from '../triage/store.js';
import { insideBundle } from './load.js';
import { bundleFiles, hashFile, parseSums, SUMS_FILE } from './sums.js';

/** One thing wrong with a bundle: the file, the line when it is a line, and what is wrong, in words. */
export interface VerifyProblem {
  file: string;
  line?: number;
  message: string;
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
  problems.push(...(await checkSums(dir, lines, matched)));
  if (lines.length > 0) problems.push(...(await checkRecordedResults(dir, lines)));
  return { ok: problems.length === 0, events, head, matched, problems: dedupe(problems) };
}

/** session.json records how many audit events it reflects and the head at that point: both must be in the log. */
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
  if (position.events < lines.length) {
    return [{ file: SESSION_FILE, message: `${SESSION_FILE} reflects ${position.events} of ${lines.length} audit events: the session was interrupted (osq-triage resume settles it)` }];
  }
  return [];
}

async function checkSums(dir: string, auditLines: string[], matched: string[]): Promise<VerifyProblem[]> {
  const text = await readText(join(dir, SUMS_FILE));
  if (text === undefined) return [{ file: SUMS_FILE, message: `${SUMS_FILE} is missing: the session has not been exported (osq-triage report DIR)` }];
  const parsed = parseSums(text);
  if (!parsed.ok) return [{ file: SUMS_FILE, line: parsed.line, message: parsed.message }];
  const problems: VerifyProblem[] = [];
  for (const entry of parsed.entries) {
    const path = join(dir, entry.file);
    if (!(await isFile(path))) {
      problems.push({ file: entry.file, message: `${entry.file} is listed in ${SUMS_FILE} but missing` });
      continue;
    }
    const actual = await hashFile(path);
    if (actual === entry.sha256) {
      matched.push(entry.file);
    } else if (entry.file === AUDIT_FILE && appendedAfter(auditLines, entry.sha256) !== undefined) {
      const extra = appendedAfter(auditLines, entry.sha256) as number;
      problems.push({ file: AUDIT_FILE, line: auditLines.length - extra + 1, message: `${AUDIT_FILE} has ${extra} event(s) after the last export: re-export (osq-triage report DIR) to cover them` });
    } else {
      problems.push({ file: entry.file, message: `${entry.file} does not match ${SUMS_FILE} (changed after export)` });
    }
  }
  const listed = new Set(parsed.entries.map((e) => e.file));
  for (const file of await bundleFiles(dir)) {
    if (!listed.has(file)) problems.push({ file, message: `${file} is not covered by ${SUMS_FILE} (added after export)` });
  }
  return problems;
}

/** When the listed hash is that of a prefix of the (intact) log, how many lines were appended after it. */
function appendedAfter(lines: string[], sha256: string): number | undefined {
  let prefix = '';
  for (let i = 0; i < lines.length; i++) {
    prefix += `${lines[i]}\n`;
    if (sha256Hex(prefix) === sha256) return i + 1 < lines.length ? lines.length - i - 1 : undefined;
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
