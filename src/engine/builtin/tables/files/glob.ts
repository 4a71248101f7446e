import { mapInBatches } from './batch.js';
import { joinPath, type Bytes } from './bytes.js';
import type { Tree } from './tree.js';

/**
 * osquery turns a LIKE pattern on file paths into glob(3) (GLOB_MARK | GLOB_BRACE, no GLOB_PERIOD) after replacing
 * every % with *; a pattern ending in ** then walks the matched directories recursively. We do the same over a Tree,
 * byte by byte (the C locale), with a matcher that cannot backtrack exponentially.
 */

type Token =
  | { kind: 'char'; byte: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'set'; negated: boolean; test: (c: string) => boolean };

const CLASSES: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => CLASSES.alpha!(c) || CLASSES.digit!(c),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => c >= 33 && c <= 126 && !CLASSES.alnum!(c),
  print: (c) => c >= 32 && c <= 126,
  graph: (c) => c >= 33 && c <= 126,
  cntrl: (c) => c < 32 || c === 127,
  xdigit: (c) => CLASSES.digit!(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

/** Parse a bracket expression starting at pattern[start] === '['; null when it never closes (then '[' is literal). */
function parseSet(pattern: string, start: number): { token: Token; end: number } | null {
  let i = start + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const tests: Array<(c: number) => boolean> = [];
  let first = true;
  while (i < pattern.length) {
    let ch = pattern[i] as string;
    if (ch === ']' && !first) {
      const token: Token = { kind: 'set', negated, test: (c) => tests.some((t) => t(c.charCodeAt(0))) };
      return { token, end: i + 1 };
    }
    first = false;
    const cls = ch === '[' && pattern[i + 1] === ':' ? /^\[:([a-z]+):\]/.exec(pattern.slice(i)) : null;
    const fn = cls ? CLASSES[cls[1] ?? ''] : undefined;
    if (cls && fn) {
      tests.push(fn);
      i += cls[0].length;
      continue;
    }
    if (ch === '\\' && i + 1 < pattern.length) ch = pattern[++i] as string;
    const low = ch.charCodeAt(0);
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      let hiCh = pattern[i + 2] as string;
      let step = 3;
      if (hiCh === '\\' && i + 3 < pattern.length) {
        hiCh = pattern[i + 3] as string;
        step = 4;
      }
      const high = hiCh.charCodeAt(0);
      tests.push((c) => c >= low && c <= high);
      i += step;
      continue;
    }
    tests.push((c) => c === low);
    i++;
  }
  return null;
}

export function compile(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
      i++;
    } else if (ch === '?') {
      tokens.push({ kind: 'any' });
      i++;
    } else if (ch === '[') {
      const set = parseSet(pattern, i);
      if (set) {
        tokens.push(set.token);
        i = set.end;
      } else {
        tokens.push({ kind: 'char', byte: '[' });
        i++;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      tokens.push({ kind: 'char', byte: pattern[i + 1] as string });
      i += 2;
    } else {
      tokens.push({ kind: 'char', byte: ch });
      i++;
    }
  }
  return tokens;
}

export const isMagic = (tokens: Token[]): boolean => tokens.some((t) => t.kind !== 'char');
const literal = (tokens: Token[]): string => tokens.map((t) => (t.kind === 'char' ? t.byte : '')).join('');

function matchOne(t: Token, c: string): boolean {
  if (t.kind === 'char') return t.byte === c;
  if (t.kind === 'any') return true;
  if (t.kind === 'set') return t.test(c) !== t.negated;
  return false;
}

