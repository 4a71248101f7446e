// @ts-check
/**
 * Bundles the interactive UI for a fast launch: dist/src/ui/launch.bundle.js, src/ui/launch.ts with Ink, React and
 * what they import inlined. Importing Ink as hundreds of small files costs about half a second on Node 20; as one
 * file it is a fraction of that.
 *
 * Only src/ui goes in. Every other module of the app (store, reducer, executor, guide model, sql) and every other
 * package is imported from disk as usual, so the CLI and the UI share one copy of each, and code that finds files
 * from its own location (sql.js's wasm, the package root, the engine's worker) never runs from the bundle. The bundle
 * sits beside the compiled launch.js, so the relative paths of those imports stay valid.
 *
 * Run after `tsc` (npm run build). The CLI imports the bundle when it is there and the compiled modules otherwise.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const uiDir = join(srcDir, 'ui');
/** Packages inlined; any other package the UI imports stays external (string-width, shared with the report code). */
const INLINED = /^(ink|react)(\/|$)/;

/** @type {import('esbuild').Plugin} */
const onlyTheUi = {
  name: 'only-the-ui',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !args.importer.startsWith(srcDir + sep)) return undefined;
      if (!args.path.startsWith('.')) return INLINED.test(args.path) ? undefined : { path: args.path, external: true };
      const target = resolve(args.resolveDir, args.path);
      if (target.startsWith(uiDir + sep)) return undefined;
      // An app module outside src/ui: its compiled file, at the same place relative to dist/src/ui.
      return { path: relative(uiDir, target).split(sep).join('/'), external: true };
    });
    // Ink imports its React DevTools bridge only when DEV=true (the CLI then loads the unbundled UI, see
    // src/cli/load-ui.ts). Leave it and its websocket client out: a module that fails the way a missing package does.
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}ink${sep}`) ? { path: 'ink-devtools', namespace: 'left-out' } : undefined,
    );
    // Yoga's loader fetch()es its inlined wasm, a data: URL, which on Node 20 first loads the whole HTTP client
    // (undici). With no fetch in its scope it decodes the same bytes directly, as it does wherever fetch is absent.
    b.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/][^\\/]+\.js$/ }, async (args) => ({
      contents: `const fetch = undefined;\n${await readFile(args.path, 'utf8')}`,
      loader: 'js',
    }));
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
      contents: `throw Object.assign(new Error('React DevTools are not part of the bundled UI'), { code: 'ERR_MODULE_NOT_FOUND' });`,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [join(uiDir, 'launch.ts')],
  outfile: join(root, 'dist', 'src', 'ui', 'launch.bundle.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  tsconfig: join(root, 'tsconfig.json'),
  plugins: [onlyTheUi],
  // React's CommonJS files call require() for Node's modules; an ES module has none of its own.
  banner: { js: "import { createRequire as __osqCreateRequire } from 'node:module'; const require = __osqCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
