/** The version the built-in engine reports: the package's own, plus the osquery table generation it mirrors. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The osquery release whose tables, functions and output the built-in engine follows. */
export const OSQUERY_COMPAT_VERSION = '5.23.0';

let cached: string | undefined;

/** osq-triage's version from the nearest package.json above this module (src/ under tests, dist/src/ built). */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'osq-triage' && typeof pkg.version === 'string') {
        cached = pkg.version;
        break;
      }
    } catch {
      // no package.json here: keep walking up
    }
    if (dirname(dir) === dir) break;
  }
  return cached;
}

export function builtinVersion(): string {
  return `${packageVersion()} (osquery ${OSQUERY_COMPAT_VERSION.replace(/\.\d+\.\d+$/, '.x')} tables)`;
}
