import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Debian's chromium, when installed (.ci/run installs it). */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export interface PageReport {
  /** Console messages of level error/warning and uncaught exceptions, in words. */
  errors: string[];
  /** Every console message and log entry, for diagnosis. */
  log: string[];
}

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };

/**
 * Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: no port, no network),
 * with a fresh profile that is removed on close.
 */
export class Browser {
  private nextId = 1;
  private pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private listeners: ((m: Message) => void)[] = [];
  private buffer = '';

  private constructor(private readonly child: ChildProcess, private readonly profile: string) {
    const input = child.stdio[4] as Readable;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
        const message = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        this.dispatch(message);
      }
    });
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(executable: string): Promise<Browser> {
    const profile = await mkdtemp(join(tmpdir(), 'osq-chromium-'));
    const child = spawn(
      executable,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        `--user-data-dir=${profile}`,
        '--remote-debugging-pipe',
        '--window-size=1280,1600',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    return new Browser(child, profile);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Message> {
    const id = this.nextId++;
    const message = { id, method, params, ...(sessionId ? { sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  /** Resolves with the first event of this name (for this session) that arrives after the call. */
  waitFor(method: string, sessionId: string): Promise<Message> {
    return new Promise((resolve) => {
      const listener = (m: Message): void => {
        if (m.method === method && m.sessionId === sessionId) {
          this.listeners = this.listeners.filter((l) => l !== listener);
          resolve(m);
        }
      };
      this.listeners.push(listener);
    });
  }

  onEvent(listener: (m: Message) => void): void {
    this.listeners.push(listener);
  }

  /** Open a page on `url`, wait for its load event, and collect what the page logs. */
  async open(url: string): Promise<Page> {
    const target = await this.send('Target.createTarget', { url: 'about:blank' });
    const targetId = target.result?.targetId as string;
    const attached = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const sessionId = attached.result?.sessionId as string;
    const report: PageReport = { errors: [], log: [] };
    this.onEvent((m) => {
      if (m.sessionId !== sessionId) return;
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled') {
        const text = ((p.args as { value?: unknown; description?: string }[] | undefined) ?? []).map((a) => String(a.value ?? a.description ?? '')).join(' ');
        report.log.push(`console.${String(p.type)}: ${text}`);
        if (p.type === 'error' || p.type === 'warning' || p.type === 'assert') report.errors.push(`console.${String(p.type)}: ${text}`);
      } else if (m.method === 'Runtime.exceptionThrown') {
        const details = p.exceptionDetails as { text?: string; exception?: { description?: string } } | undefined;
        const text = `exception: ${details?.exception?.description ?? details?.text ?? ''}`;
        report.log.push(text);
        report.errors.push(text);
      } else if (m.method === 'Log.entryAdded') {
        const entry = p.entry as { level?: string; text?: string; source?: string };
        const text = `log.${entry.level ?? ''} (${entry.source ?? ''}): ${entry.text ?? ''}`;
        report.log.push(text);
        if (entry.level === 'error' || entry.level === 'warning') report.errors.push(text);
      }
    });
    await this.send('Runtime.enable', {}, sessionId);
    await this.send('Log.enable', {}, sessionId);
    await this.send('Page.enable', {}, sessionId);
    const loaded = this.waitFor('Page.loadEventFired', sessionId);
    const navigated = await this.send('Page.navigate', { url }, sessionId);
    if (navigated.result?.errorText) throw new Error(`navigation failed: ${String(navigated.result.errorText)}`);
    await loaded;
    return new Page(this, sessionId, report);
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.exitCode === null) {
      await Promise.race([this.send('Browser.close').catch(() => undefined), exited]);
      await exited;
    }
    await rm(this.profile, { recursive: true, force: true });
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message);
      return;
    }
    for (const listener of [...this.listeners]) listener(message);
  }
}

export class Page {
  constructor(private readonly browser: Browser, private readonly sessionId: string, readonly report: PageReport) {}

  /** Evaluate an expression in the page (DevTools evaluation is not subject to the page's CSP) and return its value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.browser.send('Runtime.evaluate', { expression, returnByValue: true }, this.sessionId);
    const result = reply.result as { result?: { value?: T }; exceptionDetails?: { text?: string } };
    if (result.exceptionDetails) throw new Error(`evaluate failed: ${result.exceptionDetails.text ?? ''}`);
    return result.result?.value as T;
  }

  async screenshot(): Promise<Buffer> {
    const reply = await this.browser.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, this.sessionId);
    return Buffer.from(reply.result?.data as string, 'base64');
  }

  async pdf(): Promise<Buffer> {
    const reply = await this.browser.send('Page.printToPDF', { printBackground: true }, this.sessionId);
    return Buffer.from(reply.result?.data as string, 'base64');
  }
}
