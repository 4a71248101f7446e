import { existsSync } from 'node:fs';

/** The interactive UI's entry (src/ui/launch.ts), whichever way it is loaded. */
export type UiModule = typeof import('../ui/launch.js');

const BUNDLE = new URL('../ui/launch.bundle.js', import.meta.url);

/**
 * The interactive UI. From the single-file bundle that `npm run build` writes beside the compiled modules when it is
 * there: Ink as one file imports several times faster than as hundreds. From the modules otherwise: under vitest
 * (running src), after a bare `tsc`, and with DEV=true, Ink's switch for React DevTools, which the bundle leaves out.
 */
export function loadUi(env: Record<string, string | undefined> = process.env): Promise<UiModule> {
  if (env.DEV !== 'true' && existsSync(BUNDLE)) return import('../ui/launch.bundle.js');
  return import('../ui/launch.js');
}
