/**
 * Constraint hints: for each table a statement reads, conditions every row it can use must meet, found in WHERE
 * and ON clauses (`col = 'lit'`, `'lit' = col`, `col IN (...)`, `col LIKE 'pat'`, `col IS 'lit'`, qualified or not).
 * Values may also come from elsewhere: another table's column (`f.path = p.path`, `JOIN ... USING (path)`) or a
 * subquery (`path IN (SELECT ...)`); the engine fetches those once the other tables exist.
 *
 * Each hint is a necessary condition: tables may produce fewer rows by honouring any of them, and a superset is
 * always safe because SQLite re-applies the whole WHERE. So OR keeps a column only when every branch constrains
 * it (values united), AND keeps every branch's hints, NOT and anything not understood add nothing, and a table
 * read several times keeps a column only when every reading constrains it.
 */
import { identifierName, isWord, stringValue, type Token } from './tokenize.js';
import { isName, selectScopes, skip, type FromItem, type Range, type Scope, type ScopeSet } from './scopes.js';

export type ValueSource =
  /** Every value of another table's column. */
  | { kind: 'column'; table: string; column: string }
  /** The first column of what a standalone subquery returns. */
  | { kind: 'subquery'; sql: string };

export interface ConstraintHint {
  /** Lower-cased column name. */
  column: string;
  /** '=' one value, 'IN' several, 'LIKE' patterns (any may match). */
  op: '=' | 'IN' | 'LIKE';
  values: string[];
  /** More values, to fetch before the table is built. */
  sources: ValueSource[];
}

interface Need {
  eq: string[];
  like: string[];
  sources: ValueSource[];
}
type Needs = Map<string, Need[]>;

/** Hints per table name (lower-cased) for every real table the statement reads. */
export function constraintHints(sql: string): Map<string, ConstraintHint[]> {
  const set = selectScopes(sql);
  const perReading = new Map<string, Needs[]>();
  for (const scope of set.scopes) {
    const whereTree = scope.where ? parseCondition(set, scope.where) : null;
    scope.items.forEach((item, index) => {
      if (!item.real || item.table === null) return;
      const needs: Needs = new Map();
      const add = (more: Needs): void => more.forEach((list, col) => needs.set(col, [...(needs.get(col) ?? []), ...list]));
      if (whereTree) add(needsFor(whereTree, item, scope, set));
      scope.items.forEach((other, j) => {
        if (other.on && (other.join === 'inner' || (other.join === 'left' && j === index))) {
          add(needsFor(parseCondition(set, other.on), item, scope, set, other.join === 'left'));
        }
      });
      add(usingNeeds(scope, index));
      perReading.set(item.table, [...(perReading.get(item.table) ?? []), needs]);
    });
  }
  const hints = new Map<string, ConstraintHint[]>();
  perReading.forEach((readings, table) => hints.set(table, mergeReadings(readings)));
  return hints;
}

// ---- conditions as a tree of AND / OR / NOT over simple comparisons ----

type ColumnRef = { qualifier: string | null; column: string };
type Node =
  | { kind: 'and' | 'or'; parts: Node[] }
  | { kind: 'opaque' }
  | { kind: 'values'; col: ColumnRef; op: 'eq' | 'like'; values: string[] }
  | { kind: 'join'; left: ColumnRef; right: ColumnRef }
  | { kind: 'subquery'; col: ColumnRef; sql: string };

const NOT_COLUMNS = new Set(['NULL', 'TRUE', 'FALSE', 'CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP']);

function parseCondition(set: ScopeSet, range: Range): Node {
  const ors = splitAt(set, range, (t) => isWord(t, 'OR'));
  if (ors.length > 1) return { kind: 'or', parts: ors.map((r) => parseCondition(set, r)) };
  const ands = splitAnd(set, range);
  if (ands.length > 1) return { kind: 'and', parts: ands.map((r) => parseTerm(set, r)) };
  return parseTerm(set, range);
}

