import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readAlertSource } from '../../src/alert/source.js';
import { alertUser, firstValue } from '../../src/alert/summary.js';
import type { Alert } from '../../src/alert/types.js';
import { onlyAlert } from './helpers.js';

const examples = fileURLToPath(new URL('../../examples/alerts/', import.meta.url));
const corpus = fileURLToPath(new URL('../../../shared/data/elastic-detection-rules/rules/linux/', import.meta.url));

interface Expected {
  file: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  riskScore: number;
  check: (alert: Alert) => void;
}

const expected: Expected[] = [
  {
    file: 'dynamic-linker-copy.ndjson',
    ruleId: 'df6f62d9-caab-4b88-affa-044f4395a1e0',
    ruleName: 'Dynamic Linker Copy',
    severity: 'high',
    riskScore: 73,
    check: (alert) => {
      expect(alert.buildingBlocks).toHaveLength(2);
      expect(alert.buildingBlocks.map((b) => firstValue(b, 'kibana.alert.building_block_type'))).toEqual(['default', 'default']);
      // The path comes from the file-creation building block; the raw shell line has none.
      expect(alert.fields['file.path']).toEqual(['/tmp/.x/ld.so']);
      expect(alert.fields['process.args']).toContain('/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2');
      const shellLine = readFileSync(join(examples, 'dynamic-linker-copy.ndjson'), 'utf8').split('\n')[0] ?? '';
      expect(shellLine).not.toContain('"file"');
      expect(alertUser(alert)).toBe('builder');
    },
  },
  {
    file: 'setcap-setuid.json',
    ruleId: 'f5c005d3-4e17-48b0-9cd7-444d48857f97',
    ruleName: 'Setcap setuid/setgid Capability Set',
    severity: 'high',
    riskScore: 73,
    check: (alert) => {
      expect(alert.fields['process.args']).toEqual(['setcap', 'cap_setuid,cap_setgid+ep', '/usr/local/bin/x']);
      expect(firstValue(alert, 'process.executable')).toBe('/usr/sbin/setcap');
      expect(alertUser(alert)).toBe('mtorres');
    },
  },
  {
    file: 'systemd-timer-created.json',
    ruleId: '7fb500fa-8e24-4bd1-9480-2a819352602c',
    ruleName: 'Systemd Timer Created',
    severity: 'low',
    riskScore: 21,
    check: (alert) => {
      expect(firstValue(alert, 'signal.rule.rule_id')).toBe('7fb500fa-8e24-4bd1-9480-2a819352602c');
      const user = alertUser(alert) ?? '';
      expect(firstValue(alert, 'file.path')).toMatch(new RegExp(`^/home/${user}/\\.config/systemd/user/[^/]+\\.timer$`));
    },
  },
  {
    file: 'tunneling-port-forwarding.json',
    ruleId: '6ee947e9-de7e-4281-a55d-09289bdf947e',
    ruleName: 'Potential Linux Tunneling and/or Port Forwarding',
    severity: 'medium',
    riskScore: 47,
    check: (alert) => {
      expect(['ssh', 'socat', 'chisel']).toContain(firstValue(alert, 'process.name'));
      expect(alert.fields['process.args']?.length).toBeGreaterThan(2);
      expect(alertUser(alert)).toBe('svc-backup');
    },
  },
  {
    file: 'kworker-file-creation.json',
    ruleId: 'ae343298-97bc-47bc-9ea2-5f2ad831c16e',
    ruleName: 'Suspicious File Creation via Kworker',
    severity: 'medium',
    riskScore: 47,
    check: (alert) => {
      const raw = JSON.parse(readFileSync(join(examples, 'kworker-file-creation.json'), 'utf8')) as { fields: object };
      expect(Object.values(raw.fields).every(Array.isArray)).toBe(true);
      expect(firstValue(alert, 'process.name')).toBe('kworker/u8:1');
      expect(firstValue(alert, 'file.path')).toBe('/etc/cron.d/.sysupdate');
      expect(alertUser(alert)).toBe('root');
    },
  },
];

describe('the shipped example alerts', () => {
  test('there is exactly one example per seed rule, each under 8 KB', () => {
    expect(readdirSync(examples).sort()).toEqual(expected.map((e) => e.file).sort());
    for (const e of expected) expect(statSync(join(examples, e.file)).size).toBeLessThan(8 * 1024);
  });

  test.each(expected)('$file parses with its rule identity and key fields', async (e) => {
    const alert = onlyAlert(await readAlertSource(join(examples, e.file)));
    expect(alert.rule).toMatchObject({ ruleId: e.ruleId, ruleName: e.ruleName, severity: e.severity, riskScore: e.riskScore });
    expect(alert.host).toBeTruthy();
    expect(alert.timestamp).toMatch(/^2026-/);
    for (const key of ['host.os.type', 'agent.type', 'event.action', 'process.pid', 'process.entity_id', 'process.parent.name']) {
      expect(alert.fields[key], key).toBeDefined();
    }
    expect(
      firstValue(alert, 'kibana.alert.original_time') ?? firstValue(alert, 'signal.original_time'),
    ).toMatch(/^2026-/);
    e.check(alert);
  });

  // The identities above are checked against Elastic's own rule files, an independent source.
  const corpusTitle = existsSync(corpus)
    ? 'rule ids, names and severities match Elastic detection-rules'
    : `rule ids match Elastic detection-rules: skipped, no corpus at ${corpus}`;
  test.skipIf(!existsSync(corpus))(corpusTitle, () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.toml'));
    for (const e of expected) {
      const toml = files.map((f) => readFileSync(join(corpus, f), 'utf8')).find((t) => t.includes(`rule_id = "${e.ruleId}"`));
      expect(toml, `rule ${e.ruleId} in the corpus`).toBeDefined();
      expect(toml).toContain(`name = "${e.ruleName}"`);
      expect(toml).toContain(`severity = "${e.severity}"`);
      expect(toml).toContain(`risk_score = ${e.riskScore}`);
    }
  });
});