/** fnmatch(3) of one file name, FNM_PERIOD: a leading "." must be matched by a literal ".". Linear time. */
export function matchName(tokens: Token[], name: string): boolean {
  if (name.startsWith('.')) {
    const head = tokens[0];
    if (!head || head.kind !== 'char' || head.byte !== '.') return false;
  }
  let t = 0;
  let n = 0;
  let starT = -1;
  let starN = 0;
  while (n < name.length) {
    const tok = tokens[t];
    if (tok && tok.kind === 'star') {
      starT = t++;
      starN = n;
    } else if (tok && matchOne(tok, name[n] as string)) {
      t++;
      n++;
    } else if (starT >= 0) {
      t = starT + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

/** At most this many patterns from brace expansion: "{a,b}" repeated is exponential. */
const MAX_BRACE_PATTERNS = 1024;

/** GLOB_BRACE: "{a,b}c" -> ["ac", "bc"], nested allowed; an unclosed "{" stays literal. */
export function expandBraces(pattern: string, out: string[] = []): string[] {
  if (out.length >= MAX_BRACE_PATTERNS) return out;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '{') {
      open = i;
      break;
    }
  }
  if (open < 0) {
    out.push(pattern);
    return out;
  }
  const alternatives: string[] = [];
  let depth = 0;
  let from = open + 1;
  let close = -1;
  for (let i = open + 1; i < pattern.length && close < 0; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (ch === '}') {
      alternatives.push(pattern.slice(from, i));
      close = i;
    } else if (ch === ',' && depth === 0) {
      alternatives.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  if (close < 0) {
    out.push(pattern);
    return out;
  }
  for (const alt of alternatives) {
    expandBraces(pattern.slice(0, open) + alt + pattern.slice(close + 1), out);
    if (out.length >= MAX_BRACE_PATTERNS) break;
  }
  return out;
}

/** glob(3) of one absolute, brace-free pattern; directories come back with a trailing "/" (GLOB_MARK). */
async function globOne(tree: Tree, pattern: Bytes): Promise<Bytes[]> {
  const onlyDirs = pattern.length > 1 && pattern.endsWith('/');
  const parts = pattern.split('/').filter((c) => c !== '');
  let found: Bytes[] = [''];
  for (const [i, part] of parts.entries()) {
    const tokens = compile(part);
    const next: Bytes[] = [];
    if (isMagic(tokens)) {
      for (const dir of found) {
        const names = await tree.list(dir === '' ? '/' : dir);
        if (!names) continue;
        // readdir(3) also yields "." and ".."; only a pattern starting with a literal "." can match them.
        const candidates = part.startsWith('.') ? ['.', '..', ...names] : names;
        for (const name of candidates) if (matchName(tokens, name)) next.push(`${dir}/${name}`);
      }
    } else {
      const name = literal(tokens);
      for (const dir of found) {
        const path = `${dir}/${name}`;
        if (i < parts.length - 1 || (await tree.lstat(path)).stats) next.push(path);
      }
    }
    found = next;
    if (found.length === 0) return [];
  }
  if (parts.length === 0) return (await tree.isDirectory('/')) ? ['/'] : [];
  const isDir = await mapInBatches(found, (path) => tree.isDirectory(path));
  return found.flatMap((path, i) => (isDir[i] ? [`${path}/`] : onlyDirs ? [] : [path]));
}

export async function glob(tree: Tree, pattern: Bytes): Promise<Bytes[]> {
  const results: Bytes[] = [];
  for (const one of expandBraces(pattern)) {
    if (one.startsWith('/')) results.push(...(await globOne(tree, one)));
  }
  return results;
}

/** osquery stops a recursive (%%) walk this deep. */
export const MAX_RECURSION = 64;

/** The %% walk: every entry below `dir` (dotfiles too), directories marked, each directory (dev,inode) once. */
async function walkAll(tree: Tree, dir: Bytes, visited: Set<string>, out: Bytes[], depth: number): Promise<void> {
  if (depth >= MAX_RECURSION) return;
  const here = (await tree.lstat(dir)).stats;
  if (here) {
    const key = `${here.dev}:${here.ino}`;
    if (visited.has(key)) return;
    visited.add(key);
  }
  if (!(await tree.isDirectory(dir))) return;
  const names = (await tree.list(dir)) ?? [];
  const entries = names.map((name) => joinPath(dir, name));
  const isDir = await mapInBatches(entries, (entry) => tree.isDirectory(entry));
  for (const [i, entry] of entries.entries()) {
    if (isDir[i]) {
      out.push(`${entry}/`);
      await walkAll(tree, `${entry}/`, visited, out, depth + 1);
    } else {
      out.push(entry);
    }
  }
}

/**
 * The paths a LIKE pattern on `path` (all) or `directory` (folders: only those ending in "/") names, sorted by bytes
 * and unique as osquery's std::set. Relative and "~" patterns name nothing here: they would mean this process's
 * working directory or this machine's home, not the triaged system.
 */
export async function likePaths(tree: Tree, like: Bytes, limit: 'all' | 'folders'): Promise<Bytes[]> {
  const pattern = like.replace(/%/g, '*');
  if (!pattern.startsWith('/')) return [];
  let results: Bytes[];
  if (pattern.endsWith('**')) {
    results = [];
    const visited = new Set<string>();
    for (const base of await glob(tree, pattern.slice(0, -1))) {
      results.push(base);
      if (base.endsWith('/')) await walkAll(tree, base, visited, results, 0);
    }
  } else {
    results = await glob(tree, pattern);
  }
  const kept = limit === 'folders' ? results.filter((p) => p.endsWith('/')) : results;
  return [...new Set(kept)].sort(compareBytes);
}

export const compareBytes = (a: Bytes, b: Bytes): number => (a < b ? -1 : a > b ? 1 : 0);
