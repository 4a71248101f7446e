import { codeTokens, isWord, tokenize, type Token } from './tokenize.js';

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/** Statements that write, change the schema or the connection. */
const FORBIDDEN_WORDS = [
  'ATTACH', 'DETACH', 'PRAGMA', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'CREATE', 'DROP', 'ALTER', 'VACUUM',
  'REINDEX', 'ANALYZE', 'SAVEPOINT', 'RELEASE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'UPSERT',
];
/** osquery tables that act on the world (file carving, outbound HTTP). */
const FORBIDDEN_TABLES = ['carves', 'curl', 'curl_certificate'];
/** Functions that act on the world or stall the engine. */
const FORBIDDEN_FUNCTIONS = ['carve', 'sleep', 'load_extension', 'writefile', 'readfile', 'fts3_tokenizer', 'edit'];
const READ_STARTS = ['SELECT', 'WITH', 'VALUES'];

/**
 * The read-only guard every statement passes before it reaches an engine: exactly one SELECT / WITH ... SELECT /
 * VALUES statement, nothing that writes, attaches, or reaches outside the host. It reads the same tokens as rendering,
 * so keywords inside strings and comments neither trigger nor hide anything.
 */
export function checkReadOnly(sql: string): GuardVerdict {
  const all = tokenize(sql);
  const broken = all.find((t) => t.unterminated);
  if (broken) return refuse(`unterminated ${broken.kind === 'comment' ? 'comment' : broken.kind === 'string' ? 'string literal' : 'quoted identifier'}`);
  if (all.some((t) => t.kind === 'placeholder')) return refuse('the statement still holds an unrendered placeholder');

  const code = codeTokens(sql);
  const statements = splitStatements(code);
  if (statements.length === 0) return refuse('empty statement');
  if (statements.length > 1) return refuse('only one statement may run at a time (stacked statements refused)');
  const stmt = statements[0] as Token[];
  if (!isWord(stmt[0], ...READ_STARTS)) return refuse(`only SELECT, WITH ... SELECT and VALUES may run, not ${describe(stmt[0])}`);

  for (let i = 0; i < stmt.length; i++) {
    const t = stmt[i] as Token;
    if (t.kind === 'parameter') return refuse(`bound parameter ${t.text} is not allowed`);
    if (t.kind !== 'identifier') continue;
    const word = t.text.toUpperCase();
    const lower = t.text.toLowerCase();
    const next = stmt[i + 1];
    const isCall = next?.kind === 'punct' && next.text === '(';
    const prev = stmt[i - 1];
    const isMember = prev?.kind === 'punct' && prev.text === '.';
    if (FORBIDDEN_WORDS.includes(word) && !(word === 'REPLACE' && isCall) && !isMember) {
      return refuse(`${word} is not allowed: the statement must only read`);
    }
    if (FORBIDDEN_TABLES.includes(lower) && !isMember) return refuse(`table ${lower} is not allowed: it acts outside the host's state`);
    if (FORBIDDEN_FUNCTIONS.includes(lower) && isCall) return refuse(`function ${lower}() is not allowed`);
    if (lower.startsWith('pragma_')) return refuse(`${lower} is not allowed: pragmas are refused`);
  }
  return { ok: true };
}

function splitStatements(code: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const t of code) {
    if (t.kind === 'punct' && t.text === ';') {
      if (current.length > 0) out.push(current);
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function describe(t: Token | undefined): string {
  if (!t) return 'nothing';
  const text = t.text.length > 20 ? `${t.text.slice(0, 20)}...` : t.text;
  return t.kind === 'identifier' ? text.toUpperCase() : JSON.stringify(text);
}

function refuse(reason: string): GuardVerdict {
  return { ok: false, reason };
}