function parseTerm(set: ScopeSet, range: Range): Node {
  const { tokens, pairs } = set;
  const first = tokens[range.start];
  if (!first || isWord(first, 'NOT')) return { kind: 'opaque' };
  if (first.text === '(' && pairs.get(range.start) === range.end - 1) {
    if (isWord(tokens[range.start + 1], 'SELECT', 'WITH', 'VALUES')) return { kind: 'opaque' };
    return parseCondition(set, { start: range.start + 1, end: range.end - 1 });
  }
  return parseComparison(set, range);
}

function parseComparison(set: ScopeSet, { start, end }: Range): Node {
  const { tokens, pairs } = set;
  const left = columnAt(tokens, start);
  const leftLit = literalAt(tokens, start);
  const opAt = left ? left.next : leftLit ? leftLit.next : -1;
  const op = tokens[opAt];
  if (!op) return { kind: 'opaque' };
  const isEq = (op.kind === 'operator' && (op.text === '=' || op.text === '==')) || (isWord(op, 'IS') && !isWord(tokens[opAt + 1], 'NOT'));
  if (isEq) {
    const rightCol = columnAt(tokens, opAt + 1);
    const rightLit = literalAt(tokens, opAt + 1);
    if (left && rightLit?.next === end) return { kind: 'values', col: left.ref, op: 'eq', values: [rightLit.value] };
    if (leftLit && rightCol?.next === end) return { kind: 'values', col: rightCol.ref, op: 'eq', values: [leftLit.value] };
    if (left && rightCol?.next === end) return { kind: 'join', left: left.ref, right: rightCol.ref };
    // `col = replace('x.timer', '.timer', '.service')`: an expression of literals and functions is a value SQLite
    // computes once, as osquery receives it; the engine evaluates it the same way before building the table.
    if (left && isConstantExpression(tokens, opAt + 1, end)) {
      const from = tokens[opAt + 1] as Token;
      const to = tokens[end - 1] as Token;
      return { kind: 'subquery', col: left.ref, sql: `SELECT (${set.sql.slice(from.start, to.end)})` };
    }
    return { kind: 'opaque' };
  }
  if (!left) return { kind: 'opaque' };
  if (isWord(op, 'LIKE')) {
    const pattern = literalAt(tokens, opAt + 1);
    return pattern?.next === end ? { kind: 'values', col: left.ref, op: 'like', values: [pattern.value] } : { kind: 'opaque' };
  }
  if (isWord(op, 'IN') && tokens[opAt + 1]?.text === '(' && pairs.get(opAt + 1) === end - 1) {
    if (isWord(tokens[opAt + 2], 'SELECT', 'WITH', 'VALUES')) {
      const from = tokens[opAt + 2] as Token;
      const to = tokens[end - 2] as Token;
      return { kind: 'subquery', col: left.ref, sql: set.sql.slice(from.start, to.end) };
    }
    const values: string[] = [];
    for (let i = opAt + 2; i < end - 1; ) {
      const lit = literalAt(tokens, i);
      if (!lit) return { kind: 'opaque' };
      values.push(lit.value);
      i = lit.next;
      if (i < end - 1 && tokens[i]?.text !== ',') return { kind: 'opaque' };
      i++;
    }
    return { kind: 'values', col: left.ref, op: 'eq', values };
  }
  return { kind: 'opaque' };
}

/** Words that may stand in an expression without naming a column. */
const EXPRESSION_WORDS = new Set([
  'NULL', 'TRUE', 'FALSE', 'AS', 'TEXT', 'INTEGER', 'INT', 'REAL', 'BLOB', 'NUMERIC', 'CASE', 'WHEN', 'THEN', 'ELSE',
  'END', 'AND', 'OR', 'NOT', 'IS', 'IN', 'LIKE', 'GLOB', 'ESCAPE',
]);

/**
 * Literals, operators and function calls only: no column, no subquery, nothing qualified, and no COLLATE (a
 * case-folding comparison matches more than the one value).
 */
