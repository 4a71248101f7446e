import { describe, expect, test } from 'vitest';
import { BINDINGS, commandFor, hintsFor, type Scope } from '../../src/ui/keys.js';
import { uiStrings } from '../../src/ui/i18n.js';
import { key } from './keypress.js';

const SCOPES: Scope[] = ['outline', 'detail', 'picker', 'export', 'row', 'help', 'prompt', 'verdict', 'quit'];

describe('key bindings', () => {
  test('no key means two different things in one scope', () => {
    const clashes: string[] = [];
    for (const scope of SCOPES) {
      const seen = new Map<string, string>();
      for (const b of BINDINGS.filter((x) => x.scopes.includes(scope) || ((scope === 'outline' || scope === 'detail') && x.scopes.includes('triage')))) {
        for (const spec of b.keys) {
          const id = `${spec.key ?? ''}|${spec.input ?? ''}|${spec.ctrl ?? false}|${spec.shift ?? false}`;
          const own = b.scopes.includes(scope);
          const prior = seen.get(id);
          // A pane's own binding may override a screen-wide one; two of the same rank may not differ.
          if (prior !== undefined && prior.split('#')[0] !== b.command && prior.split('#')[1] === String(own)) clashes.push(`${scope}: ${spec.label} -> ${prior} / ${b.command}`);
          if (prior === undefined || own) seen.set(id, `${b.command}#${own}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  test('letters type into the picker filter instead of running commands', () => {
    for (const letter of ['a', 'q', 'j', 'k', 'g', 'G', 'n', ' ']) expect(commandFor('picker', letter, key())).toBeUndefined();
    expect(commandFor('picker', '', key({ downArrow: true }))).toBe('down');
  });

  test('a pane binding wins over the screen-wide one; Tab and Shift-Tab both switch panes', () => {
    expect(commandFor('outline', '', key({ rightArrow: true }))).toBe('right');
    expect(commandFor('detail', '', key({ rightArrow: true }))).toBe('right');
    expect(commandFor('outline', '', key({ tab: true }))).toBe('switch-pane');
    expect(commandFor('outline', '', key({ tab: true, shift: true }))).toBe('switch-pane');
    expect(commandFor('picker', '', key({ tab: true }))).toBe('toggle-blocks');
  });

  test('Ctrl-C interrupts everywhere, and is not the letter c', () => {
    for (const scope of SCOPES) expect(commandFor(scope, 'c', key({ ctrl: true }))).toBe('interrupt');
    expect(commandFor('outline', 'c', key())).toBeUndefined();
  });

  test('every hinted command has words in both languages; the help key leads the footer', () => {
    for (const lang of ['en', 'zh-CN'] as const) for (const b of BINDINGS) expect(uiStrings(lang).commands[b.command]).not.toBe('');
    expect(hintsFor('outline')[0]?.command).toBe('help');
  });
});
