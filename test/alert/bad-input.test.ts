import { describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseAlerts, MAX_ALERTS } from '../../src/alert/read.js';
import { MAX_ALERT_BYTES } from '../../src/alert/decode.js';
import { errorOf } from './helpers.js';

const GOOD = '{"kibana.alert.rule.name":"r"}';

describe('each kind of bad input is one error line naming the problem', () => {
  test('empty: no bytes, only whitespace, an empty list, a search with no hits', () => {
    expect(errorOf(parseAlerts('', 'a.json'))).toEqual({ kind: 'empty', message: 'a.json: empty: no bytes at all' });
    expect(errorOf(parseAlerts(new Uint8Array(0), 'a.json')).kind).toBe('empty');
    expect(errorOf(parseAlerts(' \n\t\r\n', 'a.json')).message).toBe('a.json: empty: nothing but whitespace');
    expect(errorOf(parseAlerts('[]', 'a.json')).message).toBe('a.json: empty: no alerts in it (an empty list or no hits)');
    expect(errorOf(parseAlerts('{"hits":{"total":0,"hits":[]}}', 'a.json')).kind).toBe('empty');
  });

  test('not JSON: line and column of the first error', () => {
    expect(errorOf(parseAlerts('hello', 'a.json'))).toEqual({
      kind: 'not-json',
      line: 1,
      column: 1,
      message: 'a.json: not JSON at line 1, column 1: expected a value, found "h"',
    });
    const e = errorOf(parseAlerts('{\n  "a": 1\n  "b": 2\n}', 'a.json'));
    expect([e.kind, e.line, e.column]).toEqual(['not-json', 3, 3]);
    expect(e.message).toBe(`a.json: not JSON at line 3, column 3: expected ',' or '}', found "\\""`);
    expect(errorOf(parseAlerts('[1,]', 'a')).message).toBe('a: not JSON at line 1, column 4: expected a value, found "]"');
    expect(errorOf(parseAlerts('{"a":"\\q"}', 'a')).message).toContain('expected a valid escape');
    expect(errorOf(parseAlerts("{'a': 1}", 'a')).message).toContain(`expected a property name or '}', found "'"`);
  });

  test('columns count characters, not bytes or UTF-16 units', () => {
    const e = errorOf(parseAlerts('{"名字😀": x}', 'a'));
    expect([e.line, e.column]).toEqual([1, 9]);
  });

  test('truncated: the JSON ends mid-document', () => {
    const full = `{"kibana.alert.rule.name": "r", "process": {"args": ["a", "b"]}}`;
    for (let cut = 1; cut < full.length; cut++) {
      const e = errorOf(parseAlerts(full.slice(0, cut), 'cut.json'));
      expect(e.kind, full.slice(0, cut)).toBe('truncated');
      expect(e.line).toBe(1);
      expect(e.column).toBe(cut + 1);
      expect(e.message).toMatch(new RegExp(`^cut\\.json: truncated: the JSON ends at line 1, column ${cut + 1} while expecting `));
    }
  });

  test('NDJSON: the line number of the bad line', () => {
    const text = `${GOOD}\n${GOOD}\n{"a": }\n${GOOD}\n`;
    const e = errorOf(parseAlerts(text, 'a.ndjson'));
    expect([e.kind, e.line, e.column]).toEqual(['not-json', 3, 7]);
    expect(e.message).toBe('a.ndjson: not JSON at line 3, column 7: expected a value, found "}"');
    const cutLine = errorOf(parseAlerts(`${GOOD}\n{"kibana.alert.rule.name":"y\n${GOOD}\n`, 'a.ndjson'));
    expect([cutLine.kind, cutLine.line]).toEqual(['not-json', 2]);
    expect(cutLine.message).toContain(`expected a closing '"' before the end of the line, found the end of the line`);
    const cutEnd = errorOf(parseAlerts(`${GOOD}\n${GOOD}\n{"kibana.alert.rule.name":"y`, 'a.ndjson'));
    expect([cutEnd.kind, cutEnd.line]).toEqual(['truncated', 3]);
    const noRule = errorOf(parseAlerts(`${GOOD}\n\n{"user.name":"x"}\n`, 'a.ndjson'));
    expect([noRule.kind, noRule.line]).toEqual(['no-rule', 3]);
    expect(noRule.message).toMatch(/^a\.ndjson: line 3: no rule identity: /);
  });

  test('binary: NUL bytes or invalid UTF-8', () => {
    expect(errorOf(parseAlerts(new Uint8Array([0x7b, 0x00, 0x7d]), 'b.bin'))).toEqual({
      kind: 'binary',
      message: 'b.bin: binary data (NUL byte at offset 1), not an alert document',
    });
    expect(errorOf(parseAlerts(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), 'b.bin')).message).toBe(
      'b.bin: binary data (not valid UTF-8), not an alert document',
    );
    expect(errorOf(parseAlerts('{"a":\u0000}', 'b')).kind).toBe('binary');
    // UTF-16 exports are full of NUL bytes.
    expect(errorOf(parseAlerts(Buffer.from(`\ufeff${GOOD}`, 'utf16le'), 'b')).kind).toBe('binary');
  });

  test('no rule identity: a valid document without rule id or name, or not an object at all', () => {
    const e = errorOf(parseAlerts('{"user.name":"root","kibana.alert.rule.uuid":"u"}', 'n.json'));
    expect(e.kind).toBe('no-rule');
    expect(e.message).toBe(
      'n.json: no rule identity: the alert has no rule id or rule name ' +
        '(kibana.alert.rule.rule_id, kibana.alert.rule.name, signal.rule.rule_id or signal.rule.name)',
    );
    expect(errorOf(parseAlerts(`[${GOOD},{"a":1}]`, 'n.json')).message).toMatch(/^n\.json: item 2: no rule identity/);
    expect(errorOf(parseAlerts('{"kibana.alert.rule.name":"  "}', 'n')).kind).toBe('no-rule');
    expect(errorOf(parseAlerts('42', 'n.json')).message).toBe(
      'n.json: expected an alert document (a JSON object), found a number',
    );
    expect(errorOf(parseAlerts(`{"hits":{"hits":[${GOOD},"x"]}}`, 'n')).message).toBe(
      'n: hit 2: expected an alert document (a JSON object), found a string',
    );
  });

  test('too large: refused before parsing', () => {
    const big = new Uint8Array(MAX_ALERT_BYTES + 1).fill(0x20);
    expect(errorOf(parseAlerts(big, 'big.json'))).toEqual({
      kind: 'too-large',
      message: 'big.json: too large to be an alert document (64.0 MiB; the limit is 64 MiB)',
    });
    expect(errorOf(parseAlerts(' '.repeat(MAX_ALERT_BYTES + 1), 'big.json')).kind).toBe('too-large');
    // Multi-byte text is measured in bytes, not characters.
    expect(errorOf(parseAlerts('é'.repeat(MAX_ALERT_BYTES / 2 + 1), 'big.json')).kind).toBe('too-large');
  });

  test('too large: hostile nesting, value counts and alert counts', () => {
    const deep = errorOf(parseAlerts('['.repeat(5000), 'd'));
    expect([deep.kind, deep.column]).toEqual(['too-large', 101]);
    expect(deep.message).toBe('d: nested more than 100 levels deep at line 1, column 101; not an alert document');
    expect(errorOf(parseAlerts(`[${'0,'.repeat(2_000_001)}0]`, 'v')).message).toMatch(/^v: too large: more than 2000000 JSON values/);
    const many = errorOf(parseAlerts(`${GOOD}\n`.repeat(MAX_ALERTS + 1), 'm'));
    expect([many.kind, many.line]).toEqual(['too-large', MAX_ALERTS + 1]);
  });

  test('50 MB of garbage of several kinds is rejected with a clear line', () => {
    const size = 50 * 1000 * 1000;
    const cases: Array<[string | Uint8Array, string]> = [
      [randomBytes(size), 'binary'],
      [Buffer.alloc(size, 0xff), 'binary'],
      ['lorem ipsum '.repeat(size / 12), 'not-json'],
      ['{"a":'.repeat(size / 5), 'too-large'],
      [`"${'a'.repeat(size)}`, 'truncated'],
      [`[${'[],'.repeat(size / 3)}[]]`, 'too-large'],
      [`${'{}\n'.repeat(size / 3)}`, 'no-rule'],
      [`${' '.repeat(size)}x`, 'not-json'],
    ];
    for (const [input, kind] of cases) {
      const error = errorOf(parseAlerts(input, 'garbage'));
      expect(error.kind).toBe(kind);
      expect(error.message.length).toBeLessThan(200);
    }
  });
});

describe('messages never carry raw attacker bytes', () => {
  test('control characters and escape sequences in the offending input are escaped', () => {
    const e = errorOf(parseAlerts('{"a": \u001b]0;pwned\u0007}', 'x.json'));
    expect(e.message).toBe('x.json: not JSON at line 1, column 7: expected a value, found "\\x1b"');
    const raw = errorOf(parseAlerts('{"a": "line\u001b[2Jnext"}', 'x.json'));
    expect(raw.message).toContain('found "\\x1b"');
    const bidi = errorOf(parseAlerts('{"a": \u202e}', 'x'));
    expect(bidi.message).toContain('found "\\u{202e}"');
  });

  test('an origin (file name) with control characters is escaped too', () => {
    const e = errorOf(parseAlerts('', 'evil\u001b[31m\nname.json'));
    expect(e.message).toBe('evil\\x1b[31m\\nname.json: empty: no bytes at all');
    expect(errorOf(parseAlerts('', '-')).message).toBe('stdin: empty: no bytes at all');
  });
});