function isConstantExpression(tokens: Token[], start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'quoted-identifier' || t.kind === 'parameter' || t.kind === 'placeholder') return false;
    if (t.kind === 'punct' && t.text === '.') return false;
    if (t.kind === 'identifier') {
      const word = t.text.toUpperCase();
      if (word === 'SELECT' || word === 'WITH' || word === 'VALUES') return false;
      if (!EXPRESSION_WORDS.has(word) && tokens[i + 1]?.text !== '(') return false;
    }
  }
  return true;
}

function columnAt(tokens: Token[], i: number): { ref: ColumnRef; next: number } | null {
  const names: string[] = [];
  let j = i;
  for (;;) {
    const t = tokens[j];
    if (!isName(t) || (t?.kind === 'identifier' && NOT_COLUMNS.has(t.text.toUpperCase()))) return null;
    names.push(identifierName(t as Token).toLowerCase());
    if (tokens[j + 1]?.text === '.' && isName(tokens[j + 2])) {
      j += 2;
      continue;
    }
    break;
  }
  if (tokens[j + 1]?.text === '(') return null; // a function call
  const column = names[names.length - 1] as string;
  return { ref: { qualifier: names.length > 1 ? (names[names.length - 2] as string) : null, column }, next: j + 1 };
}

function literalAt(tokens: Token[], i: number): { value: string; next: number } | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'string' && !t.unterminated) return { value: stringValue(t), next: i + 1 };
  if (t.kind === 'number') return { value: numberText(t.text), next: i + 1 };
  const n = tokens[i + 1];
  if (t.kind === 'operator' && (t.text === '-' || t.text === '+') && n?.kind === 'number') {
    const value = numberText(n.text);
    return { value: t.text === '-' && value !== '0' ? `-${value}` : value, next: i + 2 };
  }
  return null;
}

/** Hex integers as decimal; other numbers as written. */
function numberText(text: string): string {
  return /^0[xX]/.test(text) ? BigInt(text).toString() : text;
}

/** Splits a range at matching tokens outside parentheses. */
function splitAt(set: ScopeSet, range: Range, at: (t: Token) => boolean): Range[] {
  const parts: Range[] = [];
  let from = range.start;
  let caseDepth = 0;
  for (let i = range.start; i < range.end; i = skip(set.tokens, set.pairs, i)) {
    const t = set.tokens[i] as Token;
    if (isWord(t, 'CASE')) caseDepth++;
    else if (isWord(t, 'END') && caseDepth > 0) caseDepth--;
    else if (caseDepth === 0 && at(t)) {
      parts.push({ start: from, end: i });
      from = i + 1;
    }
  }
  parts.push({ start: from, end: range.end });
  return parts;
}

/** AND at the top level, except the one that belongs to BETWEEN ... AND. */
function splitAnd(set: ScopeSet, range: Range): Range[] {
  let between = 0;
  return splitAt(set, range, (t) => {
    if (isWord(t, 'BETWEEN')) between++;
    if (!isWord(t, 'AND')) return false;
    if (between > 0) {
      between--;
      return false;
    }
    return true;
  });
}

// ---- what a condition requires of one table reading ----

function refersTo(ref: ColumnRef, item: FromItem): boolean {
  return ref.qualifier === null || ref.qualifier === (item.alias ?? item.table);
}

/** The real table a qualified column reference names, looking outwards through enclosing scopes. */
function tableOf(ref: ColumnRef, scope: Scope | null): string | null {
  if (ref.qualifier === null) return null;
  for (let s = scope; s; s = s.parent) {
    const item = s.items.find((it) => (it.alias ?? it.table) === ref.qualifier);
    if (item) return item.real ? item.table : null;
  }
  return null;
}

