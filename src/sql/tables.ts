import { codeTokens, identifierName, isWord, type Token } from './tokenize.js';

/** A table a statement reads, with the aliases it is known by. */
export interface TableReference {
  table: string;
  aliases: string[];
}

const CLAUSE_END = ['WHERE', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'WINDOW', 'UNION', 'EXCEPT', 'INTERSECT', 'SELECT', 'VALUES', 'RETURNING'];
const JOIN_WORDS = ['LEFT', 'RIGHT', 'FULL', 'INNER', 'OUTER', 'CROSS', 'NATURAL', 'JOIN', 'ON', 'USING', 'AS', 'INDEXED', 'NOT'];

/** Real table names a statement reads (FROM and JOIN), lower-cased, CTE names left out. */
export function referencedTables(sql: string): string[] {
  return [...new Set(tableReferences(sql).map((r) => r.table))];
}

/**
 * Tables with their aliases. Tracks FROM lists per parenthesis depth, so subqueries and comma joins are followed;
 * table-valued functions (`json_each(...)`) are not tables.
 */
export function tableReferences(sql: string): TableReference[] {
  const code = codeTokens(sql);
  const ctes = cteNames(code);
  const refs = new Map<string, Set<string>>();
  type State = 'none' | 'expect-table' | 'after-table';
  const states: State[] = ['none'];
  let depth = 0;
  let lastTable: string | undefined;

  for (let i = 0; i < code.length; i++) {
    const t = code[i] as Token;
    const state = states[depth] ?? 'none';
    if (t.kind === 'punct' && t.text === '(') {
      if (state === 'expect-table') states[depth] = 'after-table';
      depth++;
      states[depth] = 'none';
      continue;
    }
    if (t.kind === 'punct' && t.text === ')') {
      states[depth] = 'none';
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (isWord(t, 'FROM')) {
      states[depth] = 'expect-table';
      continue;
    }
    if (isWord(t, 'JOIN') && state !== 'none') {
      states[depth] = 'expect-table';
      continue;
    }
    if (state === 'expect-table' && (t.kind === 'identifier' || t.kind === 'quoted-identifier')) {
      const next = code[i + 1];
      if (next?.kind === 'punct' && next.text === '.') continue; // schema-qualified: take the part after the dot
      const prev = code[i - 1];
      const afterDot = prev?.kind === 'punct' && prev.text === '.';
      const isCall = next?.kind === 'punct' && next.text === '(';
      states[depth] = 'after-table';
      if (isCall && !afterDot) continue;
      const name = identifierName(t).toLowerCase();
      lastTable = ctes.has(name) ? undefined : name;
      if (lastTable && !refs.has(lastTable)) refs.set(lastTable, new Set());
      continue;
    }
    if (state === 'after-table') {
      if (t.kind === 'punct' && t.text === ',') {
        states[depth] = 'expect-table';
        continue;
      }
      if (isWord(t, ...CLAUSE_END)) {
        states[depth] = 'none';
        lastTable = undefined;
        continue;
      }
      if (lastTable && (t.kind === 'identifier' || t.kind === 'quoted-identifier') && !isWord(t, ...JOIN_WORDS)) {
        const prev = code[i - 1];
        if (isWord(prev, 'AS') || prev?.kind === 'identifier' || prev?.kind === 'quoted-identifier') {
          refs.get(lastTable)?.add(identifierName(t).toLowerCase());
        }
        lastTable = undefined;
      }
      if (isWord(t, 'ON', 'USING')) lastTable = undefined;
    }
  }
  return [...refs].map(([table, aliases]) => ({ table, aliases: [...aliases] }));
}

/** Names defined by WITH clauses: an identifier followed by an optional column list, AS and "(". */
function cteNames(code: Token[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < code.length; i++) {
    const t = code[i] as Token;
    if (t.kind !== 'identifier' && t.kind !== 'quoted-identifier') continue;
    let j = i + 1;
    if (code[j]?.text === '(') {
      let d = 0;
      for (; j < code.length; j++) {
        if (code[j]?.text === '(') d++;
        else if (code[j]?.text === ')' && --d === 0) break;
      }
      j++;
    }
    if (isWord(code[j], 'AS') && (code[j + 1]?.text === '(' || (isWord(code[j + 1], 'NOT', 'MATERIALIZED')))) {
      const before = code[i - 1];
      if (isWord(before, 'WITH', 'RECURSIVE') || before?.text === ',') names.add(identifierName(t).toLowerCase());
    }
  }
  return names;
}
