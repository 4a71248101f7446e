import { test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseAlerts } from '../../src/alert/read.js';
const MB = 50 * 1000 * 1000;
test('perf', () => {
  const cases: Array<[string, () => string | Uint8Array]> = [
    ['random bytes', () => randomBytes(MB)],
    ['ascii text', () => 'lorem ipsum '.repeat(MB / 12)],
    ['open brackets', () => '['.repeat(MB)],
    ['nested objects', () => '{"a":'.repeat(MB / 5)],
    ['unterminated string', () => '"' + 'a'.repeat(MB)],
    ['huge string', () => '"' + 'a'.repeat(MB) + '"'],
    ['digits', () => '1'.repeat(MB)],
    ['empty objects ndjson', () => '{}\n'.repeat(MB / 3)],
    ['many alerts ndjson', () => '{"kibana.alert.rule.name":"r","user.name":"u"}\n'.repeat(MB / 48)],
    ['whitespace then x', () => ' '.repeat(MB) + 'x'],
    ['big array of numbers', () => '[' + '1,'.repeat(MB / 2) + '1]'],
    ['bytes utf8 bomb', () => Buffer.from('{"kibana.alert.rule.name":"' + 'é'.repeat(MB / 2) + '"}')],
  ];
  for (const [name, make] of cases) {
    const input = make();
    const t0 = performance.now();
    const r = parseAlerts(input, 'g');
    const ms = performance.now() - t0;
    const heap = process.memoryUsage().rss / 1e6;
    console.log(name.padEnd(22), ms.toFixed(0).padStart(6), 'ms rss', heap.toFixed(0), 'MB', r.ok ? `OK ${r.alerts.length}` : r.error.message.slice(0, 110));
  }
});