function needsFor(node: Node, item: FromItem, scope: Scope, set: ScopeSet, qualifiedOnly = false): Needs {
  const own = (ref: ColumnRef): boolean => refersTo(ref, item) && !(qualifiedOnly && ref.qualifier === null);
  const one = (col: string, need: Need): Needs => new Map([[col, [need]]]);
  switch (node.kind) {
    case 'values':
      if (!own(node.col)) return new Map();
      return one(node.col.column, node.op === 'eq' ? { eq: node.values, like: [], sources: [] } : { eq: [], like: node.values, sources: [] });
    case 'subquery':
      return own(node.col) ? one(node.col.column, { eq: [], like: [], sources: [{ kind: 'subquery', sql: node.sql }] }) : new Map();
    case 'join': {
      const out: Needs = new Map();
      for (const [mine, theirs] of [[node.left, node.right], [node.right, node.left]] as const) {
        const table = tableOf(theirs, scope);
        if (own(mine) && table !== null && theirs.qualifier !== mine.qualifier) {
          out.set(mine.column, [{ eq: [], like: [], sources: [{ kind: 'column', table, column: theirs.column }] }]);
        }
      }
      return out;
    }
    case 'and': {
      const out: Needs = new Map();
      for (const part of node.parts) {
        needsFor(part, item, scope, set, qualifiedOnly).forEach((list, col) => out.set(col, [...(out.get(col) ?? []), ...list]));
      }
      return out;
    }
    case 'or':
      return unite(node.parts.map((p) => needsFor(p, item, scope, set, qualifiedOnly)));
    case 'opaque':
      return new Map();
  }
}

/**
 * `JOIN t USING (c)` (inner joins only): t.c takes its values from the tables before t, and each earlier table's
 * c from t. A table without column c simply ignores the hint.
 */
function usingNeeds(scope: Scope, index: number): Needs {
  const out: Needs = new Map();
  const add = (column: string, sources: ValueSource[]): void => {
    if (sources.length > 0) out.set(column, [...(out.get(column) ?? []), { eq: [], like: [], sources }]);
  };
  const realTable = (it: FromItem): string | null => (it.real ? it.table : null);
  const item = scope.items[index] as FromItem;
  if (item.join === 'inner') {
    const earlier = scope.items.slice(0, index).map(realTable).filter((t): t is string => t !== null);
    for (const column of item.using) add(column, earlier.map((table) => ({ kind: 'column', table, column })));
  }
  scope.items.slice(index + 1).forEach((later) => {
    const table = realTable(later);
    if (later.join !== 'inner' || table === null) return;
    for (const column of later.using) add(column, [{ kind: 'column', table, column }]);
  });
  return out;
}

/** OR: a column every branch constrains, with the values of one hint from each branch united. */
function unite(branches: Needs[]): Needs {
  const out: Needs = new Map();
  const [first, ...rest] = branches;
  if (!first) return out;
  first.forEach((_, col) => {
    if (!rest.every((b) => b.has(col))) return;
    const chosen = branches.map((b) => best(b.get(col) ?? []));
    out.set(col, [chosen.reduce((a, b) => ({ eq: [...a.eq, ...b.eq], like: [...a.like, ...b.like], sources: [...a.sources, ...b.sources] }))]);
  });
  return out;
}

/** Of several hints that all hold, the most precise: literal values, then fetched values, then patterns. */
function best(list: Need[]): Need {
  const score = (n: Need): number => (n.like.length > 0 ? 2 : n.sources.length > 0 ? 1 : 0);
  return [...list].sort((a, b) => score(a) - score(b))[0] as Need;
}

function mergeReadings(readings: Needs[]): ConstraintHint[] {
  const united = unite(readings);
  const hints: ConstraintHint[] = [];
  united.forEach((list, column) => {
    for (const need of list) hints.push(toHint(column, need));
  });
  return hints;
}

function toHint(column: string, need: Need): ConstraintHint {
  const eq = [...new Set(need.eq)];
  if (need.like.length > 0) {
    // Equality values ride along as patterns that match at least those values.
    return { column, op: 'LIKE', values: [...new Set([...need.like, ...eq])], sources: need.sources };
  }
  return { column, op: eq.length === 1 && need.sources.length === 0 ? '=' : 'IN', values: eq, sources: need.sources };
}
