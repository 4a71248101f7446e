import { resolve as resolvePath } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Library } from '../guide/load.js';
import { shippedGuideDir } from '../guide/paths.js';
import { sanitize } from '../report/terminal-text.js';
import { EXIT, type CliIO, type Command } from './io.js';
import { languageFrom } from './strings.js';

const USAGE = [
  'usage: osq-triage guides list [--source] [--guides DIR]...',
  '       osq-triage guides show ID|NAME [--lang en|zh-CN] [--guides DIR]...',
  '       osq-triage guides lint [DIR]',
  '       osq-triage guides import SRC... --to DIR',
  '       osq-triage guides index DIR...',
].join('\n');

/**
 * `guides list|show|lint|import|index`: the guide library from the command line. Subcommands load what they need
 * only: `show` reads directory indexes and file heads and parses the one guide it shows.
 */
export const guidesCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list':
      return listCommand(rest, io);
    case 'show':
      return showCommand(rest, io);
    case 'lint':
      return lintCommand(rest, io);
    case 'import':
      return (await import('./guides-import.js')).importCommand(rest, io);
    case 'index':
      return indexCommand(rest, io);
    case '--help':
    case '-h':
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    default:
      return usage(io, sub === undefined ? 'name a subcommand' : `unknown subcommand ${JSON.stringify(safe(sub))}`);
  }
};

async function listCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parse(args, { source: { type: 'boolean' }, guides: { type: 'string', multiple: true } });
  if (!parsed.ok) return usage(io, parsed.message);
  if (parsed.positionals.length > 0) return usage(io, `guides list takes no arguments, got ${JSON.stringify(safe(parsed.positionals[0] ?? ''))}`);
  const lib = await libraryFor(list(parsed.values.guides), io);
  if (!lib) return EXIT.badInput;
  const lang = languageFrom(undefined, io.env) ?? 'en';
  const { localize } = await import('../guide/model.js');
  const lines = lib.guides.map(({ guide, source, file }) => {
    const where = parsed.values.source === true ? `  [${safe(source)}: ${safe(file)}${guide.origin ? `; ${guide.origin.kind} ${safe(guide.origin.file)}` : ''}]` : '';
    return `${safe(guide.rule_id).padEnd(36)}  ${guide.severity.padEnd(8)}  ${safe(localize(guide.name, lang))}${where}\n`;
  });
  io.stdout.write(lines.join(''));
  return EXIT.ok;
}

async function showCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parse(args, { lang: { type: 'string' }, guides: { type: 'string', multiple: true } });
  if (!parsed.ok) return usage(io, parsed.message);
  const wanted = parsed.positionals.join(' ').trim();
  if (wanted === '') return usage(io, 'guides show needs a rule id or name');
  const lang = languageFrom(text(parsed.values.lang), io.env);
  if (!lang) return usage(io, `--lang must be en or zh-CN, not ${JSON.stringify(safe(String(parsed.values.lang)))}`);
  const dirs = list(parsed.values.guides);
  if (!(await allDirectories(dirs, io))) return EXIT.badInput;
  const { findGuide } = await import('./guides-find.js');
  const { resolution: found, lib } = await findGuide(dirs, wanted);
  if (!found.ok) {
    io.stderr.write(`osq-triage: ${safe(found.message)}\n`);
    return EXIT.badInput;
  }
  const { guideOutline } = await import('./guides-show.js');
  io.stdout.write(guideOutline(found.guide, lib, lang));
  return EXIT.ok;
}

async function lintCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parse(args, {});
  if (!parsed.ok) return usage(io, parsed.message);
  if (parsed.positionals.length > 1) return usage(io, 'guides lint takes at most one DIR');
  const dir = parsed.positionals[0] ?? shippedGuideDir();
  if (!(await isDirectory(dir))) {
    io.stderr.write(`osq-triage: ${safe(dir)} is not a guide directory\n`);
    return EXIT.badInput;
  }
  const { formatViolation, lintLibrary } = await import('../guide/lint.js');
  const { loadLibrary } = await import('../guide/load.js');
  // A guide directory may reference the shipped queries, as it can at run time: load them too, report only DIR's files.
  const shipped = resolvePath(shippedGuideDir());
  const own = resolvePath(dir);
  const lib = await loadLibrary(own === shipped ? [dir] : [dir, shipped]);
  const inDir = (file: string): boolean => own === shipped || resolvePath(file).startsWith(`${own}/`);
  const violations = (await lintLibrary(lib)).filter((v) => inDir(v.file));
  for (const v of violations) io.stdout.write(`${safe(formatViolation(v))}\n`);
  const guides = lib.guides.filter((g) => inDir(g.file)).length;
  const queries = [...lib.queries.values()].filter((q) => inDir(q.file)).length;
  const counts = `${guides} guides, ${queries} queries`;
  io.stdout.write(violations.length === 0 ? `${counts}: no problems\n` : `${counts}: ${violations.length} problems\n`);
  return violations.length === 0 ? EXIT.ok : EXIT.internal;
}

/**
 * `guides index DIR...`: (re)write each directory's guide index, so that looking a rule up there needs no parsing.
 * Only files changed since the last index are parsed again.
 */
async function indexCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parse(args, {});
  if (!parsed.ok) return usage(io, parsed.message);
  if (parsed.positionals.length === 0) return usage(io, 'guides index needs a DIR');
  const { writeGuideIndex } = await import('../guide/index-build.js');
  let code: number = EXIT.ok;
  for (const dir of parsed.positionals) {
    const written = await writeGuideIndex(dir);
    if (written.ok) io.stdout.write(`${safe(written.file)}: ${written.guides} guides, ${written.queries} queries (${written.parsed} files read afresh)\n`);
    else {
      io.stderr.write(`osq-triage: ${safe(written.message)}\n`);
      code = EXIT.badInput;
    }
  }
  return code;
}

/** --guides directories first (they override), then the shipped guides. Load problems are shown, not fatal. */
async function libraryFor(dirs: string[], io: CliIO): Promise<Library | undefined> {
  if (!(await allDirectories(dirs, io))) return undefined;
  const { loadLibrary } = await import('../guide/load.js');
  const lib = await loadLibrary([...dirs, shippedGuideDir()]);
  for (const p of lib.problems) io.stderr.write(`osq-triage: warning: ${safe(p.file)}: ${safe(p.message)}\n`);
  return lib;
}

async function allDirectories(dirs: string[], io: CliIO): Promise<boolean> {
  for (const dir of dirs) {
    if (!(await isDirectory(dir))) {
      io.stderr.write(`osq-triage: --guides ${safe(dir)} is not a directory\n`);
      return false;
    }
  }
  return true;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];
type Parsed = { ok: true; values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } | { ok: false; message: string };

function parse(args: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { ok: true, values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (err) {
    return { ok: false, message: (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '' };
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function usage(io: CliIO, message: string): number {
  io.stderr.write(`osq-triage guides: ${safe(message)}\n${USAGE}\n`);
  return EXIT.badInput;
}

function safe(text: string): string {
  return sanitize(text);
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
