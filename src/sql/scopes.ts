/**
 * The SELECT scopes of a statement: for each SELECT core, the tables its FROM clause reads (with aliases and how
 * they are joined) and the token ranges of its ON and WHERE conditions. Subqueries are scopes of their own.
 * A shallow structural reading over the shared tokenizer, enough for constraint hints; never throws.
 */
import { codeTokens, identifierName, isWord, type Token } from './tokenize.js';

export type JoinKind = 'inner' | 'left' | 'right' | 'full' | 'natural';

/** A half-open token range [start, end) into `ScopeSet.tokens`. */
export interface Range {
  start: number;
  end: number;
}

export interface FromItem {
  /** Lower-cased table name; null for a subquery or table-valued function. */
  table: string | null;
  /** Lower-cased alias, or null. */
  alias: string | null;
  /** False for CTE names, subqueries and table-valued functions: nothing to materialise. */
  real: boolean;
  /** How this item joins the items before it (the first item: 'inner'). */
  join: JoinKind;
  on: Range | null;
  using: string[];
}

export interface Scope {
  /** Where this SELECT core's tokens run. */
  span: Range;
  items: FromItem[];
  where: Range | null;
  parent: Scope | null;
}

export interface ScopeSet {
  sql: string;
  tokens: Token[];
  /** For each '(' token index, its matching ')' (and back); unbalanced ones are absent. */
  pairs: Map<number, number>;
  scopes: Scope[];
}

const COMPOUND = ['UNION', 'INTERSECT', 'EXCEPT'];
const AFTER_WHERE = ['GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT'];
const FROM_END = ['WHERE', ...AFTER_WHERE];
const JOIN_WORDS = ['JOIN', 'LEFT', 'RIGHT', 'FULL', 'INNER', 'OUTER', 'CROSS', 'NATURAL'];
const NOT_ALIAS = new Set([...JOIN_WORDS, ...FROM_END, ...COMPOUND, 'ON', 'USING', 'INDEXED', 'NOT', 'AS']);

export function selectScopes(sql: string): ScopeSet {
  const tokens = codeTokens(sql);
  const pairs = matchParens(tokens);
  const ctes = cteNames(tokens, pairs);
  const scopes: Scope[] = [];
  tokens.forEach((t, i) => {
    if (isWord(t, 'SELECT')) scopes.push(readCore(tokens, pairs, ctes, i));
  });
  for (const scope of scopes) {
    let best: Scope | null = null;
    for (const other of scopes) {
      if (other === scope || other.span.start >= scope.span.start || other.span.end < scope.span.end) continue;
      if (!best || other.span.start > best.span.start) best = other;
    }
    scope.parent = best;
  }
  return { sql, tokens, pairs, scopes };
}

function matchParens(tokens: Token[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (t.text === '(') open.push(i);
    if (t.text === ')') {
      const j = open.pop();
      if (j !== undefined) {
        pairs.set(j, i);
        pairs.set(i, j);
      }
    }
  });
  return pairs;
}

/** The token after a parenthesised group starting at i (or i + 1 for any other token). */
export function skip(tokens: Token[], pairs: Map<number, number>, i: number): number {
  const t = tokens[i];
  if (t?.kind === 'punct' && t.text === '(') return (pairs.get(i) ?? tokens.length - 1) + 1;
  return i + 1;
}

/** A SELECT core runs until a compound operator, a ')' closing its level, or ';'. */
function readCore(tokens: Token[], pairs: Map<number, number>, ctes: Set<string>, start: number): Scope {
  let from = -1;
  let where = -1;
  let whereEnd = -1;
  let i = start + 1;
  for (; i < tokens.length; i = skip(tokens, pairs, i)) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct' && (t.text === ')' || t.text === ';')) break;
    if (isWord(t, ...COMPOUND)) break;
    if (from === -1 && where === -1 && isWord(t, 'FROM')) from = i;
    else if (where === -1 && isWord(t, 'WHERE')) where = i;
    else if (where !== -1 && whereEnd === -1 && isWord(t, ...AFTER_WHERE)) whereEnd = i;
  }
  const end = i;
  let fromEnd = end;
  if (from !== -1) {
    for (let j = from + 1; j < end; j = skip(tokens, pairs, j)) {
      if (isWord(tokens[j], ...FROM_END)) {
        fromEnd = j;
        break;
      }
    }
  }
  return {
    span: { start, end },
    items: from === -1 ? [] : readFrom(tokens, pairs, ctes, from + 1, fromEnd),
    where: where === -1 ? null : { start: where + 1, end: whereEnd === -1 ? end : whereEnd },
    parent: null,
  };
}

