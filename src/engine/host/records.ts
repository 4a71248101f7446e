/** The triaged host's package records and preload file, read once from the live host or a mounted image. */
import { join, resolve } from 'node:path';
import { fromText, toText } from '../builtin/tables/files/bytes.js';
import { Tree } from '../builtin/tables/files/tree.js';
import type { HostRecordSet, HostRecords, PackageFile, PreloadEntry } from '../types.js';
import { lookupPackageFile, packageOfInfoFile, parseMd5sums, parseStatusConffiles, preloadNames } from './dpkg.js';

const DPKG = '/var/lib/dpkg';
/** No package database of any size needs more; a bigger file is not dpkg's. */
const MAX_RECORD_FILE = 256 * 1024 * 1024;
const MAX_PRELOAD = 64 * 1024;

export function localHostRecords(root = '/'): HostRecords {
  const top = resolve(root);
  const tree = new Tree({ hostPath: top === '/' ? (p) => p : (p) => join(top, resolve('/', p)) });
  let loaded: Promise<HostRecordSet> | undefined;
  return {
    load() {
      loaded ??= Promise.all([readPackages(tree), readPreload(tree)]).then(([packages, preload]) => ({ packages, preload }));
      return loaded;
    },
  };
}

async function readText(tree: Tree, path: string, max = MAX_RECORD_FILE): Promise<string | null> {
  const bytes = await tree.readFile(fromText(path), max);
  return bytes === null ? null : toText(bytes);
}

async function readPackages(tree: Tree): Promise<HostRecordSet['packages']> {
  const status = await readText(tree, `${DPKG}/status`);
  if (status === null) return null;
  const records = new Map<string, PackageFile>();
  parseStatusConffiles(status, records);
  const names = (await tree.list(fromText(`${DPKG}/info`))) ?? [];
  for (const name of names) {
    const pkg = packageOfInfoFile(toText(name));
    if (pkg === null) continue;
    const text = await readText(tree, `${DPKG}/info/${toText(name)}`);
    if (text !== null) parseMd5sums(text, pkg, records);
  }
  return { lookup: (path) => lookupPackageFile(records, path) };
}

async function readPreload(tree: Tree): Promise<PreloadEntry[] | null> {
  const text = await readText(tree, '/etc/ld.so.preload', MAX_PRELOAD);
  if (text === null) return null;
  const entries: PreloadEntry[] = [];
  for (const name of preloadNames(text)) {
    // A bare name is looked up in the default library directories, as ld.so does.
    const candidates = name.includes('/') ? [name] : LIBRARY_DIRS.map((d) => `${d}/${name}`);
    let exists = false;
    for (const path of candidates) if (!exists) exists = (await tree.stat(fromText(path))).stats?.isFile() === true;
    entries.push({ name, exists });
  }
  return entries;
}

const LIBRARY_DIRS = ['/lib', '/usr/lib', '/lib64', '/usr/lib64', '/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib/aarch64-linux-gnu'];
