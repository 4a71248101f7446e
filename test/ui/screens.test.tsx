import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Alert } from '../../src/alert/types.js';
import type { Session } from '../../src/triage/model.js';
import { App } from '../../src/ui/App.js';
import { ScreenGuard } from '../../src/ui/MessageScreens.js';
import { cellWidth } from '../../src/ui/text-width.js';
import { TriageScreen } from '../../src/ui/triage/TriageScreen.js';
import { openBench, testAlert, type Bench } from './fixtures.js';
import { KEY, renderUi, type Rendered } from './render.js';

let bench: Bench | undefined;
let ui: Rendered | undefined;
afterEach(async () => {
  ui?.unmount();
  await bench?.controller.shutdown();
  await bench?.cleanup();
  ui = undefined;
  bench = undefined;
});

function triage(b: Bench, size: { columns: number; rows: number; lang?: 'en' | 'zh-CN' } = { columns: 80, rows: 24 }, onExport = (): void => {}, onQuit = (): void => {}): Rendered {
  return renderUi(<TriageScreen controller={b.controller} isActive memory={{ current: undefined }} onExport={onExport} onQuit={onQuit} />, size);
}

/** Every line fits the terminal, in cells, and the frame leaves the last terminal line free. */
function expectFits(frame: string, columns: number, rows: number): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(cellWidth(line), line).toBeLessThanOrEqual(columns);
}

const line = (frame: string, text: string): string => frame.split('\n').find((l) => l.includes(text)) ?? '';

