import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary, type Library } from '../../src/guide/load.js';
import { shippedGuideDir, shippedGuidesPath } from '../../src/guide/paths.js';
import { resolveGuide } from '../../src/guide/resolve.js';

const LINKER_ID = 'df6f62d9-caab-4b88-affa-044f4395a1e0';
const TUNNEL_ID = '6ee947e9-de7e-4281-a55d-09289bdf947e';

let lib: Library;
let overrideDir: string;

beforeAll(async () => {
  lib = await loadLibrary([shippedGuideDir()]);
  // A --guides directory that overrides one shipped guide: same rule_id, another name.
  overrideDir = mkdtempSync(join(tmpdir(), 'osq-triage-guides-'));
  cpSync(join(shippedGuidesPath(), 'dynamic-linker-copy.yaml'), join(overrideDir, 'local-linker.yaml'));
  const text = readFileSync(join(overrideDir, 'local-linker.yaml'), 'utf8').replace('en: Dynamic Linker Copy', 'en: Local Linker Copy Guide');
  writeFileSync(join(overrideDir, 'local-linker.yaml'), text);
});

afterAll(() => {
  rmSync(overrideDir, { recursive: true, force: true });
});

function resolvedId(r: ReturnType<typeof resolveGuide>): string | undefined {
  return r.ok ? r.guide.guide.rule_id : undefined;
}

describe('resolveGuide', () => {
  it('finds a guide by rule_id, ignoring case and surrounding space', () => {
    const r = resolveGuide(lib, { ruleId: ` ${LINKER_ID.toUpperCase()} ` });
    expect(r.ok && r.by).toBe('rule_id');
    expect(resolvedId(r)).toBe(LINKER_ID);
  });

  it('finds a guide by its English name', () => {
    const r = resolveGuide(lib, { ruleName: 'Potential Linux Tunneling and/or Port Forwarding' });
    expect(r.ok && r.by).toBe('name');
    expect(resolvedId(r)).toBe(TUNNEL_ID);
  });

  it('finds a guide by its Chinese name', () => {
    expect(resolvedId(resolveGuide(lib, { ruleName: '动态链接器复制' }))).toBe(LINKER_ID);
    expect(resolvedId(resolveGuide(lib, { ruleName: '潜在的 Linux 隧道和/或端口转发' }))).toBe(TUNNEL_ID);
  });

  it('ignores case and runs of whitespace in names', () => {
    expect(resolvedId(resolveGuide(lib, { ruleName: '  dynamic   LINKER\tcopy ' }))).toBe(LINKER_ID);
    expect(resolvedId(resolveGuide(lib, { ruleName: '潜在的  LINUX 隧道和/或端口转发' }))).toBe(TUNNEL_ID);
  });

  it('falls back to the name when the rule_id is unknown', () => {
    const r = resolveGuide(lib, { ruleId: '00000000-0000-0000-0000-000000000000', ruleName: 'Dynamic Linker Copy' });
    expect(r.ok && r.by).toBe('name');
    expect(resolvedId(r)).toBe(LINKER_ID);
  });

  it('tries a name that looks like a rule id as an id', () => {
    const r = resolveGuide(lib, { ruleName: LINKER_ID });
    expect(r.ok && r.by).toBe('rule_id');
    expect(resolvedId(r)).toBe(LINKER_ID);
  });

  it('prefers a --guides directory over the shipped guides for the same rule_id', async () => {
    const both = await loadLibrary([overrideDir, shippedGuideDir()]);
    const r = resolveGuide(both, { ruleId: LINKER_ID });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.guide.source).toBe(overrideDir);
      expect(r.guide.guide.name.en).toBe('Local Linker Copy Guide');
    }
    // The shipped guide's name still leads to the guide of that name, which is the shipped one.
    const byName = resolveGuide(both, { ruleName: 'Dynamic Linker Copy' });
    expect(byName.ok && byName.guide.source).toBe('shipped');
    const reversed = resolveGuide(await loadLibrary([shippedGuideDir(), overrideDir]), { ruleId: LINKER_ID });
    expect(reversed.ok && reversed.guide.source).toBe('shipped');
  });

  it('suggests the closest guide names in one line when nothing matches', () => {
    const r = resolveGuide(lib, { ruleName: 'Dynamic Linker Cpoy' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.suggestions).toHaveLength(3);
    expect(r.suggestions[0]).toBe('Dynamic Linker Copy');
    expect(r.message).toBe(`No guide for rule "Dynamic Linker Cpoy". Closest: ${r.suggestions.map((s) => `"${s}"`).join(', ')}.`);
  });

  it('suggests by token overlap and in Chinese too', () => {
    const r = resolveGuide(lib, { ruleName: 'Kworker suspicious file' });
    expect(!r.ok && r.suggestions[0]).toBe('Suspicious File Creation via Kworker');
    const zh = resolveGuide(lib, { ruleName: '创建 Systemd 定时器' });
    expect(!zh.ok && zh.suggestions[0]).toBe('创建 Systemd 计时器');
  });

  it('keeps the message on one line whatever the alert carries', () => {
    const r = resolveGuide(lib, { ruleName: 'evil\nname\u001b[31m', ruleId: 'x\r\ny' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).not.toMatch(/[\r\n\u001b]/);
      expect(r.message).toContain('(rule_id x y)');
    }
  });

  it('says so when no rule identity is given', () => {
    const r = resolveGuide(lib, {});
    expect(r).toEqual({ ok: false, message: 'No rule id or rule name given: cannot pick a guide.', suggestions: [] });
  });

  it('says the library is empty when it is', () => {
    const r = resolveGuide({ guides: [], queries: new Map(), queryFiles: [], problems: [] }, { ruleName: 'x' });
    expect(!r.ok && r.message).toBe('No guide for rule "x". The library has no guides.');
  });
});
