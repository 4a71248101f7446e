import { describe, expect, test } from 'vitest';
import { parseAlerts } from '../../src/alert/read.js';
import { flattenDocument } from '../../src/alert/flatten.js';
import { alertsOf, onlyAlert, RULE } from './helpers.js';

const doc8 = {
  '@timestamp': '2026-02-03T21:44:09.527Z',
  'kibana.alert.uuid': 'alert-uuid-1',
  'kibana.alert.rule.rule_id': 'f5c005d3-4e17-48b0-9cd7-444d48857f97',
  'kibana.alert.rule.name': 'Setcap setuid/setgid Capability Set',
  'kibana.alert.rule.uuid': 'c41d9e60-e0b5-11f0-8f21-6d3b2a9c4e11',
  'kibana.alert.severity': 'high',
  'kibana.alert.risk_score': 73,
  'kibana.alert.rule.note': '## Triage\nrun the queries',
  host: { name: 'db-reporting-02', os: { type: 'linux' } },
  'user.name': 'mtorres',
  process: { args: ['setcap', 'cap_setuid,cap_setgid+ep', '/usr/local/bin/x'], pid: 44217 },
  'process.executable': '/usr/sbin/setcap',
};

describe('Elastic 8.x alert documents', () => {
  test('rule identity, host, timestamp and fields from mixed dotted and nested keys', () => {
    const alert = onlyAlert(parseAlerts(JSON.stringify(doc8), 'a.json'));
    expect(alert.rule).toEqual({
      ruleId: 'f5c005d3-4e17-48b0-9cd7-444d48857f97',
      ruleName: 'Setcap setuid/setgid Capability Set',
      ruleUuid: 'c41d9e60-e0b5-11f0-8f21-6d3b2a9c4e11',
      severity: 'high',
      riskScore: 73,
      note: '## Triage\nrun the queries',
    });
    expect(alert.id).toBe('alert-uuid-1');
    expect(alert.host).toBe('db-reporting-02');
    expect(alert.timestamp).toBe('2026-02-03T21:44:09.527Z');
    expect(alert.origin).toBe('a.json');
    expect(alert.buildingBlocks).toEqual([]);
    expect(alert.fields['process.args']).toEqual(['setcap', 'cap_setuid,cap_setgid+ep', '/usr/local/bin/x']);
    expect(alert.fields['process.pid']).toEqual(['44217']);
    expect(alert.fields['process.executable']).toEqual(['/usr/sbin/setcap']);
    expect(alert.fields['host.os.type']).toEqual(['linux']);
    expect(alert.fields['user.name']).toEqual(['mtorres']);
    expect(alert.fields['kibana.alert.risk_score']).toEqual(['73']);
  });

  test('the same field given nested and dotted in one document merges distinct values in order', () => {
    const fields = flattenDocument({ host: { name: 'a' }, 'host.name': ['b', 'a'], 'host.os': { name: 'x' } });
    expect(fields['host.name']).toEqual(['a', 'b']);
    expect(fields['host.os.name']).toEqual(['x']);
  });

  test('the rule id and note may come from kibana.alert.rule.parameters, severity from the rule', () => {
    const alert = onlyAlert(
      parseAlerts(
        JSON.stringify({
          kibana: { alert: { rule: { parameters: { rule_id: 'id-from-params', note: 'n' }, severity: 'Low' } } },
          'kibana.alert.rule.risk_score': '21',
        }),
        'p.json',
      ),
    );
    expect(alert.rule).toEqual({ ruleId: 'id-from-params', note: 'n', severity: 'low', riskScore: 21 });
  });

  test('host.hostname stands in for host.name; epoch-millisecond @timestamp becomes ISO 8601', () => {
    const alert = onlyAlert(
      parseAlerts(JSON.stringify({ ...RULE, 'host.hostname': 'web-1', '@timestamp': 1780000000000 }), 'e.json'),
    );
    expect(alert.host).toBe('web-1');
    expect(alert.timestamp).toBe(new Date(1780000000000).toISOString());
  });

  test('an alert with no id of its own gets a stable synthesised one', () => {
    const a = onlyAlert(parseAlerts(JSON.stringify({ ...RULE, 'user.name': 'x' }), 'one'));
    const b = onlyAlert(parseAlerts(JSON.stringify({ 'user.name': 'x', ...RULE }), 'two'));
    const c = onlyAlert(parseAlerts(JSON.stringify({ ...RULE, 'user.name': 'y' }), 'one'));
    expect(a.id).toMatch(/^local-[0-9a-f]{16}$/);
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
  });
});

