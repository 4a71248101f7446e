import { describe, expect, test } from 'vitest';
import { alertFromFlags, applySets } from '../../src/alert/flags.js';
import { parseAlerts } from '../../src/alert/read.js';
import { alertUser, firstValue } from '../../src/alert/summary.js';
import { errorOf, onlyAlert } from './helpers.js';

describe('alertFromFlags: --rule with --set', () => {
  test('a uuid-shaped rule is a rule id; repeated fields collect values; values may contain "="', () => {
    const alert = onlyAlert(
      alertFromFlags('  DF6F62D9-CAAB-4B88-AFFA-044F4395A1E0 ', [
        'user.name=builder',
        'file.path=/tmp/.x/ld.so',
        'file.path=/etc/ld.so.preload',
        'file.path=/tmp/.x/ld.so',
        'process.command_line=env A=1 B==2',
        'host.name=ci-runner-07',
        '@timestamp=2026-03-14T02:17:45.912Z',
      ]),
    );
    expect(alert.rule).toEqual({ ruleId: 'df6f62d9-caab-4b88-affa-044f4395a1e0' });
    expect(alert.origin).toBe('--rule');
    expect(alert.fields['file.path']).toEqual(['/tmp/.x/ld.so', '/etc/ld.so.preload']);
    expect(alert.fields['process.command_line']).toEqual(['env A=1 B==2']);
    expect(alert.fields['kibana.alert.rule.rule_id']).toEqual(['df6f62d9-caab-4b88-affa-044f4395a1e0']);
    expect(alertUser(alert)).toBe('builder');
    expect(alert.host).toBe('ci-runner-07');
    expect(alert.timestamp).toBe('2026-03-14T02:17:45.912Z');
    expect(alert.buildingBlocks).toEqual([]);
    expect(alert.id).toMatch(/^local-/);
  });

  test('anything else is a rule name, in any language', () => {
    expect(onlyAlert(alertFromFlags('Systemd Timer Created', [])).rule).toEqual({ ruleName: 'Systemd Timer Created' });
    expect(onlyAlert(alertFromFlags('创建 Systemd 计时器', [])).rule).toEqual({ ruleName: '创建 Systemd 计时器' });
    // Not quite a uuid: a name.
    expect(onlyAlert(alertFromFlags('df6f62d9-caab-4b88-affa-044f4395a1e', [])).rule.ruleName).toBeDefined();
  });

  test('an empty value and an explicit rule field are allowed', () => {
    const alert = onlyAlert(alertFromFlags('My Rule', ['user.name=', 'kibana.alert.rule.rule_id=abc']));
    expect(alert.fields['user.name']).toEqual(['']);
    expect(alert.rule).toEqual({ ruleName: 'My Rule', ruleId: 'abc' });
  });

  test('bad flags', () => {
    expect(errorOf(alertFromFlags('r', ['user.name']))).toEqual({
      kind: 'bad-flag',
      message: '--set "user.name": expected FIELD=VALUE',
    });
    expect(errorOf(alertFromFlags('r', ['=root']))).toEqual({
      kind: 'bad-flag',
      message: '--set "=root": the field name is empty',
    });
    expect(errorOf(alertFromFlags('r', ['user name=x'])).kind).toBe('bad-flag');
    expect(errorOf(alertFromFlags('r', ['a\u001b[2J=x'])).message).toBe(
      '--set "a\\x1b[2J=x": the field name has spaces or control characters',
    );
    expect(errorOf(alertFromFlags('   ', ['a=b'])).message).toBe('--rule: expected a rule id or a rule name');
    expect(errorOf(alertFromFlags('x\u001b]0;t\u0007', [])).kind).toBe('bad-flag');
  });
});

describe('applySets over a file alert', () => {
  const base = onlyAlert(
    parseAlerts(
      JSON.stringify({
        'kibana.alert.rule.name': 'Setcap setuid/setgid Capability Set',
        'user.name': ['a', 'b'],
        'host.name': 'h1',
        'process.args': ['setcap'],
      }),
      'f.json',
    ),
  );

  test('adds and replaces fields without changing the original', () => {
    const result = applySets(base, ['user.name=root', 'file.path=/usr/local/bin/x', 'file.path=/tmp/y', 'host.name=h2']);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.alert.fields['user.name']).toEqual(['root']);
    expect(result.alert.fields['file.path']).toEqual(['/usr/local/bin/x', '/tmp/y']);
    expect(result.alert.fields['process.args']).toEqual(['setcap']);
    expect(result.alert.host).toBe('h2');
    expect(result.alert.origin).toBe('f.json');
    expect(base.fields['user.name']).toEqual(['a', 'b']);
    expect(base.fields['file.path']).toBeUndefined();
    expect(base.host).toBe('h1');
  });

  test('setting a rule field changes the rule identity; no sets changes nothing', () => {
    const renamed = applySets(base, ['kibana.alert.rule.rule_id=f5c005d3-4e17-48b0-9cd7-444d48857f97']);
    if (!renamed.ok) throw new Error(renamed.error.message);
    expect(renamed.alert.rule.ruleId).toBe('f5c005d3-4e17-48b0-9cd7-444d48857f97');
    expect(renamed.alert.rule.ruleName).toBe('Setcap setuid/setgid Capability Set');
    const same = applySets(base, []);
    expect(same.ok && same.alert).toEqual(base);
  });

  test('a bad --set is an error, not a partial change', () => {
    const result = applySets(base, ['user.name=x', 'oops']);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('bad-flag');
  });

  test('firstValue reads the first value or nothing', () => {
    expect(firstValue(base, 'user.name')).toBe('a');
    expect(firstValue(base, 'file.path')).toBeUndefined();
  });
});
