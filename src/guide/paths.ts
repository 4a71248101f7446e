import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'osq-triage';

let cachedRoot: string | undefined;

/**
 * The package root: the nearest directory above this module holding osq-triage's package.json. Works from src/guide
 * (tests, tsx) and from dist/src/guide (the built CLI) alike.
 */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  const found = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  if (found === undefined) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${import.meta.url}`);
  cachedRoot = found;
  return found;
}

export function findPackageRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The guide directory shipped with the package: it holds guides/ and queries/. */
export function shippedGuideDir(): string {
  return packageRoot();
}

export function shippedGuidesPath(): string {
  return join(packageRoot(), 'guides');
}

export function shippedQueriesPath(): string {
  return join(packageRoot(), 'queries');
}

let cachedVersion: string | undefined;

/** This package's version, which guide indexes record (another version may read guides differently). */
export function packageVersion(): string {
  cachedVersion ??= readPackageField(join(packageRoot(), 'package.json'), 'version') ?? '0.0.0';
  return cachedVersion;
}

function readPackageName(manifest: string): string | undefined {
  return readPackageField(manifest, 'name');
}

function readPackageField(manifest: string, field: 'name' | 'version'): string | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    if (typeof data === 'object' && data !== null && field in data) {
      const value = (data as Record<string, unknown>)[field];
      if (typeof value === 'string') return value;
    }
  } catch {
    // an unreadable or malformed package.json is simply not ours
  }
  return undefined;
}
