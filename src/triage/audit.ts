import { createHash } from 'node:crypto';

/** The hash that stands before the first audit line. */
export const GENESIS = '0'.repeat(64);

export interface AuditEvent {
  seq: number;
  at: string;
  type: string;
  /** sha256 (hex) of the previous line's bytes, GENESIS for the first. */
  prev: string;
  [key: string]: unknown;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One audit line for an event, chained to the previous line's hash. */
export function auditLine(seq: number, prev: string, at: string, type: string, payload: Record<string, unknown>): string {
  const event: AuditEvent = { seq, at, type, prev, ...payload };
  return JSON.stringify(event);
}

export type ChainCheck = { ok: true; events: number; head: string } | { ok: false; line: number; message: string };

/** Check a whole audit log: each line parses, counts up from 1, and carries the hash of the line before it. */
export function checkChain(text: string): ChainCheck {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    let event: Partial<AuditEvent>;
    try {
      event = JSON.parse(line) as Partial<AuditEvent>;
    } catch {
      return { ok: false, line: i + 1, message: `audit.jsonl line ${i + 1} is not valid JSON` };
    }
    if (event.seq !== i + 1) return { ok: false, line: i + 1, message: `audit.jsonl line ${i + 1} has sequence ${String(event.seq)}, expected ${i + 1}` };
    if (event.prev !== prev) return { ok: false, line: i + 1, message: `audit.jsonl line ${i + 1} does not carry the hash of line ${i} (chain broken)` };
    prev = sha256Hex(line);
  }
  return { ok: true, events: lines.length, head: prev };
}