/** FROM items separated by ',' or JOIN operators, each with its alias and ON / USING. */
function readFrom(tokens: Token[], pairs: Map<number, number>, ctes: Set<string>, start: number, end: number): FromItem[] {
  const items: FromItem[] = [];
  let join: JoinKind = 'inner';
  let i = start;
  while (i < end) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct' && t.text === ',') {
      join = 'inner';
      i++;
      continue;
    }
    if (isWord(t, ...JOIN_WORDS)) {
      join = joinKind(tokens, i, end, join);
      while (i < end && !isWord(tokens[i], 'JOIN')) i++;
      i++;
      continue;
    }
    const item: FromItem = { table: null, alias: null, real: false, join, on: null, using: [] };
    join = 'inner';
    if (t.kind === 'punct' && t.text === '(') {
      const close = pairs.get(i) ?? end - 1;
      if (!isWord(tokens[i + 1], 'SELECT', 'WITH', 'VALUES')) {
        // A parenthesised join: its tables are read as if written without the parentheses.
        items.push(...readFrom(tokens, pairs, ctes, i + 1, close));
      }
      i = close + 1;
    } else if (t.kind === 'identifier' || t.kind === 'quoted-identifier') {
      const first = i;
      let nameAt = i;
      while (tokens[nameAt + 1]?.text === '.' && isName(tokens[nameAt + 2])) nameAt += 2;
      const name = identifierName(tokens[nameAt] as Token).toLowerCase();
      i = nameAt + 1;
      const call = tokens[i]?.kind === 'punct' && tokens[i]?.text === '(';
      if (call) i = skip(tokens, pairs, i);
      item.table = call ? null : name;
      // A CTE is never schema-qualified: `main.x` is the table even when a CTE is named x.
      item.real = !call && !(ctes.has(name) && nameAt === first);
    } else {
      i++;
      continue;
    }
    // Alias: `AS name` or a bare name that is not a keyword of the FROM clause.
    if (isWord(tokens[i], 'AS') && isName(tokens[i + 1])) {
      item.alias = identifierName(tokens[i + 1] as Token).toLowerCase();
      i += 2;
    } else if (isName(tokens[i]) && !(tokens[i]?.kind === 'identifier' && NOT_ALIAS.has((tokens[i] as Token).text.toUpperCase()))) {
      item.alias = identifierName(tokens[i] as Token).toLowerCase();
      i++;
    }
    if (isWord(tokens[i], 'INDEXED')) i += 3;
    else if (isWord(tokens[i], 'NOT') && isWord(tokens[i + 1], 'INDEXED')) i += 2;
    if (isWord(tokens[i], 'ON')) {
      const onStart = i + 1;
      let j = onStart;
      while (j < end && !isWord(tokens[j], ...JOIN_WORDS) && tokens[j]?.text !== ',') j = skip(tokens, pairs, j);
      item.on = { start: onStart, end: j };
      i = j;
    } else if (isWord(tokens[i], 'USING') && tokens[i + 1]?.text === '(') {
      const close = pairs.get(i + 1) ?? end - 1;
      for (let j = i + 2; j < close; j++) if (isName(tokens[j])) item.using.push(identifierName(tokens[j] as Token).toLowerCase());
      i = close + 1;
    }
    items.push(item);
  }
  return items;
}

function joinKind(tokens: Token[], i: number, end: number, current: JoinKind): JoinKind {
  let kind: JoinKind = current === 'natural' ? 'natural' : 'inner';
  for (let j = i; j < end; j++) {
    if (isWord(tokens[j], 'JOIN')) break;
    if (isWord(tokens[j], 'NATURAL')) kind = 'natural';
    else if (kind !== 'natural' && isWord(tokens[j], 'LEFT')) kind = 'left';
    else if (kind !== 'natural' && isWord(tokens[j], 'RIGHT')) kind = 'right';
    else if (kind !== 'natural' && isWord(tokens[j], 'FULL')) kind = 'full';
  }
  return kind;
}

export function isName(t: Token | undefined): boolean {
  return t !== undefined && (t.kind === 'identifier' || t.kind === 'quoted-identifier');
}

/** Names a WITH clause defines: `name [(cols)] AS [NOT] [MATERIALIZED] (`, after WITH [RECURSIVE] or ','. */
function cteNames(tokens: Token[], pairs: Map<number, number>): Set<string> {
  const names = new Set<string>();
  tokens.forEach((t, i) => {
    if (!isName(t)) return;
    const before = tokens[i - 1];
    if (!(isWord(before, 'WITH', 'RECURSIVE') || before?.text === ',')) return;
    let j = i + 1;
    if (tokens[j]?.text === '(') j = skip(tokens, pairs, j);
    if (!isWord(tokens[j], 'AS')) return;
    j++;
    while (isWord(tokens[j], 'NOT', 'MATERIALIZED')) j++;
    if (tokens[j]?.text === '(') names.add(identifierName(t).toLowerCase());
  });
  return names;
}
