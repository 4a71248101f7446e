import { describe, expect, it } from 'vitest';
import { findOsqueryBlocks } from '../../../src/guide/import/osquery-block.js';

const block = (json: string): string => `!{osquery${json}}`;

describe('findOsqueryBlocks', () => {
  it('keeps a } inside a query string (Kibana cuts the query there)', () => {
    const note = `- ${block(`{"query":"SELECT name FROM processes WHERE name LIKE '%}%'","label":"Brace"}`)} after`;
    const [found] = findOsqueryBlocks(note);
    expect(found).toMatchObject({ ok: true, entry: { label: 'Brace', query: "SELECT name FROM processes WHERE name LIKE '%}%'" } });
    expect(note.slice(found?.end)).toBe(' after');
  });

  it('honours escaped quotes and backslashes inside strings, and nested objects', () => {
    const json = `{"query":"SELECT 'say \\"}\\" \\\\' AS s FROM users","label":"Q","ecs_mapping":{"user.name":{"field":"username"}}}`;
    const [found] = findOsqueryBlocks(block(json));
    expect(found).toMatchObject({ ok: true, entry: { query: `SELECT 'say "}" \\' AS s FROM users` } });
  });

  it('finds every block in order and tolerates spaces before the object', () => {
    const note = `${block('{"query":"SELECT 1 FROM a"}')}\ntext\n!{osquery  {"query":"SELECT 2 FROM b","label":"two"}  }`;
    const found = findOsqueryBlocks(note);
    expect(found.map((b) => (b.ok ? b.entry.query : b.error))).toEqual(['SELECT 1 FROM a', 'SELECT 2 FROM b']);
    expect(found[1]?.end).toBe(note.length);
  });

  it('reports malformed blocks instead of dropping them', () => {
    const cases: [string, RegExp][] = [
      ['!{osquery{"query":"SELECT 1",}}', /not valid JSON/],
      ['!{osquery{"query":"SELECT 1"', /not closed/],
      ['!{osquery{"query":"SELECT 1 }}', /not closed/],
      ['!{osquery{"query":"SELECT 1"} trailing', /not closed with "}"/],
      ['!{osquery{"label":"no query"}}', /no "query"/],
      ['!{osquery{"query":""}}', /no "query"/],
      ['!{osquery[1,2]}', /expected a JSON object/],
      ['!{osquery', /expected a JSON object/],
    ];
    for (const [note, error] of cases) {
      const [found] = findOsqueryBlocks(note);
      expect(found?.ok, note).toBe(false);
      expect(found && !found.ok ? found.error : '', note).toMatch(error);
    }
  });

  it('an unterminated block does not swallow the lines after it', () => {
    const note = '- !{osquery{"query":"SELECT 1\n- next step';
    const [found] = findOsqueryBlocks(note);
    expect(note.slice(found?.end)).toBe('\n- next step');
  });
});
