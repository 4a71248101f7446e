import { describe, expect, it, beforeAll } from 'vitest';
import initSqlJs, { type Database } from 'sql.js';
import { renderQuery, sqlLiteral } from '../../src/sql/render.js';
import { checkReadOnly } from '../../src/sql/guard.js';
import { codeTokens } from '../../src/sql/tokenize.js';

const HOSTILE = [
  "'",
  "''",
  "root' OR '1'='1",
  "x'; ATTACH DATABASE '/tmp/pwn.db' AS p; --",
  "a'--",
  "/* */ '",
  "*/ SELECT 1; /*",
  '"; DROP TABLE users; --',
  '<<user.name>>',
  '<<&_shl>>',
  '{{user.name}}',
  '\u001b[31mred\u001b[0m',
  'line1\nline2\r\n',
  '\\',
  '%_%',
  'ümlaut 用户 🦊',
  'x'.repeat(10_000),
  "'".repeat(257),
  ' ',
];

let db: Database;
beforeAll(async () => {
  const SQL = await initSqlJs();
  db = new SQL.Database();
});

function evaluate(sql: string): unknown {
  const result = db.exec(sql);
  return result[0]?.values[0]?.[0];
}

function randomString(seed: number): string {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
  const alphabet = ["'", '"', ';', '-', '/', '*', '<', '>', '\\', '\n', '\t', '%', '_', ' ', 'a', 'Z', '0', '用', '\u001b', '`', '[', ']', '(', ')', '{', '}'];
  const len = next() % 40;
  let out = '';
  for (let i = 0; i < len; i++) {
    const r = next() % 10;
    out += r < 7 ? (alphabet[next() % alphabet.length] as string) : String.fromCharCode(1 + (next() % 0x2fff));
  }
  return out;
}

function only(sql: string, fields: Record<string, string[]>): string {
  const r = renderQuery(sql, fields);
  if (r.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(r)}`);
  expect(r.runs).toHaveLength(1);
  return (r.runs[0] as { sql: string }).sql;
}

describe('renderQuery', () => {
  it('quotes a bare placeholder and escapes inside a literal', () => {
    expect(only('SELECT * FROM users WHERE username = <<user.name>>', { 'user.name': ["o'brien"] })).toBe(
      "SELECT * FROM users WHERE username = 'o''brien'",
    );
    expect(only("SELECT * FROM file WHERE path LIKE '/home/<<user.name>>/.config/%'", { 'user.name': ["o'b"] })).toBe(
      "SELECT * FROM file WHERE path LIKE '/home/o''b/.config/%'",
    );
  });

  it('gives back exactly the value for thousands of random and hostile strings (bare and inside a literal)', () => {
    const values = [...HOSTILE, ...Array.from({ length: 3000 }, (_, i) => randomString(i + 1))];
    for (const value of values) {
      const bare = only('SELECT <<v>>', { v: [value] });
      expect(evaluate(bare)).toBe(value);
      const inside = only("SELECT 'pre<<v>>post'", { v: [value] });
      expect(evaluate(inside)).toBe(`pre${value}post`);
      expect(checkReadOnly(bare)).toEqual({ ok: true });
      expect(codeTokens(bare)).toHaveLength(2);
    }
  });

  it('waits for a missing field and never renders half-filled', () => {
    const r = renderQuery('SELECT * FROM file WHERE path = <<file.path>> AND uid = <<user.id>>', { 'user.id': ['0'] });
    expect(r).toEqual({ status: 'waiting', missing: ['file.path'] });
    expect(renderQuery('SELECT <<a>>', { a: [] })).toEqual({ status: 'waiting', missing: ['a'] });
  });

  it('refuses a NUL byte', () => {
    const r = renderQuery('SELECT <<a>>', { a: ['x\0y'] });
    expect(r).toEqual({ status: 'refused', reason: 'value of a contains a NUL byte' });
  });

  it('fans out one run per distinct value, labelled, capped', () => {
    const r = renderQuery('SELECT * FROM file WHERE path = <<process.args>>', { 'process.args': ['a', 'b', 'a', 'c'] });
    expect(r.status).toBe('ready');
    if (r.status !== 'ready') return;
    expect(r.runs.map((x) => x.label)).toEqual(['process.args=a', 'process.args=b', 'process.args=c']);
    expect(r.runs[1]?.sql).toBe("SELECT * FROM file WHERE path = 'b'");
    const many = renderQuery('SELECT <<a>>, <<b>>', { a: ['1', '2', '3', '4'], b: ['x', 'y', 'z'] });
    expect(many.status === 'ready' && many.runs.length).toBe(10);
    expect(many.status === 'ready' && many.truncated).toBe(true);
    expect(many.status === 'ready' && many.combinations).toBe(12);
  });

  it('leaves shift operators, comments and other text alone', () => {
    expect(only('SELECT 1 << 2, <<a>> -- <<b>> is not read here', { a: ['x'] })).toBe("SELECT 1 << 2, 'x' -- <<b>> is not read here");
    expect(evaluate(only('SELECT (1 << 3) >> 1', {}))).toBe(4);
  });

  it('refuses placeholders it cannot place safely', () => {
    expect(renderQuery('SELECT "<<a>>" FROM t', { a: ['x'] }).status).toBe('refused');
    expect(renderQuery("SELECT 'open <<a>>", { a: ['x'] }).status).toBe('refused');
  });

  it('sqlLiteral doubles quotes', () => {
    expect(sqlLiteral("a'b")).toBe("'a''b'");
  });
});
