import { copyFile, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';

/**
 * The single-file UI that `npm run build` writes (scripts/bundle-ui.mjs) and the CLI's choice between it and the
 * compiled modules (src/cli/load-ui.ts). The tmux test drives the bundled UI end to end; this checks its seams.
 */

const UI_DIR = join(ROOT, 'dist', 'src', 'ui');
const BUNDLE = join(UI_DIR, 'launch.bundle.js');
const MODULES = join(UI_DIR, 'launch.js');
const LOADER = join(ROOT, 'dist', 'src', 'cli', 'load-ui.js');

type UiModule = typeof import('../../src/ui/launch.js');
type Loader = typeof import('../../src/cli/load-ui.js');

const importFile = <T>(file: string): Promise<T> => import(pathToFileURL(file).href) as Promise<T>;

/** The specifiers of the bundle's own static imports (module level, so not the inlined CommonJS require calls). */
function importsOf(code: string): string[] {
  return [...code.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gm)].map((m) => m[1] ?? '');
}

describe.skipIf(!existsSync(BUNDLE))(`the bundled UI${existsSync(BUNDLE) ? '' : ' (skipped: run npm run build)'}`, () => {
  const code = existsSync(BUNDLE) ? readFileSync(BUNDLE, 'utf8') : '';

  it('imports Node built-ins, string-width and compiled app modules outside src/ui, and inlines the rest', () => {
    const imports = importsOf(code);
    expect(imports.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules);
    const app = imports.filter((s) => s.startsWith('.'));
    const packages = imports.filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtins.has(s));
    expect(new Set(packages)).toEqual(new Set(['string-width']));
    expect(app.length).toBeGreaterThan(0);
    for (const specifier of app) {
      // Beside launch.js, so the same relative paths reach the same compiled files; nothing of src/ui is imported.
      expect(specifier, specifier).toMatch(/^\.\.\/(?!ui\/)[\w/-]+\.js$/);
      expect(existsSync(join(UI_DIR, specifier)), `${specifier} is compiled`).toBe(true);
    }
    expect(code).not.toContain('node_modules/ink/build/devtools.js');
  });

  it('exports what the compiled launch module exports', async () => {
    const [bundled, modules] = await Promise.all([importFile<UiModule>(BUNDLE), importFile<UiModule>(MODULES)]);
    expect(Object.keys(bundled).sort()).toEqual(Object.keys(modules).sort());
    expect(typeof bundled.launchTui).toBe('function');
  });

  it('is what the CLI loads, except with DEV=true (Ink then wants React DevTools, which the bundle leaves out)', async () => {
    const { loadUi } = await importFile<Loader>(LOADER);
    const [bundled, modules] = await Promise.all([importFile<UiModule>(BUNDLE), importFile<UiModule>(MODULES)]);
    expect((await loadUi({})).launchTui).toBe(bundled.launchTui);
    expect((await loadUi({ DEV: 'true' })).launchTui).toBe(modules.launchTui);
    expect(bundled.launchTui).not.toBe(modules.launchTui);
  });
});

describe('the UI loader under vitest (src, no bundle beside it)', () => {
  it('falls back to the modules', async () => {
    const { loadUi } = await import('../../src/cli/load-ui.js');
    const modules = await import('../../src/ui/launch.js');
    expect(existsSync(join(ROOT, 'src', 'ui', 'launch.bundle.js'))).toBe(false);
    expect((await loadUi({})).launchTui).toBe(modules.launchTui);
  });
});

describe.skipIf(!existsSync(LOADER))('the compiled UI loader picks the bundle only when it is current', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

  /** A dist-like tree: the real compiled loader, and two stand-in UI entries that say which one was loaded. */
  async function tree(ages: { bundle?: number; modules: number }): Promise<Loader> {
    const root = await mkdtemp(join(tmpdir(), 'osq-load-ui-'));
    made.push(root);
    await mkdir(join(root, 'cli'));
    await mkdir(join(root, 'ui'));
    await copyFile(LOADER, join(root, 'cli', 'load-ui.js'));
    const at = Date.now() / 1000;
    await writeFile(join(root, 'ui', 'launch.js'), "export const launchTui = 'modules';\n");
    await utimes(join(root, 'ui', 'launch.js'), at - ages.modules, at - ages.modules);
    if (ages.bundle !== undefined) {
      await writeFile(join(root, 'ui', 'launch.bundle.js'), "export const launchTui = 'bundle';\n");
      await utimes(join(root, 'ui', 'launch.bundle.js'), at - ages.bundle, at - ages.bundle);
    }
    return importFile<Loader>(join(root, 'cli', 'load-ui.js'));
  }
  const which = async (loader: Loader, env: Record<string, string> = {}): Promise<unknown> => (await loader.loadUi(env)).launchTui;

  it('uses a bundle built after the modules, and the modules with DEV=true', async () => {
    const loader = await tree({ bundle: 10, modules: 20 });
    expect(await which(loader)).toBe('bundle');
    expect(await which(loader, { DEV: 'true' })).toBe('modules');
  });

  it('uses the modules when the bundle is missing or older than them (tsc ran after the last build)', async () => {
    expect(await which(await tree({ modules: 20 }))).toBe('modules');
    expect(await which(await tree({ bundle: 30, modules: 20 }))).toBe('modules');
  });
});
