import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../src/report/bundle.js';
import { Browser, CHROMIUM } from './cdp.js';
import { runFixture, type Fixture } from './helpers.js';

const PROBE = `JSON.stringify({
  title: document.title,
  scripts: document.scripts.length,
  pwned: document.body.getAttribute('data-pwned'),
  injected: document.getElementById('injected') !== null,
  images: document.images.length,
  handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !h.startsWith('#')),
  escapes: document.querySelectorAll('.ctl').length,
  rowTables: document.querySelectorAll('table.rows').length,
  flaggedRows: document.querySelectorAll('tr.flag-high, tr.flag-medium').length,
  bodyText: document.body.innerText.includes('<script>document.title'),
  styled: document.querySelector('th') ? getComputedStyle(document.querySelector('th')).fontWeight : '',
})`;

interface Probe {
  title: string;
  scripts: number;
  pwned: string | null;
  injected: boolean;
  images: number;
  handlers: number;
  links: string[];
  escapes: number;
  rowTables: number;
  flaggedRows: number;
  bodyText: boolean;
  styled: string;
}

const TITLE = CHROMIUM !== undefined
  ? 'report.html in headless Chromium'
  : 'report.html in headless Chromium — SKIPPED: chromium is not installed (apt-get install -y chromium)';

describe.skipIf(CHROMIUM === undefined)(TITLE, () => {
  let fixture: Fixture;
  let browser: Browser;
  let scratch: string;

  beforeAll(async () => {
    fixture = await runFixture();
    await exportBundle(fixture.store, { formats: ['html'], lang: 'en', at: '2026-05-30T06:00:00.000Z' });
    browser = await Browser.launch(CHROMIUM as string);
    scratch = await mkdtemp(join(tmpdir(), 'osq-shot-'));
  });

  afterAll(async () => {
    await browser?.close();
    await fixture?.cleanup();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('can tell when a page runs script (the probe itself can fail)', async () => {
    const control = join(scratch, 'control.html');
    await writeFile(control, `<!DOCTYPE html><title>before</title><body><script>document.title='pwned';console.error('ran')</script>`);
    const page = await browser.open(pathToFileURL(control).href);
    const probe = JSON.parse(await page.evaluate<string>(PROBE)) as Probe;
    expect(probe.title).toBe('pwned');
    expect(page.report.errors.join('\n')).toContain('ran');
  });

  it("the report's CSP alone would stop a script that slipped through, and the refusal shows up as an error", async () => {
    const html = await readFile(join(fixture.dir, 'report.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/.exec(html)?.[0] ?? '';
    expect(csp).toContain("default-src 'none'");
    const slipped = join(scratch, 'slipped.html');
    await writeFile(slipped, `<!DOCTYPE html><html><head>${csp}<title>before</title></head><body><script>document.title='pwned'</script><img src=x onerror="document.title='pwned'"></body></html>`);
    const page = await browser.open(pathToFileURL(slipped).href);
    const probe = JSON.parse(await page.evaluate<string>(PROBE)) as Probe;
    expect(probe.title).toBe('before');
    expect(page.report.errors.join('\n')).toMatch(/Content Security Policy/);
  });

  it('loads the hostile report with no console error and no script run, and screenshots it', async () => {
    const page = await browser.open(pathToFileURL(join(fixture.dir, 'report.html')).href);
    const probe = JSON.parse(await page.evaluate<string>(PROBE)) as Probe;
    expect(page.report.errors, page.report.log.join('\n')).toEqual([]);
    expect(probe.title).toBe('Triage report: Suspicious <script>alert(1)</script> | kworker');
    expect(probe.scripts).toBe(0);
    expect(probe.pwned).toBeNull();
    expect(probe.injected).toBe(false);
    expect(probe.images).toBe(0);
    expect(probe.handlers).toBe(0);
    expect(probe.links).toEqual([]);
    // The hostile text is shown as text, escapes are visible, flagged rows are highlighted, the stylesheet applied.
    expect(probe.bodyText).toBe(true);
    expect(probe.escapes).toBeGreaterThan(3);
    expect(probe.rowTables).toBe(2);
    expect(probe.flaggedRows).toBe(2);
    expect(probe.styled).toBe('600');

    const png = await page.screenshot();
    const shot = join(scratch, 'report.png');
    await writeFile(shot, png);
    const bytes = await readFile(shot);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect((await stat(shot)).size).toBeGreaterThan(20_000);
    // Page height: the 10 kB line wrapped instead of widening the page past the window.
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(1280);

    const pdf = await page.pdf();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
