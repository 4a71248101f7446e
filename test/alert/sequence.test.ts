import { describe, expect, test } from 'vitest';
import { parseAlerts } from '../../src/alert/read.js';
import { alertsOf, errorOf, onlyAlert } from './helpers.js';

const rule = {
  'kibana.alert.rule.rule_id': 'df6f62d9-caab-4b88-affa-044f4395a1e0',
  'kibana.alert.rule.name': 'Dynamic Linker Copy',
  'kibana.alert.severity': 'high',
};
const shell = {
  ...rule,
  'kibana.alert.uuid': 'shell-1',
  'kibana.alert.group.id': 'group-1',
  'host.name': 'ci-runner-07',
  process: { entity_id: 'E1', name: 'cp' },
};
const copyEvent = {
  ...rule,
  'kibana.alert.uuid': 'bb-1',
  'kibana.alert.building_block_type': 'default',
  'kibana.alert.group.id': 'group-1',
  'kibana.alert.group.index': 0,
  '@timestamp': '2026-03-14T02:17:41.118Z',
  process: { entity_id: 'E1', name: 'cp', args: ['cp', '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', '/tmp/.x/ld.so'] },
  user: { name: 'builder' },
};
const fileEvent = {
  ...rule,
  'kibana.alert.uuid': 'bb-2',
  'kibana.alert.building_block_type': 'default',
  'kibana.alert.group.id': 'group-1',
  'kibana.alert.group.index': 1,
  '@timestamp': '2026-03-14T02:17:41.300Z',
  file: { path: '/tmp/.x/ld.so' },
  user: { name: ['builder', 'root'] },
};

function ndjson(...docs: object[]): string {
  return docs.map((d) => JSON.stringify(d)).join('\n');
}

describe('EQL sequences', () => {
  test('building blocks fold into their shell, which gains fields it lacked as a union of distinct values', () => {
    const alert = onlyAlert(parseAlerts(ndjson(fileEvent, shell, copyEvent), 'seq.ndjson'));
    expect(alert.id).toBe('shell-1');
    expect(alert.buildingBlocks.map((b) => b.id)).toEqual(['bb-1', 'bb-2']); // by group index
    expect(alert.fields['file.path']).toEqual(['/tmp/.x/ld.so']);
    expect(alert.fields['user.name']).toEqual(['builder', 'root']);
    expect(alert.fields['process.args']).toEqual(['cp', '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', '/tmp/.x/ld.so']);
    expect(alert.timestamp).toBe('2026-03-14T02:17:41.118Z');
  });

  test("the shell's own values win, and the blocks' alert bookkeeping is not copied onto it", () => {
    const own = { ...shell, user: { name: 'shell-user' } };
    const alert = onlyAlert(parseAlerts(JSON.stringify([own, copyEvent, fileEvent]), 'seq.json'));
    expect(alert.fields['user.name']).toEqual(['shell-user']);
    expect(alert.fields['kibana.alert.building_block_type']).toBeUndefined();
    expect(alert.fields['kibana.alert.group.index']).toBeUndefined();
    expect(alert.fields['kibana.alert.uuid']).toEqual(['shell-1']);
  });

  test('the shell may be found by its own uuid being the group id', () => {
    const byUuid = { ...shell, 'kibana.alert.uuid': 'group-1' } as Record<string, unknown>;
    delete byUuid['kibana.alert.group.id'];
    const alert = onlyAlert(parseAlerts(ndjson(byUuid, copyEvent), 'seq'));
    expect(alert.buildingBlocks).toHaveLength(1);
  });

  test('building blocks whose shell is absent stand alone', () => {
    const alerts = alertsOf(parseAlerts(ndjson(copyEvent, fileEvent), 'blocks'));
    expect(alerts.map((a) => a.id)).toEqual(['bb-1', 'bb-2']);
    expect(alerts.every((a) => a.buildingBlocks.length === 0)).toBe(true);
  });

  test('two sequences in one file fold separately, other alerts are untouched', () => {
    const shell2 = { ...shell, 'kibana.alert.uuid': 'shell-2', 'kibana.alert.group.id': 'group-2' };
    const block2 = { ...fileEvent, 'kibana.alert.uuid': 'bb-3', 'kibana.alert.group.id': 'group-2', file: { path: '/etc/ld.so.preload' } };
    const other = { ...rule, 'kibana.alert.uuid': 'plain' };
    const alerts = alertsOf(parseAlerts(ndjson(shell, block2, other, shell2, copyEvent, fileEvent), 'two'));
    expect(alerts.map((a) => [a.id, a.buildingBlocks.map((b) => b.id)])).toEqual([
      ['shell-1', ['bb-1', 'bb-2']],
      ['plain', []],
      ['shell-2', ['bb-3']],
    ]);
    expect(alerts[2]?.fields['file.path']).toEqual(['/etc/ld.so.preload']);
  });

  test('a building block without rule fields is fine once folded; a lone one without them is not', () => {
    const bare = { 'kibana.alert.building_block_type': 'default', 'kibana.alert.group.id': 'group-1', 'file.path': '/x' };
    expect(onlyAlert(parseAlerts(ndjson(shell, bare), 'ok')).fields['file.path']).toEqual(['/x']);
    expect(errorOf(parseAlerts(ndjson(shell, { ...bare, 'kibana.alert.group.id': 'other' }), 'bad')).kind).toBe('no-rule');
  });

  test('7.x sequence signals fold the same way', () => {
    const sigRule = { rule_id: 'df6f62d9-caab-4b88-affa-044f4395a1e0', name: 'Dynamic Linker Copy' };
    const s = { signal: { rule: sigRule, group: { id: 'g7' } }, 'host.name': 'h' };
    const b = { signal: { rule: { ...sigRule, building_block_type: 'default' }, group: { id: 'g7', index: 0 } }, file: { path: '/p' } };
    const alert = onlyAlert(parseAlerts(ndjson(s, b), 'seven'));
    expect(alert.fields['file.path']).toEqual(['/p']);
    expect(alert.buildingBlocks).toHaveLength(1);
  });
});
