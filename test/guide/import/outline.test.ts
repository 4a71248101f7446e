import { describe, expect, it } from 'vitest';
import { outlineNote } from '../../../src/guide/import/outline.js';
import { markQueryRefs } from '../../../src/guide/import/refs.js';

const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `Query ${i}`, query: `SELECT ${i} FROM t${i}` }));

describe('markQueryRefs', () => {
  it('marks $osquery_N only for listed entries and reports missing and unreferenced ones', () => {
    const marked = markQueryRefs('- a $osquery_0\n- b $osquery_5\n- c $osquery_10x', entries(2));
    expect([...marked.referenced]).toEqual([0]);
    expect(marked.warnings).toEqual([
      expect.stringMatching(/references \$osquery_5, which the rule does not list \(its osquery entries: \$osquery_0..\$osquery_1\)/),
      expect.stringMatching(/\$osquery_1 \("Query 1"\) is never referenced/),
    ]);
    expect(marked.text).toContain('$osquery_10x');
  });

  it('leaves $osquery_N alone in notes whose rule lists no entries beside them', () => {
    expect(markQueryRefs('- $osquery_0', undefined)).toMatchObject({ text: '- $osquery_0', entries: [], warnings: [] });
  });

  it('appends block entries after listed ones and gives unlabelled blocks a name', () => {
    const marked = markQueryRefs('- x !{osquery{"query":"SELECT 1 FROM a"}}', entries(1));
    expect(marked.entries[1]).toEqual({ label: 'Osquery query 2', query: 'SELECT 1 FROM a' });
    expect([...marked.referenced]).toEqual([1]);
  });

  it('removes private-use marker characters an attacker put in the note', () => {
    const marked = markQueryRefs('- \uE0000\uE001 step', []);
    expect(outlineNote(marked.text).steps).toEqual([{ text: '0 step', refs: [], children: [] }]);
  });
});

describe('outlineNote', () => {
  const note = [
    '## Triage and analysis',
    '### Investigating Thing',
    'First paragraph',
    'continues here.',
    '',
    'Second paragraph.',
    '',
    '> **Note**: plugin text',
    '',
    'Not summary.',
    '#### Possible investigation steps',
    '- Top one.',
    '  - $osquery_0',
    '    - $osquery_1',
    '  - Child with inline ref: $osquery_2',
    '      continued line.',
    '- $osquery_3',
    '* Star item',
    '    - Deep child under star',
    '1. Numbered item',
    '```',
    '- not an item',
    '```',
    '### False positive analysis',
    '- FP one.',
    '  - FP nested.',
    '### Related Rules',
    '- Some Rule - 0A1B2C3D-0000-4000-8000-000000000002',
    '- No Id Rule',
    '### Response and Remediation',
    '- Do this.',
    '  - And this.',
    '### Performance',
    '- ignored bullet',
  ].join('\n');

  it('reads summary, nested steps, false positives, related rules and response', () => {
    const outline = outlineNote(markQueryRefs(note, entries(4)).text);
    expect(outline.title).toBe('Thing');
    expect(outline.summary).toBe('First paragraph continues here.\n\nSecond paragraph.');
    expect(outline.steps).toEqual([
      {
        text: 'Top one.',
        refs: [0, 1],
        children: [{ text: 'Child with inline ref: continued line.', refs: [2], children: [] }],
      },
      { text: '', refs: [3], children: [] },
      { text: 'Star item', refs: [], children: [{ text: 'Deep child under star', refs: [], children: [] }] },
      { text: 'Numbered item', refs: [], children: [] },
    ]);
    expect(outline.falsePositives).toEqual(['FP one.', 'FP nested.']);
    expect(outline.related).toEqual([{ name: 'Some Rule', ruleId: '0a1b2c3d-0000-4000-8000-000000000002' }, { name: 'No Id Rule' }]);
    expect(outline.response).toEqual(['Do this.', 'And this.']);
  });

  it('uses the lists of a note without a steps section as its steps', () => {
    const outline = outlineNote('Intro text.\n\n- One\n  - Two\n\n## Response\n- Act');
    expect(outline.summary).toBe('Intro text.');
    expect(outline.steps).toEqual([{ text: 'One', refs: [], children: [{ text: 'Two', refs: [], children: [] }] }]);
    expect(outline.response).toEqual(['Act']);
  });

  it('nests by indentation even when the child is indented further than usual', () => {
    const outline = outlineNote('### Possible investigation steps\n- A\n    - B\n  - C\n- D');
    expect(outline.steps.map((s) => [s.text, s.children.map((c) => c.text)])).toEqual([['A', ['B', 'C']], ['D', []]]);
  });

  it('keeps an indented code block inside its item, and a fence at the margin out of the list', () => {
    const outline = outlineNote('### Possible investigation steps\n- A\n  ```\n  ls -la\n  ```\n```\n- fenced\n```\n- B');
    expect(outline.steps.map((s) => s.text)).toEqual(['A\n```\nls -la\n```', 'B']);
  });

  it('does not take a paragraph after a blank line as part of the list item', () => {
    const outline = outlineNote('### Possible investigation steps\n- A\n\nParagraph.\n- B');
    expect(outline.steps.map((s) => s.text)).toEqual(['A', 'B']);
  });
});
