import { expect } from 'vitest';
import type { Alert, AlertInputError, AlertReadResult } from '../../src/alert/types.js';

export function alertsOf(result: AlertReadResult): Alert[] {
  if (!result.ok) throw new Error(`expected alerts, got ${result.error.kind}: ${result.error.message}`);
  return result.alerts;
}

export function onlyAlert(result: AlertReadResult): Alert {
  const alerts = alertsOf(result);
  expect(alerts).toHaveLength(1);
  const [alert] = alerts;
  if (alert === undefined) throw new Error('no alert');
  return alert;
}

export function errorOf(result: AlertReadResult): AlertInputError {
  if (result.ok) throw new Error(`expected an error, got ${result.alerts.length} alert(s)`);
  // Every message is one line the CLI can print as is.
  expect(result.error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  return result.error;
}

export const RULE = {
  'kibana.alert.rule.rule_id': 'f5c005d3-4e17-48b0-9cd7-444d48857f97',
  'kibana.alert.rule.name': 'Setcap setuid/setgid Capability Set',
};
