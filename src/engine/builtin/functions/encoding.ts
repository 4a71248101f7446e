/** osquery's hashing and encoding functions: md5, sha1, sha256, to/from/conditional_to_base64, community_id_v1. */
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { SqlText, type RawArgs, type SqlArg, type SqlResult } from '../sqlite.js';
import { bytesUntilNul, cString, fail } from './coerce.js';

/** md5/sha1/sha256(value): lowercase hex of the value's text (up to a NUL, as osquery reads a C string). */
export function hashFunction(algorithm: 'md5' | 'sha1' | 'sha256') {
  return (args: SqlArg[], raw: RawArgs): SqlResult => {
    const bytes = raw.bytes(0);
    if (bytes === null) return null;
    return createHash(algorithm).update(bytesUntilNul(bytes)).digest('hex');
  };
}

export function toBase64(args: SqlArg[], raw: RawArgs): SqlResult {
  const bytes = raw.bytes(0);
  return bytes === null ? null : Buffer.from(bytes).toString('base64');
}

/** Encodes only values holding a byte outside printable ASCII (0x20-0x7e). */
export function conditionalToBase64(args: SqlArg[], raw: RawArgs): SqlResult {
  const bytes = raw.bytes(0);
  if (bytes === null) return null;
  const printable = bytes.every((b) => b >= 0x20 && b < 0x7f);
  return printable ? new SqlText(bytes) : Buffer.from(bytes).toString('base64');
}

/** Decodes base64 (line breaks and trailing '=' ignored); anything not base64 gives an empty string. */
export function fromBase64(args: SqlArg[], raw: RawArgs): SqlResult {
  const bytes = raw.bytes(0);
  if (bytes === null) return null;
  const text = Buffer.from(bytes).toString('latin1').replace(/\r?\n/g, '').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(text)) return '';
  // Whole bytes only: leftover bits of a final partial group are dropped.
  const decoded = Buffer.from(text, 'base64').subarray(0, Math.floor((text.length * 6) / 8));
  return new SqlText(new Uint8Array(decoded));
}

/**
 * community_id_v1(saddr, daddr, sport, dport, proto[, seed]): the Community ID v1 flow hash. The plain form
 * gives NULL for bad input; the strict form fails the statement.
 */
export function communityId(strict: boolean) {
  return (args: SqlArg[], raw: RawArgs): SqlResult => {
    try {
      return communityIdOf(args, raw);
    } catch (err) {
      if (strict) throw err;
      return null;
    }
  };
}

function communityIdOf(args: SqlArg[], raw: RawArgs): string {
  let seed = 0n;
  if (args.length === 6) {
    const s = args[5];
    if (typeof s !== 'bigint') fail('Community ID seed must be an integer');
    if (s < -32768n || s > 32767n) fail('Community ID seed must fit in 2 bytes');
    seed = s;
  }
  if (typeof args[0] !== 'string' || typeof args[1] !== 'string') fail('Community ID IPs must be strings');
  let saddr = parseAddress(cString(raw.text(0) ?? ''));
  let daddr = parseAddress(cString(raw.text(1) ?? ''));
  if (!saddr) fail('Community ID saddr cannot be parsed as IP');
  if (!daddr) fail('Community ID daddr cannot be parsed as IP');
  const [sp, dp, pr] = [args[2], args[3], args[4]];
  if (typeof sp !== 'bigint' || typeof dp !== 'bigint') fail('Community ID ports must be integers');
  if (sp < 0n || sp > 65535n || dp < 0n || dp > 65535n) fail('Community ID ports must fit in 2 bytes');
  if (typeof pr !== 'bigint') fail('Community ID protocol must be an integer');
  if (pr < 0n || pr > 255n) fail('Community ID protocol must fit in 1 byte');
  let [sport, dport] = [Number(sp), Number(dp)];
  const order = compareAddresses(saddr, daddr);
  if (!(order < 0 || (order === 0 && sport < dport))) {
    [saddr, daddr] = [daddr, saddr];
    [sport, dport] = [dport, sport];
  }
  const seedBytes = Buffer.alloc(2);
  seedBytes.writeInt16BE(Number(seed));
  const tail = Buffer.alloc(6);
  tail.writeUInt8(Number(pr), 0);
  tail.writeUInt8(0, 1);
  tail.writeUInt16BE(sport, 2);
  tail.writeUInt16BE(dport, 4);
  const digest = createHash('sha1').update(Buffer.concat([seedBytes, saddr, daddr, tail])).digest('base64');
  return `1:${digest}`;
}

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address, or null. */
export function parseAddress(text: string): Buffer | null {
  if (isIPv4(text)) return Buffer.from(text.split('.').map(Number));
  if (!isIPv6(text) || text.includes('%')) return null;
  return ipv6Bytes(text);
}

function ipv6Bytes(text: string): Buffer {
  let head = text;
  let v4Tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4Tail = text.slice(lastColon + 1).split('.').map(Number);
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left = '', right] = head.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const all = [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  if (v4Tail.length === 4) Buffer.from(v4Tail).copy(out, 12);
  return out;
}

/** IPv4 sorts before IPv6, then byte order. */
function compareAddresses(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) return a.length - b.length;
  return Buffer.compare(a, b);
}
