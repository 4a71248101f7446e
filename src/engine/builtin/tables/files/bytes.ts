/**
 * Paths and file contents of the triaged system are bytes, not text. We hold them as "byte strings" (latin1: one
 * char per byte) so a name that is not valid UTF-8 still reaches the filesystem unchanged; text for people is
 * decoded only when a row is built (invalid sequences become U+FFFD there).
 */
export type Bytes = string;

export const fromText = (text: string): Bytes => Buffer.from(text, 'utf8').toString('latin1');
export const toText = (bytes: Bytes): string => Buffer.from(bytes, 'latin1').toString('utf8');
export const toBuffer = (bytes: Bytes): Buffer => Buffer.from(bytes, 'latin1');
export const bufferBytes = (buffer: Buffer): Bytes => buffer.toString('latin1');

/** isspace() in the C locale, which is what osquery's trims and splits use. */
const EDGE_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
export const trimSpace = (s: string): string => s.replace(EDGE_SPACE, '');

/** osquery's split(s, delims): cut at any delimiter char, drop empty pieces, then trim each piece. */
export function splitTrim(s: string, delims: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || delims.includes(s.charAt(i))) {
      if (i > start) pieces.push(trimSpace(s.slice(start, i)));
      start = i + 1;
    }
  }
  return pieces;
}

/** osquery's split(s, delim, occurrences): splitTrim, then the pieces past `occurrences` joined back. */
export function splitLimited(s: string, delim: string, occurrences: number): string[] {
  const pieces = splitTrim(s, delim);
  if (pieces.length <= occurrences) return pieces;
  return [...pieces.slice(0, occurrences), pieces.slice(occurrences).join(delim)];
}

/** Lines as a streaming reader sees them: cut at "\n", the empty piece after a final newline dropped. */
export function splitLines(content: Bytes): Bytes[] {
  const lines = content.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const STRTOL_BASE0 = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strtoll(value, base 0) over the whole value, as osquery casts a text cell; null where it would fail. */
function strtollWhole(value: string): bigint | null {
  const m = STRTOL_BASE0.exec(value);
  if (!m) return null;
  const digits = m[2] ?? '';
  let n: bigint;
  if (/^0[xX]/.test(digits)) n = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith('0')) n = BigInt('0o' + digits.slice(1));
  else n = BigInt(digits);
  if (m[1] === '-') n = -n;
  return n < INT64_MIN || n > INT64_MAX ? null : n;
}

/** A text value as osquery stores it in an INTEGER column: parsed like strtol base 0, then cut to int32. */
export function osqueryInteger(value: string): number | null {
  const n = strtollWhole(value);
  return n === null ? null : Number(BigInt.asIntN(32, n));
}

/** A whole number as a cell: a JS number while exact, else a bigint. */
export function cellNumber(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** A path joined the way boost::filesystem's `/` does for our cases: no doubled separator. */
export function joinPath(dir: Bytes, name: Bytes): Bytes {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * boost::filesystem (v3) parent_path() and filename() of an absolute path: "/x/y/" -> ("/x/y", "."),
 * "/x/y" -> ("/x", "y"), "/x" -> ("/", "x"), "/" -> ("", "/").
 */
export function splitPath(path: Bytes): { parent: Bytes; filename: Bytes } {
  if (path === '/') return { parent: '', filename: '/' };
  if (path.endsWith('/')) return { parent: path.slice(0, -1), filename: '.' };
  const cut = path.lastIndexOf('/');
  if (cut < 0) return { parent: '', filename: path };
  const parent = path.slice(0, cut).replace(/\/+$/, '');
  return { parent: parent === '' && path.startsWith('/') ? '/' : parent, filename: path.slice(cut + 1) };
}
