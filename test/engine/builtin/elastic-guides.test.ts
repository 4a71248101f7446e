/**
 * Every distinct Osquery query in Elastic's Linux investigation guides runs on the built-in engine without a SQL
 * error, with its `{{field}}` placeholders filled (benign and hostile values) the way the tool fills them.
 * Reads the rule corpus from ../shared/data (skipped, saying so, when it is absent).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { executeStatement } from '../../../src/engine/builtin/executor.js';
import { renderQuery } from '../../../src/sql/render.js';

const RULES = resolve(import.meta.dirname, '../../../../shared/data/elastic-detection-rules/rules');
const present = existsSync(RULES);

interface RuleFile {
  rule?: { tags?: unknown };
  transform?: { osquery?: { query?: unknown }[] };
}

function tomlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tomlFiles(path);
    return name.endsWith('.toml') ? [path] : [];
  });
}

/** Distinct queries (by their text with whitespace runs collapsed) of rules about Linux. */
function linuxGuideQueries(): string[] {
  const byShape = new Map<string, string>();
  for (const file of tomlFiles(RULES)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('transform.osquery')) continue;
    const doc = parse(text) as RuleFile;
    const tags = Array.isArray(doc.rule?.tags) ? doc.rule.tags : [];
    if (!file.includes('/linux/') && !tags.includes('OS: Linux')) continue;
    for (const entry of doc.transform?.osquery ?? []) {
      if (typeof entry.query === 'string') byShape.set(entry.query.replace(/\s+/g, ' ').trim(), entry.query);
    }
  }
  return [...byShape.values()];
}

const VALUE_SETS: Record<string, string[]>[] = [
  { 'user.name': ['root'], 'file.path': ['/etc/passwd'], 'group.name': ['root'], 'process.user.id': ['0'] },
  {
    'user.name': ["o'brien'); DROP TABLE users; --"],
    'file.path': ["/tmp/x' OR '1'='1"],
    'group.name': ['%'],
    'process.user.id': ['0 OR 1=1'],
  },
];

describe.skipIf(!present)("Elastic's Linux guide queries on the built-in engine", () => {
  const queries = present ? linuxGuideQueries() : [];

  it('finds the corpus queries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(25);
  });

  it.each(queries.map((q) => [q.replace(/\s+/g, ' ').slice(0, 90), q]))('%s', async (_label, query) => {
    for (const fields of VALUE_SETS) {
      const rendering = renderQuery(query.replace(/\{\{\s*([\w.@-]+)\s*\}\}/g, '<<$1>>'), fields);
      expect(rendering.status).toBe('ready');
      if (rendering.status !== 'ready') continue;
      for (const run of rendering.runs) {
        const result = await executeStatement(run.sql);
        expect({ sql: run.sql, status: result.status, error: result.error }).toEqual({ sql: run.sql, status: 'ok', error: undefined });
      }
    }
  });
});

describe.skipIf(present)("Elastic's Linux guide queries (corpus absent)", () => {
  it.skip(`needs the rule corpus at ${RULES}`, () => undefined);
});
