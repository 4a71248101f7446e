import { statSync } from 'node:fs';

/** The interactive UI's entry (src/ui/launch.ts), whichever way it is loaded. */
export type UiModule = typeof import('../ui/launch.js');

const BUNDLE = new URL('../ui/launch.bundle.js', import.meta.url);
const MODULE = new URL('../ui/launch.js', import.meta.url);

/**
 * The interactive UI. From the single-file bundle that `npm run build` writes beside the compiled modules
 * (scripts/bundle-ui.mjs): Ink as one file imports several times faster than as hundreds. From the modules otherwise:
 * under vitest (src has no bundle), when the bundle is older than the modules (a bare `tsc` since the last build),
 * and with DEV=true, Ink's switch for React DevTools, which the bundle leaves out.
 */
export function loadUi(env: Record<string, string | undefined> = process.env): Promise<UiModule> {
  if (env.DEV !== 'true' && bundleIsCurrent()) return import('../ui/launch.bundle.js');
  return import('../ui/launch.js');
}

function bundleIsCurrent(): boolean {
  const bundle = statSync(BUNDLE, { throwIfNoEntry: false });
  const modules = statSync(MODULE, { throwIfNoEntry: false });
  return bundle !== undefined && (modules === undefined || bundle.mtimeMs >= modules.mtimeMs);
}
