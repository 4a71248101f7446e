import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findGuide, guideKeys } from '../../../src/cli/guides-find.js';

describe('guideKeys', () => {
  it('reads plain, quoted and folded one-scalar keys', () => {
    expect(guideKeys('rule_id: abc\nname:\n  en: Some Rule\n  zh-CN: 某规则\nseverity: low\n')).toEqual({ ruleId: 'abc', names: ['Some Rule', '某规则'] });
    expect(guideKeys('severity: low\nrule_id: "abc"\nname:\n  en: \'It\'\'s here\'\n')).toEqual({ ruleId: 'abc', names: ["It's here"] });
    expect(guideKeys('rule_id: abc\nname:\n  en: A long name that\n    goes on\nlanguages: [en]\n')).toEqual({ ruleId: 'abc', names: ['A long name that goes on'] });
    expect(guideKeys('rule_id: abc\n\nname:\n  en: A\n\n  zh-CN: B\n\nsteps: []')).toEqual({ ruleId: 'abc', names: ['A', 'B'] });
    expect(guideKeys('rule_id: abc\nname:\n  en: A')).toEqual({ ruleId: 'abc', names: ['A'] });
  });

  it('is unsure of anything YAML could read differently', () => {
    const unsure = [
      'rule_id: abc\nname: { en: X }\n',
      'rule_id: "a\\x62c"\nname:\n  en: X\n',
      'rule_id: abc\nname:\n  en: "X\\u0041"\n',
      'rule_id: abc\nname:\n  en: >-\n    X\n',
      'rule_id: abc\nname:\n  en: X # comment\n',
      'rule_id: &a abc\nname:\n  en: X\n',
      'rule_id: abc\nname:\n  # comment\n  en: X\n',
      'rule_id: abc\nname:\n  en: "two\n    lines"\n',
      'name:\n  en: X\n',
      `rule_id: abc\nname:\n  en: A\n${'    more\n'.repeat(12)}  zh-CN: B\n`,
      'rule_id: abc\nname:\n  en: A\n\n    folded on\nlanguages: [en]\n',
      'rule_id: abc\n\n  def\nname:\n  en: A\n',
    ];
    for (const text of unsure) expect(guideKeys(text), text).toBeUndefined();
  });
});

describe('findGuide', () => {
  let root: string;
  const guide = (ruleId: string, name: string) => ({
    rule_id: ruleId,
    name: { en: name },
    languages: ['en'],
    severity: 'low',
    risk_score: 21,
    summary: { en: 's' },
    steps: [{ text: { en: 'step' }, queries: [] }],
  });
  const write = async (dir: string, file: string, data: unknown, opts: { flow?: boolean } = {}) => {
    await mkdir(join(root, dir, 'guides'), { recursive: true });
    await writeFile(join(root, dir, 'guides', file), opts.flow ? JSON.stringify(data) : stringify(data));
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'osq-find-'));
    await write('a', 'one.yaml', guide('id-1', 'First Rule'));
    await write('a', 'flow.yaml', guide('id-2', 'Flow Rule'), { flow: true });
    await write('b', 'one.yaml', guide('id-1', 'First Rule (other dir)'));
    await write('b', 'three.yaml', guide('id-3', 'Third Rule'));
    const { rule_id, name, ...rest } = guide('id-4', 'Late Keys Rule');
    await write('b', 'late.yaml', { ...rest, summary: { en: 'x'.repeat(6000) }, rule_id, name });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds by id or name in precedence order, parsing only candidates', async () => {
    const dirs = [join(root, 'a'), join(root, 'b')];
    const byId = await findGuide(dirs, 'ID-1');
    expect(byId.resolution).toMatchObject({ ok: true, by: 'rule_id', guide: { file: join(root, 'a', 'guides', 'one.yaml') } });
    const byName = await findGuide(dirs, '  third   RULE ');
    expect(byName.resolution).toMatchObject({ ok: true, by: 'name', guide: { guide: { rule_id: 'id-3' } } });
    expect(byName.lib.guides.map((g) => g.guide.rule_id)).toEqual(['id-2', 'id-3']);
  });

  it('reads past the head of a file whose rule_id and name come late', async () => {
    const found = await findGuide([join(root, 'a'), join(root, 'b')], 'late keys rule');
    expect(found.resolution).toMatchObject({ ok: true, guide: { guide: { rule_id: 'id-4' } } });
    expect(found.lib.guides).toHaveLength(2); // the flow-style guide, and this one
  });

  it('parses a guide written in a form it cannot read quickly', async () => {
    const found = await findGuide([join(root, 'a'), join(root, 'b')], 'Flow Rule');
    expect(found.resolution).toMatchObject({ ok: true, guide: { guide: { rule_id: 'id-2' } } });
  });

  it('answers a miss from the whole library, with suggestions', async () => {
    const miss = await findGuide([join(root, 'a'), join(root, 'b')], 'Thrid Rule');
    expect(miss.resolution).toMatchObject({ ok: false, suggestions: expect.arrayContaining(['Third Rule']) });
    expect(miss.lib.guides.length).toBeGreaterThanOrEqual(4);
  });
});
