/**
 * One SQL tokenizer (SQLite dialect) for rendering, the read-only guard, table and constraint analysis.
 * It never throws: unterminated strings and comments come back flagged so callers can refuse them.
 */

export type TokenKind =
  | 'space'
  | 'comment'
  | 'string'
  | 'identifier'
  | 'quoted-identifier'
  | 'number'
  | 'placeholder'
  | 'operator'
  | 'punct'
  | 'parameter'
  | 'blob';

/** A `<<field>>` placeholder: its field name and where it sits in the SQL text. */
export interface PlaceholderRef {
  field: string;
  start: number;
  end: number;
}

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** String, comment or quoted identifier that runs to the end of the input. */
  unterminated?: boolean;
  /** The placeholder itself (kind 'placeholder'), or those inside a string/identifier/comment. */
  placeholders?: PlaceholderRef[];
}

const PLACEHOLDER = /<<\s*([A-Za-z_@][A-Za-z0-9_.@-]*)\s*>>/y;
const PLACEHOLDER_G = /<<\s*([A-Za-z_@][A-Za-z0-9_.@-]*)\s*>>/g;
const SPACE = /[\s]+/y;
const NUMBER = /(?:0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/y;
const IDENT = /[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_$\u0080-\uFFFF]*/y;
const IDENT_START = /[A-Za-z_\u0080-\uFFFF]/;
const PARAM = /(?:\?\d*|[:@$][A-Za-z0-9_]+)/y;
const OPERATORS = ['->>', '||', '<<', '>>', '<=', '>=', '==', '!=', '<>', '->', '+', '-', '*', '/', '%', '&', '|', '~', '<', '>', '=', '!'];
const PUNCT = new Set(['(', ')', ',', ';', '.']);

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number, extra: Partial<Token> = {}): void => {
    tokens.push({ kind, text: sql.slice(i, end), start: i, end, ...extra });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      push('space', matchAt(SPACE, sql, i));
    } else if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      push('comment', nl === -1 ? sql.length : nl, innerPlaceholders(sql, i, nl === -1 ? sql.length : nl));
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close === -1 ? sql.length : close + 2;
      push('comment', end, { ...innerPlaceholders(sql, i, end), ...(close === -1 ? { unterminated: true } : {}) });
    } else if ((c === 'x' || c === 'X') && next === "'") {
      const { end, unterminated } = quoted(sql, i + 1, "'");
      push('blob', end, unterminated ? { unterminated } : {});
    } else if (c === "'") {
      const { end, unterminated } = quoted(sql, i, "'");
      push('string', end, { ...innerPlaceholders(sql, i, end), ...(unterminated ? { unterminated } : {}) });
    } else if (c === '"' || c === '`' || c === '[') {
      const { end, unterminated } = quoted(sql, i, c === '[' ? ']' : c);
      push('quoted-identifier', end, { ...innerPlaceholders(sql, i, end), ...(unterminated ? { unterminated } : {}) });
    } else if (c === '<' && next === '<' && matchAt(PLACEHOLDER, sql, i) > i) {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(sql) as RegExpExecArray;
      const end = i + m[0].length;
      push('placeholder', end, { placeholders: [{ field: m[1] as string, start: i, end }] });
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      push('number', matchAt(NUMBER, sql, i));
    } else if (IDENT_START.test(c)) {
      push('identifier', matchAt(IDENT, sql, i));
    } else if ((c === '?' || c === ':' || c === '@' || c === '$') && matchAt(PARAM, sql, i) > i) {
      push('parameter', matchAt(PARAM, sql, i));
    } else if (PUNCT.has(c)) {
      push('punct', i + 1);
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      push('operator', i + (op?.length ?? 1));
    }
  }
  return tokens;
}

/** Tokens that carry meaning: no whitespace, no comments. */
export function codeTokens(sql: string): Token[] {
  return tokenize(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** Keyword comparison for identifier tokens. */
export function isWord(token: Token | undefined, ...words: string[]): boolean {
  return token !== undefined && token.kind === 'identifier' && words.includes(token.text.toUpperCase());
}

/** The content of a string literal token, quotes removed and '' undoubled. */
export function stringValue(token: Token): string {
  const body = token.text.slice(1, token.unterminated ? undefined : -1);
  return body.replaceAll("''", "'");
}

/** The name a quoted identifier stands for. */
export function identifierName(token: Token): string {
  if (token.kind !== 'quoted-identifier') return token.text;
  const open = token.text[0];
  const close = open === '[' ? ']' : open;
  const body = token.text.slice(1, token.unterminated ? undefined : -1);
  return open === '[' ? body : body.replaceAll(`${close}${close}`, close as string);
}

function matchAt(re: RegExp, sql: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(sql);
  return m ? at + m[0].length : at;
}

/** End of a quoted run starting at `at` (the opening quote); a doubled closing quote is an escape. */
function quoted(sql: string, at: number, close: string): { end: number; unterminated: boolean } {
  let j = at + 1;
  for (;;) {
    const k = sql.indexOf(close, j);
    if (k === -1) return { end: sql.length, unterminated: true };
    if (close !== ']' && sql[k + 1] === close) {
      j = k + 2;
      continue;
    }
    return { end: k + 1, unterminated: false };
  }
}

function innerPlaceholders(sql: string, start: number, end: number): { placeholders?: PlaceholderRef[] } {
  const slice = sql.slice(start, end);
  if (!slice.includes('<<')) return {};
  const found: PlaceholderRef[] = [];
  for (const m of slice.matchAll(PLACEHOLDER_G)) {
    const s = start + (m.index ?? 0);
    found.push({ field: m[1] as string, start: s, end: s + m[0].length });
  }
  return found.length > 0 ? { placeholders: found } : {};
}