describe('values', () => {
  test('numbers and booleans become strings, nested arrays flatten, null is dropped', () => {
    const fields = flattenDocument({ n: 3.5, big: 1e21, t: true, f: false, z: null, arr: [[1, [2, null]], 3, '1'], e: [] });
    expect(fields['n']).toEqual(['3.5']);
    expect(fields['big']).toEqual(['1e+21']);
    expect(fields['t']).toEqual(['true']);
    expect(fields['f']).toEqual(['false']);
    expect(fields['arr']).toEqual(['1', '2', '3']);
    expect('z' in fields).toBe(false);
    expect('e' in fields).toBe(false);
  });

  test('objects inside arrays flatten per key', () => {
    const fields = flattenDocument({
      'kibana.alert.ancestors': [
        { id: 'a1', depth: 0 },
        { id: 'a2', depth: 0, index: 'logs' },
      ],
      threat: [{ tactic: { name: ['Persistence'] } }, { tactic: { name: 'Defense Evasion' } }],
    });
    expect(fields['kibana.alert.ancestors.id']).toEqual(['a1', 'a2']);
    expect(fields['kibana.alert.ancestors.depth']).toEqual(['0']);
    expect(fields['kibana.alert.ancestors.index']).toEqual(['logs']);
    expect(fields['threat.tactic.name']).toEqual(['Persistence', 'Defense Evasion']);
  });

  test('keys such as __proto__ and constructor are plain data, and absent keys read as undefined', () => {
    const alert = onlyAlert(parseAlerts(`{"kibana.alert.rule.name":"r","__proto__":{"polluted":"yes"},"constructor":"c"}`, 'x'));
    expect(alert.fields['__proto__.polluted']).toEqual(['yes']);
    expect(alert.fields['constructor']).toEqual(['c']);
    expect(alert.fields['toString']).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('7.x signals', () => {
  test('signal.rule.* carries the rule identity', () => {
    const alert = onlyAlert(
      parseAlerts(
        JSON.stringify({
          '@timestamp': '2026-01-19T09:05:33.214Z',
          signal: {
            rule: { id: 'so-id', rule_id: '7fb500fa-8e24-4bd1-9480-2a819352602c', name: 'Systemd Timer Created', severity: 'low', risk_score: 21, note: 'n' },
          },
          file: { path: '/home/lchen/.config/systemd/user/x.timer' },
          host: { name: 'dev-ws-114' },
        }),
        's.json',
      ),
    );
    expect(alert.rule).toEqual({
      ruleId: '7fb500fa-8e24-4bd1-9480-2a819352602c',
      ruleName: 'Systemd Timer Created',
      ruleUuid: 'so-id',
      severity: 'low',
      riskScore: 21,
      note: 'n',
    });
    expect(alert.fields['file.path']).toEqual(['/home/lchen/.config/systemd/user/x.timer']);
  });
});

describe('containers', () => {
  const a = { ...RULE, 'kibana.alert.uuid': 'A', 'user.name': 'u1' };
  const b = { ...RULE, 'kibana.alert.uuid': 'B', 'user.name': 'u2' };

  test('the fields API shape: every value an array', () => {
    const alert = onlyAlert(
      parseAlerts(
        JSON.stringify({
          'kibana.alert.rule.rule_id': ['ae343298-97bc-47bc-9ea2-5f2ad831c16e'],
          'kibana.alert.rule.name': ['Suspicious File Creation via Kworker'],
          'kibana.alert.risk_score': [47],
          'process.name': ['kworker/u8:1'],
          'process.parent': [{ name: ['kthreadd'], pid: [2] }],
          'host.name': ['app-node-11'],
          '@timestamp': ['2026-05-30T04:41:12.377Z'],
        }),
        'f.json',
      ),
    );
    expect(alert.rule.ruleId).toBe('ae343298-97bc-47bc-9ea2-5f2ad831c16e');
    expect(alert.rule.riskScore).toBe(47);
    expect(alert.host).toBe('app-node-11');
    expect(alert.timestamp).toBe('2026-05-30T04:41:12.377Z');
    expect(alert.fields['process.parent.name']).toEqual(['kthreadd']);
    expect(alert.fields['process.parent.pid']).toEqual(['2']);
  });

  test('an ES hit: _source and fields merge, _id is the alert id when the alert has none', () => {
    const hit = { _index: '.siem-signals', _id: 'hit-id', _source: { ...RULE, 'user.name': 'u1' }, fields: { 'host.name': ['h'] } };
    const alert = onlyAlert(parseAlerts(JSON.stringify(hit), 'h.json'));
    expect(alert.id).toBe('hit-id');
    expect(alert.host).toBe('h');
    expect(alert.fields['user.name']).toEqual(['u1']);
    expect(alert.fields['_id']).toBeUndefined();
  });

  test('a hit carrying only fields (as Kibana shows it) is a hit, not a document with a "fields" key', () => {
    const alert = onlyAlert(parseAlerts(JSON.stringify({ _id: 'x', fields: { 'kibana.alert.rule.name': ['r'] } }), 'h'));
    expect(alert.rule.ruleName).toBe('r');
    expect(alert.id).toBe('x');
  });

  test('a search response yields every hit in order', () => {
    const response = { took: 3, hits: { total: { value: 2 }, hits: [{ _id: '1', _source: a }, { _id: '2', _source: b }] } };
    const alerts = alertsOf(parseAlerts(JSON.stringify(response), 'r.json'));
    expect(alerts.map((x) => x.id)).toEqual(['A', 'B']);
  });

  test('a JSON array of alerts, and of hits', () => {
    expect(alertsOf(parseAlerts(JSON.stringify([a, b]), 'arr')).map((x) => x.fields['user.name'])).toEqual([['u1'], ['u2']]);
    const hits = [{ _id: 'h1', _source: a }, [{ _id: 'h2', _source: b }]];
    expect(alertsOf(parseAlerts(JSON.stringify(hits), 'arr')).map((x) => x.id)).toEqual(['A', 'B']);
  });

  test('NDJSON, with blank lines and CRLF line ends', () => {
    const text = `${JSON.stringify(a)}\r\n\r\n${JSON.stringify(b)}\r\n`;
    expect(alertsOf(parseAlerts(text, 'n.ndjson')).map((x) => x.id)).toEqual(['A', 'B']);
  });

  test('pretty-printed documents back to back', () => {
    const text = `${JSON.stringify(a, null, 2)}\n${JSON.stringify(b, null, 2)}`;
    expect(alertsOf(parseAlerts(text, 'p')).map((x) => x.id)).toEqual(['A', 'B']);
  });

  test('bytes: UTF-8 with and without a BOM, Chinese rule names intact', () => {
    const text = JSON.stringify({ 'kibana.alert.rule.name': '动态链接器复制', 'user.name': 'ü' });
    const plain = onlyAlert(parseAlerts(new TextEncoder().encode(text), 'b'));
    const bom = onlyAlert(parseAlerts(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), 'b'));
    expect(plain.rule.ruleName).toBe('动态链接器复制');
    expect(bom.fields).toEqual(plain.fields);
  });
});