describe('triage screen', () => {
  test('80x24: header, outline with glyphs, detail and key hints all fit', async () => {
    bench = await openBench();
    ui = triage(bench);
    const frame = await ui.waitFor((f) => f.includes('Isolate the host'));
    expect(frame).toContain('[HIGH] Suspicious Test Activity');
    expect(frame).toContain('risk 73');
    expect(frame).toContain('host web-01 · user alice · time 2026-03-14 02:17:45Z · MITRE TA0003 T1574.006');
    expect(frame).toContain(`session ${bench.dir}`.slice(0, 40));
    expect(line(frame, 'File details')).toContain('?');
    expect(line(frame, 'Processes by name')).toContain('○');
    expect(frame).toContain('[ ] Isolate the host.');
    expect(frame).toContain('? all keys');
    expectFits(frame, 80, 24);
  });

  test('a runs every ready query with a progress bar while the screen keeps answering keys', async () => {
    bench = await openBench();
    bench.engine.hold = true;
    ui = triage(bench);
    await ui.press('a');
    await ui.waitFor((f) => /Running 0\/3/.test(f), 'progress 0/3');
    // The UI answers while the engine holds every query.
    await ui.press(KEY.end);
    await ui.waitFor((f) => f.includes('Response action · not done'), 'checklist detail while running');
    bench.engine.release();
    await ui.waitFor((f) => f.includes('Ran 3 queries'), 'batch finished');
    const frame = ui.frame();
    expect(line(frame, 'Processes by name')).toMatch(/✓ Processes by name\s+2 !1/);
    expect(line(frame, 'All accounts')).toMatch(/✓ All accounts\s+50 !1/);
  });

  test('a query result: SQL, status, findings, a table with a sticky header; Enter shows one row whole', async () => {
    bench = await openBench();
    bench.controller.runAll();
    await bench.controller.settled();
    ui = triage(bench, { columns: 120, rows: 40 });
    await ui.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.down);
    await ui.waitFor((f) => f.includes('SELECT uid, username, description, shell FROM users;'), 'all-users detail');
    await ui.press(KEY.tab, KEY.down, KEY.down);
    let frame = await ui.waitFor((f) => f.includes('row 3/50'), 'cursor on row 3');
    expect(frame).toContain('! MEDIUM root account (1)');
    expect(frame).toMatch(/uid\s+│ username\s+│ description/);
    await ui.press(KEY.pageDown, KEY.pageDown);
    frame = await ui.waitFor((f) => /row \d\d\/50/.test(f), 'paged down');
    expect(frame).toMatch(/uid\s+│ username/); // the header stays
    await ui.press(KEY.home, KEY.down, KEY.enter);
    frame = await ui.waitFor((f) => f.includes('Row 2 of 50'), 'row view');
    expect(frame).toContain('管理员账户 with a rather long description that will not fit in the column');
    expect(frame).toContain('/usr/sbin/nologin');
    await ui.press(KEY.escape);
    await ui.waitFor((f) => f.includes('row 2/50'), 'back on the table');
  });

  test('a waiting query prompts inline, previews the SQL, records the value, and a failing run is shown not thrown', async () => {
    bench = await openBench();
    ui = triage(bench, { columns: 120, rows: 40 });
    await ui.press('w');
    await ui.waitFor((f) => f.includes('Waiting for a value: file.path'), 'waiting detail');
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('Value for file.path'), 'prompt');
    await ui.press('/etc/shadow');
    await ui.waitFor((f) => f.includes('/etc/shadow'), 'typed');
    await ui.press(KEY.enter);
    const preview = await ui.waitFor((f) => f.includes('The query will run as:'), 'preview');
    expect(preview).toContain("WHERE path = '/etc/shadow'");
    expect(preview).toContain('(recorded as entered by hand)');
    await ui.press(KEY.enter);
    const frame = await ui.waitFor((f) => f.includes('Error: osqueryi exited with code 1'), 'error shown');
    expect(frame).toContain('stderr: Error: permission denied␛!');
    expect(frame).toContain('✗ File details');
    const disk = JSON.parse(await readFile(join(bench.dir, 'session.json'), 'utf8')) as Session;
    expect(disk.enteredFields['file.path']).toEqual(['/etc/shadow']);
  });

  test('space ticks, n writes a note, v sets the verdict with a reason: on screen and on disk', async () => {
    bench = await openBench();
    ui = triage(bench, { columns: 120, rows: 40 });
    await ui.press(KEY.end, ' ');
    await ui.waitFor((f) => f.includes('[x] Reset the user credentials.'), 'ticked');
    await ui.press('n');
    await ui.waitFor((f) => f.includes('Note on Reset the user credentials.'), 'note prompt');
    await ui.press('rotated by IT', KEY.enter);
    await ui.waitFor((f) => f.includes('rotated by IT') && f.includes('Reset the user credentials. *'), 'note shown');
    await ui.press('v');
    await ui.waitFor((f) => f.includes('( ) true positive'), 'verdict prompt');
    await ui.press(KEY.up, KEY.up, KEY.up, KEY.enter);
    await ui.waitFor((f) => f.includes('Reason:'), 'reason prompt');
    await ui.press('linker copied by a build job', KEY.enter);
    await ui.waitFor((f) => f.includes('verdict: true positive'), 'verdict in header');
    await bench.controller.settled();
    const disk = JSON.parse(await readFile(join(bench.dir, 'session.json'), 'utf8')) as Session;
    expect(disk.checklist.find((c) => c.id === 'reset-credentials')?.checked).toBe(true);
    expect(disk.notes).toMatchObject([{ target: 'item:reset-credentials', text: 'rotated by IT' }]);
    expect(disk.verdict).toMatchObject({ value: 'true-positive', reason: 'linker copied by a build job' });
  });

  test('q asks once while queries run; ? lists every key', async () => {
    bench = await openBench();
    bench.engine.hold = true;
    let quits = 0;
    let quit: () => void = () => undefined;
    const quitting = new Promise<void>((resolve) => (quit = resolve));
    ui = triage(bench, { columns: 80, rows: 24 }, undefined, () => {
      quits++;
      quit();
    });
    await ui.press('?');
    const help = await ui.waitFor((f) => f.includes('Keys') && f.includes('Esc or ? closes this'), 'help');
    expect(help).toContain('run all ready');
    await ui.press(KEY.down, KEY.down, KEY.down, KEY.down);
    await ui.waitFor((f) => f.includes('next query waiting for a value'), 'help scrolled');
    await ui.press(KEY.escape, 'a');
    await ui.waitFor((f) => f.includes('Running 0/3'), 'running');
    await ui.press('q');
    await ui.waitFor((f) => f.includes('Queries are still running. q again stops them and quits'), 'asked');
    expect(quits).toBe(0);
    await ui.press('q');
    await quitting;
    expect(quits).toBe(1);
  });

  test('zh-CN: interface strings, guide text and CJK cells stay aligned at 80 columns', async () => {
    bench = await openBench();
    bench.controller.runAll();
    await bench.controller.settled();
    ui = renderUi(<TriageScreen controller={bench.controller} isActive memory={{ current: undefined }} onExport={() => {}} onQuit={() => {}} />, { columns: 80, rows: 24, lang: 'zh-CN' });
    let frame = await ui.waitFor((f) => f.includes('可疑的测试活动'), 'zh header');
    expect(frame).toContain('[高]');
    expect(frame).toContain('调查步骤');
    expect(frame).toContain('响应清单');
    expectFits(frame, 80, 24);
    await ui.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.tab);
    frame = await ui.waitFor((f) => f.includes('第 1/50 行'), 'zh table');
    expectFits(frame, 80, 24);
    // Column separators sit at the same cell offset on every table line, CJK row included.
    const tableLines = frame.split('\n').filter((l) => l.includes('│ ') && (l.includes('uid') || /\buser\d|root/.test(l)));
    const offsets = new Set(tableLines.map((l) => cellWidth(l.slice(0, l.indexOf('│ ', l.indexOf('│') + 1)))));
    expect(tableLines.length).toBeGreaterThan(5);
    expect(offsets.size).toBe(1);
  });

  test('resizing re-lays out the screen; 40 columns still renders without overflow', async () => {
    bench = await openBench();
    ui = triage(bench, { columns: 120, rows: 40 });
    await ui.waitFor((f) => f.includes('Isolate the host'));
    ui.resize(80, 24);
    const frame = await ui.waitFor((f) => f.split('\n').every((l) => cellWidth(l) <= 80), 'narrower frame');
    expectFits(frame, 80, 24);
    ui.resize(40, 12);
    expectFits(await ui.waitFor((f) => f.split('\n').every((l) => cellWidth(l) <= 40), '40 columns'), 40, 12);
  });

  test('hostile alert values and rows never put escape sequences on the screen', async () => {
    const alert = testAlert({
      host: 'web\u001b]0;owned\u0007-01',
      fields: { 'process.name': ['evil\u001b[2J\u001b[31m'], 'user.name': ['alice\u202eevil'], 'host.name': ['x'] },
    });
    bench = await openBench({ alert });
    bench.controller.runAll();
    await bench.controller.settled();
    ui = triage(bench, { columns: 100, rows: 30 });
    await ui.press(KEY.down, KEY.tab);
    const frame = await ui.waitFor((f) => f.includes('row 1/1'), 'hostile row');
    const raw = ui.rawFrame();
    expect(raw).not.toMatch(/\u001b\]/);
    expect(raw).not.toMatch(/\u001b\[2J/);
    expect(raw).not.toContain('\u202e');
    expect(frame).toContain('web␛-01');
    expect(frame).toContain('evil␛␛');
  });
});


