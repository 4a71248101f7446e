import type { Key } from 'ink';
import { withoutEscapes } from './sanitize.js';

/**
 * Key bindings as data: one table says which key does what where. Screens ask `commandFor(scope, input, key)` and
 * act on the command; the footer and the help screen are generated from the same table.
 */

/** Where a key press lands. `triage` applies in both panes of the triage screen. */
export type Scope = 'triage' | 'outline' | 'detail' | 'picker' | 'export' | 'row' | 'help' | 'prompt' | 'verdict' | 'quit';

export type Command =
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'first'
  | 'last'
  | 'left'
  | 'right'
  | 'switch-pane'
  | 'open'
  | 'run'
  | 'run-all'
  | 'tick'
  | 'note'
  | 'verdict'
  | 'export'
  | 'help'
  | 'quit'
  | 'back'
  | 'next-waiting'
  | 'toggle-sql'
  | 'next-run'
  | 'prev-run'
  | 'toggle-blocks'
  | 'submit'
  | 'interrupt';

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

export interface KeySpec {
  /** A printable key (`a`, `?`, space). */
  input?: string;
  key?: NamedKey;
  ctrl?: boolean;
  shift?: boolean;
  /** How the key is written in hints. */
  label: string;
}

export interface Binding {
  command: Command;
  keys: KeySpec[];
  scopes: Scope[];
  /** Shown in the footer of these scopes (everything is in the help screen). */
  hint?: Scope[];
  /** Keys as the footer writes them when a pair reads better (`↑↓`). */
  hintKeys?: string;
}

const k = {
  up: { key: 'upArrow', label: '↑' },
  down: { key: 'downArrow', label: '↓' },
  left: { key: 'leftArrow', label: '←' },
  right: { key: 'rightArrow', label: '→' },
  pageUp: { key: 'pageUp', label: 'PgUp' },
  pageDown: { key: 'pageDown', label: 'PgDn' },
  home: { key: 'home', label: 'Home' },
  end: { key: 'end', label: 'End' },
  enter: { key: 'return', label: 'Enter' },
  esc: { key: 'escape', label: 'Esc' },
  tab: { key: 'tab', label: 'Tab' },
  shiftTab: { key: 'tab', shift: true, label: 'S-Tab' },
  space: { input: ' ', label: 'Space' },
  ctrlC: { input: 'c', ctrl: true, label: 'C-c' },
  char: (c: string): KeySpec => ({ input: c, label: c }),
} as const satisfies Record<string, KeySpec | ((c: string) => KeySpec)>;

// Letter keys never bind in the picker: there they type into the filter.
const lists: Scope[] = ['triage', 'export', 'row', 'verdict', 'help'];

export const BINDINGS: readonly Binding[] = [
  { command: 'up', keys: [k.up, k.char('k')], scopes: lists },
  { command: 'down', keys: [k.down, k.char('j')], scopes: lists },
  { command: 'up', keys: [k.up], scopes: ['picker'], hint: ['picker'], hintKeys: '↑↓' },
  { command: 'down', keys: [k.down], scopes: ['picker'] },
  { command: 'page-up', keys: [k.pageUp], scopes: ['triage', 'picker', 'row', 'help'] },
  { command: 'page-down', keys: [k.pageDown], scopes: ['triage', 'picker', 'row', 'help'] },
  { command: 'first', keys: [k.home, k.char('g')], scopes: ['triage'] },
  { command: 'last', keys: [k.end, k.char('G')], scopes: ['triage'] },
  { command: 'first', keys: [k.home], scopes: ['picker'] },
  { command: 'last', keys: [k.end], scopes: ['picker'] },
  { command: 'left', keys: [k.left, k.char('h')], scopes: ['detail', 'row'] },
  { command: 'right', keys: [k.right, k.char('l')], scopes: ['detail', 'row'] },
  { command: 'switch-pane', keys: [k.tab, k.shiftTab], scopes: ['triage'], hint: ['outline', 'detail'] },
  { command: 'right', keys: [k.right], scopes: ['outline'] },
  { command: 'open', keys: [k.enter], scopes: ['triage', 'picker'], hint: ['picker', 'detail'] },
  { command: 'run', keys: [k.char('r')], scopes: ['triage'], hint: ['outline', 'detail'] },
  { command: 'run-all', keys: [k.char('a')], scopes: ['triage'], hint: ['outline', 'detail'] },
  { command: 'tick', keys: [k.space], scopes: ['triage', 'export'], hint: ['outline', 'export'] },
  { command: 'note', keys: [k.char('n')], scopes: ['triage'], hint: ['outline', 'detail'] },
  { command: 'verdict', keys: [k.char('v')], scopes: ['triage'], hint: ['outline', 'detail'] },
  { command: 'export', keys: [k.char('e')], scopes: ['triage'], hint: ['outline', 'detail'] },
  { command: 'next-waiting', keys: [k.char('w')], scopes: ['triage'] },
  { command: 'toggle-sql', keys: [k.char('s')], scopes: ['detail'] },
  { command: 'prev-run', keys: [k.char('[')], scopes: ['triage'] },
  { command: 'next-run', keys: [k.char(']')], scopes: ['triage'] },
  { command: 'toggle-blocks', keys: [k.tab], scopes: ['picker'], hint: ['picker'] },
  { command: 'submit', keys: [k.enter], scopes: ['prompt', 'verdict', 'export'], hint: ['prompt', 'verdict', 'export'] },
  { command: 'help', keys: [k.char('?')], scopes: ['triage', 'help'], hint: ['outline', 'detail'] },
  { command: 'back', keys: [k.esc], scopes: ['triage', 'picker', 'export', 'row', 'help', 'prompt', 'verdict', 'quit'], hint: ['row', 'prompt', 'verdict', 'export', 'picker'] },
  { command: 'quit', keys: [k.char('q')], scopes: ['triage', 'quit', 'help', 'row'], hint: ['outline', 'detail'] },
  { command: 'interrupt', keys: [k.ctrlC], scopes: ['triage', 'picker', 'export', 'row', 'help', 'prompt', 'verdict', 'quit'] },
];

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};

