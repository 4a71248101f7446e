/**
 * dpkg's record of installed files, parsed: `info/*.md5sums` ("<md5>  <path without leading slash>") and the
 * `Conffiles:` blocks of `status` (" /etc/x <md5>", marked obsolete or not). Pure: bytes in, records out.
 */
import type { PackageFile } from '../types.js';

/** The package a `<name>[:arch].md5sums` file belongs to. */
export function packageOfInfoFile(filename: string): string | null {
  const m = /^(.+?)(?::[a-z0-9-]+)?\.md5sums$/.exec(filename);
  return m ? (m[1] as string) : null;
}

export function parseMd5sums(text: string, pkg: string, into: Map<string, PackageFile>): void {
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{32}) {1,2}(.+)$/.exec(line);
    if (!m) continue;
    const path = `/${(m[2] as string).replace(/^\/+/, '')}`;
    if (!into.has(path)) into.set(path, { package: pkg, md5: m[1] as string, conffile: false });
  }
}

/** Conffiles of installed packages from dpkg's status file (obsolete ones left out). */
export function parseStatusConffiles(text: string, into: Map<string, PackageFile>): void {
  let pkg = '';
  let inConffiles = false;
  let installed = true;
  for (const line of text.split('\n')) {
    if (line === '') {
      pkg = '';
      inConffiles = false;
      installed = true;
      continue;
    }
    if (line.startsWith('Package: ')) {
      pkg = line.slice(9).trim();
      continue;
    }
    if (line.startsWith('Status: ')) {
      installed = / installed$/.test(line.trim());
      continue;
    }
    if (line.startsWith('Conffiles:')) {
      inConffiles = true;
      continue;
    }
    if (!line.startsWith(' ')) {
      inConffiles = false;
      continue;
    }
    if (!inConffiles || !pkg || !installed) continue;
    const m = /^ (\/\S+) ([0-9a-f]{32})(?: (obsolete|remove-on-upgrade))*\s*$/.exec(line);
    if (m && !m[3]) into.set(m[1] as string, { package: pkg, md5: m[2] as string, conffile: true });
  }
}

/** Directories that are one directory under two names on a merged-/usr system. */
const MERGED = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * The record of `path`, also under its merged-/usr twin (packages still ship /lib/systemd/... while the file is
 * seen as /usr/lib/systemd/... too, and the other way round).
 */
export function lookupPackageFile(records: ReadonlyMap<string, PackageFile>, path: string): PackageFile | undefined {
  const direct = records.get(path);
  if (direct) return direct;
  for (const top of MERGED) {
    if (path.startsWith(`${top}/`)) return records.get(`/usr${path}`);
    if (path.startsWith(`/usr${top}/`)) return records.get(path.slice(4));
  }
  return undefined;
}

/** The entries of an ld.so.preload file: separated by spaces, tabs, colons or newlines; '#' starts a comment. */
export function preloadNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const body = line.replace(/#.*$/, '');
    for (const name of body.split(/[\s:]+/)) if (name !== '') names.push(name);
  }
  return names;
}