describe('app: picker, opening, export', () => {
  const shell = (): Alert =>
    testAlert({ id: 'shell', rule: { ruleName: 'Suspicious Test Activity', severity: 'high' }, buildingBlocks: [testAlert({ id: 'bb1', rule: { ruleName: 'Suspicious Test Activity' }, host: 'block-host' })] });
  const other = (): Alert => testAlert({ id: 'other', rule: { ruleName: 'Systemd Timer Created', severity: 'low' }, host: 'db-02' });

  test('several alerts: filter as you type, Enter opens, e exports and shows the files and the SHA256SUMS head', async () => {
    bench = await openBench();
    const b = bench;
    const opened: string[] = [];
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    ui = renderUi(
      <App
        alerts={[other(), shell()]}
        openAlert={(alert) => {
          opened.push(alert.id);
          return Promise.resolve({ ok: true, store: b.store, engine: b.engine });
        }}
        makeController={() => b.controller}
        onExit={(code) => exit(code)}
      />,
    );
    let frame = await ui.waitFor((f) => f.includes('Alerts (2)'), 'picker');
    expect(frame).toContain('[LOW]');
    expect(frame).toContain('▸ 1 building block');
    await ui.press(KEY.down, KEY.tab);
    await ui.waitFor((f) => f.includes('└ building block: Suspicious Test Activity'), 'blocks unfolded');
    await ui.press('susp');
    frame = await ui.waitFor((f) => !f.includes('Systemd Timer Created'), 'filtered');
    expect(frame).toContain('Filter: susp');
    await ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('Isolate the host'), 'triage');
    expect(opened).toEqual(['shell']);
    await ui.press(KEY.down, 'e');
    await ui.waitFor((f) => f.includes('Export the triage report') && f.includes('[x] report.html'), 'export screen');
    await ui.press(KEY.down, ' ', KEY.enter);
    frame = await ui.waitFor((f) => f.includes('SHA256SUMS'), 'exported');
    expect(frame).toContain(join(b.dir, 'report.md'));
    expect(frame).not.toContain(join(b.dir, 'report.html'));
    expect(frame).toContain('a'.repeat(64));
    expect(b.exports).toMatchObject([{ formats: ['md', 'json'] }]);
    await ui.press(KEY.escape);
    // Back on the triage screen, still on the item left selected.
    frame = await ui.waitFor((f) => f.includes('SELECT pid, name, path FROM processes'), 'back to triage');
    await ui.press('q');
    expect(await exited).toBe(0);
  });

  test('an alert that cannot be opened shows why, and Esc returns to the list', async () => {
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    ui = renderUi(
      <App
        alerts={[other(), shell()]}
        openAlert={() => Promise.resolve({ ok: false, message: 'No guide for rule "Systemd Timer Created".\u001b[31m' })}
        makeController={() => {
          throw new Error('not reached');
        }}
        onExit={(code) => exit(code)}
      />,
    );
    await ui.waitFor((f) => f.includes('Alerts (2)'));
    await ui.press(KEY.enter);
    const frame = await ui.waitFor((f) => f.includes('This alert cannot be opened'), 'failure');
    expect(frame).toContain('No guide for rule "Systemd Timer Created".␛');
    await ui.press(KEY.escape);
    await ui.waitFor((f) => f.includes('Alerts (2)'), 'back to the list');
    await ui.press(KEY.escape);
    expect(await exited).toBe(0);
  });
});

describe('a screen that throws', () => {
  function Broken(): never {
    throw new Error('cannot draw \u001b[2Jthis');
  }

  test('is replaced by its message; q still quits', async () => {
    let quit: () => void = () => undefined;
    const quitting = new Promise<void>((resolve) => (quit = resolve));
    const errors = console.error;
    console.error = () => undefined; // React reports the caught error; the screen is what matters here
    try {
      ui = renderUi(
        <ScreenGuard onQuit={() => quit()}>
          <Broken />
        </ScreenGuard>,
      );
      const frame = await ui.waitFor((f) => f.includes('This screen failed to draw'), 'the guard');
      expect(frame).toContain('cannot draw ␛this');
      await ui.press('q');
      await quitting;
    } finally {
      console.error = errors;
    }
  });
});
