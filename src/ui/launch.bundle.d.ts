/**
 * dist/src/ui/launch.bundle.js, written by `npm run build` (scripts/bundle-ui.mjs): launch.ts with Ink and React
 * inlined, so it exports exactly what launch.ts exports. There is no such file under src; see src/cli/load-ui.ts.
 */
export * from './launch.js';
