import Mustache from 'mustache';
import type { AlertFields } from '../alert/types.js';
import { tokenize, type Token } from './tokenize.js';

export interface RenderedRun {
  /** The statement as it will run, every alert value a SQL string literal. */
  sql: string;
  /** "user.name=alice" for fan-out runs; "" when the query runs once. */
  label: string;
  /** The value each placeholder field received in this run. */
  values: Record<string, string>;
}

export type Rendering =
  | { status: 'ready'; runs: RenderedRun[]; truncated: boolean; combinations: number }
  | { status: 'waiting'; missing: string[] }
  | { status: 'refused'; reason: string };

export interface RenderOptions {
  /** Most runs one query may fan out into (several distinct values of a field). */
  maxRuns?: number;
}

export const DEFAULT_MAX_RUNS = 10;
const TAGS: [string, string] = ['<<', '>>'];
/** View key for a literal "<<" that is not a placeholder (a shift operator, text in a string or comment). */
const LITERAL_SHIFT = '<<&_shl>>';

/**
 * Fill a query's `<<field>>` placeholders with alert values as SQL string literals.
 * A bare placeholder becomes a quoted literal; one inside a literal gets the escaped content only.
 * Missing fields make the query wait; a NUL byte is refused; several values fan out into several runs.
 */
export function renderQuery(sql: string, fields: AlertFields, options: RenderOptions = {}): Rendering {
  const maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
  const tokens = tokenize(sql);
  const structural = checkTemplate(tokens);
  if (structural) return { status: 'refused', reason: structural };

  const names = orderedFields(tokens);
  const missing = names.filter((f) => distinctValues(fields[f]).length === 0);
  if (missing.length > 0) return { status: 'waiting', missing };

  const choices = names.map((f) => ({ field: f, values: distinctValues(fields[f]) }));
  for (const { field, values } of choices) {
    if (values.some((v) => v.includes('\0'))) return { status: 'refused', reason: `value of ${field} contains a NUL byte` };
  }
  const combinations = choices.reduce((n, c) => n * c.values.length, 1);
  const slots = new Map(names.map((f, i) => [f, `s${i}`]));
  const template = buildTemplate(tokens, slots);
  const fanOut = choices.filter((c) => c.values.length > 1).map((c) => c.field);

  const runs: RenderedRun[] = [];
  for (const pick of combinationsOf(choices, maxRuns)) {
    const view: Record<string, string> = { _shl: '<<' };
    for (const [field, value] of Object.entries(pick)) view[slots.get(field) as string] = value;
    const rendered = Mustache.render(template, view, {}, { tags: TAGS, escape: escapeLiteral });
    const label = fanOut.map((f) => `${f}=${pick[f] ?? ''}`).join(', ');
    runs.push({ sql: rendered, label, values: pick });
  }
  Mustache.clearCache();
  return { status: 'ready', runs, truncated: combinations > runs.length, combinations };
}

/** Inside a single-quoted SQL literal, only the quote itself needs escaping (doubled). */
export function escapeLiteral(value: unknown): string {
  return String(value).replaceAll("'", "''");
}

/** A complete SQL string literal for a value. */
export function sqlLiteral(value: string): string {
  return `'${escapeLiteral(value)}'`;
}

function distinctValues(values: string[] | undefined): string[] {
  return [...new Set(values ?? [])];
}

function orderedFields(tokens: Token[]): string[] {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind === 'placeholder' || t.kind === 'string') for (const p of t.placeholders ?? []) seen.add(p.field);
  }
  return [...seen];
}

function checkTemplate(tokens: Token[]): string | undefined {
  for (const t of tokens) {
    if (t.unterminated) return `unterminated ${t.kind} in the query`;
    if (t.kind === 'quoted-identifier' && t.placeholders) return 'a placeholder inside a quoted identifier cannot be rendered safely';
    if (t.kind === 'blob' && t.text.includes('<<')) return 'a placeholder inside a blob literal cannot be rendered safely';
  }
  return undefined;
}

/**
 * The mustache template: every placeholder sits inside a single-quoted literal (bare ones get quotes added), and any
 * other "<<" in the text is emitted through an unescaped view entry so mustache never reads it as a tag.
 */
function buildTemplate(tokens: Token[], slots: Map<string, string>): string {
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'placeholder') {
      out += `'<<${slots.get(t.placeholders?.[0]?.field ?? '')}>>'`;
    } else if (t.kind === 'string' && t.placeholders) {
      let last = t.start;
      for (const p of t.placeholders) {
        out += literalText(t.text.slice(last - t.start, p.start - t.start));
        out += `<<${slots.get(p.field)}>>`;
        last = p.end;
      }
      out += literalText(t.text.slice(last - t.start));
    } else {
      out += literalText(t.text);
    }
  }
  return out;
}

function literalText(text: string): string {
  return text.replaceAll('<<', LITERAL_SHIFT);
}

/** Cartesian product of the fields' values, in order, stopping at `limit`. */
function* combinationsOf(choices: { field: string; values: string[] }[], limit: number): Generator<Record<string, string>> {
  let produced = 0;
  function* walk(i: number, acc: Record<string, string>): Generator<Record<string, string>> {
    if (produced >= limit) return;
    const choice = choices[i];
    if (!choice) {
      produced++;
      yield { ...acc };
      return;
    }
    for (const v of choice.values) {
      if (produced >= limit) return;
      yield* walk(i + 1, { ...acc, [choice.field]: v });
    }
  }
  yield* walk(0, {});
}
