/** in_cidr_block(cidr, ip): 1 when the address is one of the block's hosts, else 0. */
import type { RawArgs, SqlArg, SqlResult } from '../sqlite.js';
import { parseAddress } from './encoding.js';
import { cString, fail } from './coerce.js';

export function inCidrBlock(args: SqlArg[], raw: RawArgs): SqlResult {
  if (typeof args[0] !== 'string') fail('CIDR must be a string');
  if (typeof args[1] !== 'string') fail('IP address must be a string');
  const address = parseAddress(cString(raw.text(1) ?? ''));
  if (!address) fail('IP address cannot be parsed');
  const v4 = address.length === 4;
  const block = parseBlock(cString(raw.text(0) ?? ''), v4);
  if (!block) fail(`CIDR for IP address ${v4 ? 'v4' : 'v6'} cannot be parsed`);
  const bits = v4 ? 32 : 128;
  const value = toBigInt(address);
  const size = 1n << BigInt(bits - block.prefix);
  const first = (toBigInt(block.address) / size) * size;
  const last = first + size - 1n;
  // An IPv4 network's hosts leave out its network and broadcast addresses; a /32 is its one address.
  if (v4) return block.prefix === 32 ? value === first : value > first && value < last;
  return value >= first && value <= last;
}

function parseBlock(text: string, v4: boolean): { address: Buffer; prefix: number } | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const address = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || address.length !== (v4 ? 4 : 16) || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= (v4 ? 32 : 128) ? { address, prefix } : null;
}

function toBigInt(bytes: Buffer): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}
