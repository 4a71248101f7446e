import { describe, expect, test } from 'vitest';
import { parseAlerts } from '../../src/alert/read.js';
import { applySets } from '../../src/alert/flags.js';
import { alertUser, firstValue } from '../../src/alert/summary.js';
import { onlyAlert, RULE } from './helpers.js';

// Values an attacker controls (file names, user names, command lines) are data: the reader keeps them exactly.
const hostile = [
  `'; DROP TABLE users; --`,
  `" OR 1=1 --`,
  `a'b"c\`d`,
  `x; rm -rf / #`,
  `-- comment`,
  `/* c */ ATTACH DATABASE '/tmp/x' AS y`,
  `\u001b[31mred\u001b[0m\u001b]0;title\u0007`,
  `line1\nline2\r\nline3`,
  `tab\there`,
  `a\u0000b`,
  `\u202egnp.exe`,
  `名字 ü 😀`,
  'A'.repeat(10_000),
  '',
  ' ',
];

describe('hostile values survive reading exactly', () => {
  test('in an 8.x document, as JSON text and as bytes', () => {
    const doc = { ...RULE, 'user.name': hostile[0], file: { path: hostile }, 'process.args': hostile };
    for (const input of [JSON.stringify(doc), new TextEncoder().encode(JSON.stringify(doc))]) {
      const alert = onlyAlert(parseAlerts(input, 'h.json'));
      expect(alert.fields['file.path']).toEqual(hostile);
      expect(alert.fields['process.args']).toEqual(hostile);
      expect(alertUser(alert)).toBe(hostile[0]);
    }
  });

  test('a NUL-containing value is still kept as data (rendering refuses it later)', () => {
    const alert = onlyAlert(parseAlerts(JSON.stringify({ ...RULE, 'user.name': 'ro\u0000ot' }), 'n.json'));
    expect(firstValue(alert, 'user.name')).toBe('ro\u0000ot');
  });

  test('hostile values in rule fields are kept as the rule identity says', () => {
    const name = `Rule\u001b[2J'; --\n`;
    const alert = onlyAlert(parseAlerts(JSON.stringify({ 'kibana.alert.rule.name': name }), 'r'));
    expect(alert.rule.ruleName).toBe(name);
  });

  test('hostile field names are kept as keys without touching prototypes', () => {
    const alert = onlyAlert(
      parseAlerts(JSON.stringify({ ...RULE, 'a\u001b[0m.b': 'v', 'x\ny': ['1'], 'hasOwnProperty': 'h' }), 'k'),
    );
    expect(alert.fields['a\u001b[0m.b']).toEqual(['v']);
    expect(alert.fields['x\ny']).toEqual(['1']);
    expect(firstValue(alert, 'hasOwnProperty')).toBe('h');
    expect(firstValue(alert, 'toString')).toBeUndefined();
  });

  test('--set values are data too', () => {
    const alert = onlyAlert(parseAlerts(JSON.stringify(RULE), 's'));
    const result = applySets(alert, hostile.map((v) => `file.path=${v}`));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.alert.fields['file.path']).toEqual(hostile);
  });
});
