import { describe, expect, test } from 'vitest';
import { newBudget, nextJsonValue } from '../../src/alert/json-scan.js';

// The scanner decides what reaches JSON.parse and where errors are reported; V8's parser is the reference.
function scanWhole(text: string): 'ok' | 'bad' {
  const first = nextJsonValue(text, 0, newBudget());
  if (!first.ok || first.done) return 'bad';
  const rest = nextJsonValue(text, first.span.end, newBudget());
  return rest.ok && rest.done ? 'ok' : 'bad';
}

function parses(text: string): 'ok' | 'bad' {
  try {
    JSON.parse(text);
    return 'ok';
  } catch {
    return 'bad';
  }
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['{', '}', '[', ']', ',', ':', '"', '"a"', '\\', '\\u00', '\\n', '1', '-', '0', '.5', 'e', '+', 'E3',
  'true', 'fal', 'null', ' ', '\n', '\t', '\u0001', 'x', 'é', '"k":', '"v"', '[1,2]', '{"a":1}', '\u2028'];

describe('the JSON scanner agrees with JSON.parse', () => {
  test('on 30,000 generated near-JSON inputs', () => {
    const next = random(20260314);
    const disagreements: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      let text = '';
      const n = 1 + Math.floor(next() * 12);
      for (let j = 0; j < n; j++) text += PIECES[Math.floor(next() * PIECES.length)] ?? '';
      if (scanWhole(text) !== parses(text)) disagreements.push(JSON.stringify(text));
    }
    expect(disagreements).toEqual([]);
  });

  test('on mutations of a real alert document', () => {
    const doc = JSON.stringify({ 'kibana.alert.rule.name': 'r', a: [1, -2.5e3, true, null, { b: 'c\\"d' }], e: {} });
    const next = random(7);
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const at = Math.floor(next() * doc.length);
      const piece = PIECES[Math.floor(next() * PIECES.length)] ?? '';
      const text = next() < 0.5 ? doc.slice(0, at) + piece + doc.slice(at) : doc.slice(0, at) + doc.slice(at + 1);
      if (scanWhole(text) !== parses(text)) disagreements.push(JSON.stringify(text));
    }
    expect(disagreements).toEqual([]);
  });
});
