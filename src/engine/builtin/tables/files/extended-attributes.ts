import { createRequire } from 'node:module';
import { TableError, type TableRow, type TableSpec } from '../../table.js';
import { fromText, splitPath, toText, type Bytes } from './bytes.js';
import { capabilitiesText, decodeCapabilities } from './capabilities.js';
import { compareBytes, likePaths } from './glob.js';
import { missingRequiredColumn } from './targets.js';
import { Tree } from './tree.js';

const CAPABILITY = 'security.capability';

interface XattrApi {
  listAttributesSync(path: string): string[];
  getAttributeSync(path: string, name: string): Buffer | null;
}

let api: XattrApi | Error | undefined;

/** Node has no xattr calls; @napi-rs/xattr (a prebuilt N-API module) provides listxattr/getxattr. */
function xattrApi(): XattrApi {
  if (api === undefined) {
    try {
      api = createRequire(import.meta.url)('@napi-rs/xattr') as XattrApi;
    } catch (err) {
      api = err instanceof Error ? err : new Error(String(err));
    }
  }
  if (api instanceof Error) throw new TableError(`extended attributes cannot be read on this machine: ${api.message.split('\n')[0] ?? ''}`);
  return api;
}

/** osquery prints an attribute as text when it is NUL-terminated and printable up to the NUL, else as base64. */
export function attributeValue(value: Uint8Array): { value: string; base64: number } {
  if (value.length === 0) return { value: '', base64: 1 };
  const body = value.subarray(0, value.length - 1);
  const printable = value[value.length - 1] === 0 && body.every((c) => c >= 0x20 && c <= 0x7e);
  return printable ? { value: Buffer.from(body).toString('latin1'), base64: 0 } : { value: Buffer.from(value).toString('base64'), base64: 1 };
}

/** The paths the statement names: = / IN as written, LIKE as globs (osquery reads no directory constraint here). */
async function targetPaths(tree: Tree, constraints: TableSpecContext['constraints']): Promise<Bytes[]> {
  const found = new Set<Bytes>();
  for (const c of constraints) {
    if (c.column !== 'path') continue;
    for (const value of c.values) {
      if (c.op === 'LIKE') for (const p of await likePaths(tree, fromText(value), 'all')) found.add(p);
      else found.add(fromText(value));
    }
  }
  return [...found].sort(compareBytes);
}

type TableSpecContext = Parameters<TableSpec['generate']>[0];

async function rowsFor(tree: Tree, xattr: XattrApi, path: Bytes): Promise<TableRow[]> {
  // Read through links like osquery's open(); never touch a fifo, socket or device.
  const real = await tree.canonical(path);
  if (real === null) return [];
  const st = (await tree.lstat(real)).stats;
  if (!st || !(st.isFile() || st.isDirectory())) return [];
  const located = await tree.locate(real, false);
  if ('code' in located) return [];
  const hostPath = located.host.toString('utf8');
  // A name that is not UTF-8 cannot be passed to the module unchanged: leave it out rather than read another file.
  if (!Buffer.from(hostPath, 'utf8').equals(located.host)) return [];
  let names: string[];
  try {
    names = xattr.listAttributesSync(hostPath);
  } catch {
    return [];
  }
  const base = { path: toText(path), directory: toText(splitPath(path).parent) };
  const rows: TableRow[] = [];
  let decodedCapability = false;
  if (names.includes(CAPABILITY)) {
    const raw = safeGet(xattr, hostPath, CAPABILITY);
    const caps = raw ? decodeCapabilities(raw) : null;
    if (caps) {
      decodedCapability = true;
      const text = capabilitiesText(caps);
      if (text !== '') rows.push({ ...base, key: CAPABILITY, value: text, base64: 0 });
    }
  }
  for (const name of names) {
    if (name === CAPABILITY && decodedCapability) continue;
    const raw = safeGet(xattr, hostPath, name);
    if (raw === null) continue;
    rows.push({ ...base, key: name, ...attributeValue(raw) });
  }
  return rows;
}

function safeGet(xattr: XattrApi, path: string, name: string): Buffer | null {
  try {
    return xattr.getAttributeSync(path, name);
  } catch {
    return null;
  }
}

export const extendedAttributesTable: TableSpec = {
  name: 'extended_attributes',
  columns: [
    { name: 'path', type: 'TEXT', required: true },
    { name: 'directory', type: 'TEXT', required: true },
    { name: 'key', type: 'TEXT' },
    { name: 'value', type: 'TEXT' },
    { name: 'base64', type: 'INTEGER' },
  ],
  liveOnly: false,
  async generate(ctx) {
    if (!ctx.constraints.some((c) => c.column === 'path' || c.column === 'directory')) throw missingRequiredColumn('extended_attributes');
    const paths = await targetPaths(new Tree(ctx), ctx.constraints);
    if (paths.length === 0) return [];
    const xattr = xattrApi();
    const tree = new Tree(ctx);
    const rows: TableRow[] = [];
    for (const path of paths) for (const row of await rowsFor(tree, xattr, path)) rows.push(row);
    return rows;
  },
};