function isNamedKey(key: Key): boolean {
  return key.ctrl || key.meta || key.return || key.escape || key.tab || key.backspace || key.delete || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end;
}

/** A control character inside a run of input, as the key Ink would have reported on its own. */
function controlKey(ch: string): { input: string; key: Key } | undefined {
  const code = ch.charCodeAt(0);
  if (ch === '\r' || ch === '\n') return { input: '', key: { ...NO_KEY, return: true } };
  if (ch === '\t') return { input: '', key: { ...NO_KEY, tab: true } };
  if (code === 0x7f || code === 0x08) return { input: '', key: { ...NO_KEY, delete: true } };
  if (code >= 1 && code <= 26) return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return undefined;
}

/**
 * What one read delivered, as key presses. Keys typed faster than the screen reads them arrive together ("G " for G
 * then Space, "note text\r" for a note and Enter), the same way a paste does; Ink splits only escape sequences. Control
 * characters become their keys; printable text stays one piece while `typing(state)` says a text field has focus and
 * is otherwise one press per character. `step` handles one press and returns the next state.
 */
export function eachPress<S>(state: S, input: string, key: Key, typing: (s: S) => boolean, step: (s: S, input: string, key: Key) => S): S {
  if (isNamedKey(key) || input.length <= 1) return step(state, input, key);
  input = withoutEscapes(input);
  const pieces: { input: string; key: Key; text: boolean }[] = [];
  let run = '';
  for (const ch of input) {
    const control = ch.length === 1 && (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
    if (!control) {
      run += ch;
      continue;
    }
    if (run !== '') pieces.push({ input: run, key: NO_KEY, text: true });
    run = '';
    const k = controlKey(ch);
    if (k) pieces.push({ ...k, text: false });
  }
  if (run !== '') pieces.push({ input: run, key: NO_KEY, text: true });
  let current = state;
  for (const piece of pieces) {
    if (!piece.text || typing(current)) {
      current = step(current, piece.input, piece.key);
      continue;
    }
    for (const { segment } of segmenter.segment(piece.input)) {
      current = step(current, segment, { ...NO_KEY, shift: /^[A-Z]$/.test(segment) });
    }
  }
  return current;
}

function matches(spec: KeySpec, input: string, key: Key): boolean {
  if ((spec.ctrl ?? false) !== key.ctrl) return false;
  if (spec.key !== undefined) {
    if (!key[spec.key]) return false;
    return spec.key !== 'tab' || (spec.shift ?? false) === key.shift;
  }
  return spec.input === input;
}

function inScope(binding: Binding, scope: Scope): boolean {
  return binding.scopes.includes(scope) || ((scope === 'outline' || scope === 'detail') && binding.scopes.includes('triage'));
}

/** The command a key press means in a scope; a pane's own binding wins over the screen-wide one. */
export function commandFor(scope: Scope, input: string, key: Key): Command | undefined {
  const own = BINDINGS.find((b) => b.scopes.includes(scope) && b.keys.some((s) => matches(s, input, key)));
  if (own) return own.command;
  return BINDINGS.find((b) => inScope(b, scope) && b.keys.some((s) => matches(s, input, key)))?.command;
}

/** Bindings hinted in a scope's footer: the help key first (it must always fit), then in table order. */
export function hintsFor(scope: Scope): Binding[] {
  const hinted = BINDINGS.filter((b) => b.hint?.includes(scope));
  return [...hinted.filter((b) => b.command === 'help'), ...hinted.filter((b) => b.command !== 'help')];
}

/** Every binding that works in a scope (for the help screen). */
export function bindingsIn(scope: Scope): Binding[] {
  return BINDINGS.filter((b) => inScope(b, scope));
}

export function keyLabel(binding: Binding, forHint = false): string {
  if (forHint && binding.hintKeys !== undefined) return binding.hintKeys;
  return [...new Set(binding.keys.map((s) => s.label))].join('/');
}

const HELP_SECTIONS = ['outline', 'detail', 'row', 'export', 'picker'] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

/** The help screen's lines: every key, by where it works, each key and meaning said once. */
export function helpLines(describe: (c: Command) => string, heading: (s: HelpSection) => string): { text: string; heading: boolean }[] {
  const lines: { text: string; heading: boolean }[] = [];
  const said = new Set<string>();
  for (const section of HELP_SECTIONS) {
    const fresh: string[] = [];
    for (const b of bindingsIn(section)) {
      const id = `${keyLabel(b)}|${b.command}`;
      if (said.has(id)) continue;
      said.add(id);
      fresh.push(`  ${keyLabel(b).padEnd(11)} ${describe(b.command)}`);
    }
    if (fresh.length > 0) lines.push({ text: heading(section), heading: true }, ...fresh.map((text) => ({ text, heading: false })));
  }
  return lines;
}
