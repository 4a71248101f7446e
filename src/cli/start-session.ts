import { hostname, platform, release, arch, userInfo } from 'node:os';
import { resolve, join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { Alert } from '../alert/types.js';
import type { Engine, EngineInfo } from '../engine/types.js';
import { findCatalogGuide, loadCatalogQueries, openGuideCatalog, stepQueryIds, type GuideCatalog } from '../guide/catalog.js';
import type { Library } from '../guide/load.js';
import type { Language, LoadedGuide, Query } from '../guide/model.js';
import { shippedGuideDir } from '../guide/paths.js';
import { createSession } from '../triage/session.js';
import { SessionStore, StoreError } from '../triage/store.js';
import type { HostFacts } from '../triage/model.js';
import { TOOL } from './version.js';

export interface TriageSetup {
  lang: Language;
  /** The whole library as loaded, or a catalog that parses only the guide it picks (much faster for many guides). */
  library: Library | GuideCatalog;
  engine: Engine;
  engineInfo: EngineInfo;
  /** How the engine was asked for (recorded so `resume` can make the same one), and why it was picked. */
  engineRequest?: { choice: string; osqueryi?: string; root?: string; why: string };
  /** --out, or undefined for a new triage-<host>-<rule>-<time> directory under cwd. */
  out?: string;
  cwd: string;
  /** Values given with --set: recorded as entered by hand. */
  entered?: Record<string, string[]>;
  now?: () => Date;
}

export type OpenedAlert =
  | { ok: true; store: SessionStore; guide: LoadedGuide; by: 'rule_id' | 'name' | 'alert-note' }
  | { ok: false; message: string };

/** Guide directories in precedence order: every --guides DIR, then the shipped guides. */
export function guideDirs(extraDirs: string[], cwd: string): string[] {
  return [...extraDirs.map((d) => resolve(cwd, d)), shippedGuideDir()];
}

/** The guide directories for looking up one alert's guide: indexes and file heads are read, nothing is parsed yet. */
export async function openGuideLibrary(extraDirs: string[], cwd: string): Promise<GuideCatalog> {
  return openGuideCatalog(guideDirs(extraDirs, cwd));
}

/**
 * Resolve the alert's guide (rule_id, then name, then the note the alert carries) and open a new evidence bundle.
 * Shared by `run`, the TUI and `resume`, so they cannot drift apart.
 */
export async function openAlert(alert: Alert, setup: TriageSetup): Promise<OpenedAlert> {
  const resolved = await resolveAlertGuide(alert, setup.library);
  if (!resolved.ok) return resolved;
  const now = (setup.now ?? (() => new Date()))();
  const at = now.toISOString();
  const dir = setup.out !== undefined ? resolve(setup.cwd, setup.out) : join(setup.cwd, defaultOutName(alert, resolved.guide, now));
  const session = createSession({
    id: randomUUID(),
    at,
    tool: TOOL,
    host: hostFacts(),
    lang: setup.lang,
    alert,
    guide: resolved.guide,
    queries: resolved.queries,
    engine: setup.engineInfo,
    enteredFields: setup.entered ?? {},
  });
  try {
    const store = await SessionStore.create(dir, session);
    if (setup.engineRequest) {
      const { why, ...request } = setup.engineRequest;
      await store.note(at, 'engine-selected', { request, why });
    }
    return { ok: true, store, guide: resolved.guide, by: resolved.by };
  } catch (err) {
    if (err instanceof StoreError) return { ok: false, message: err.message };
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, message: `cannot write the evidence bundle to ${dir}: ${code ?? (err instanceof Error ? err.message : String(err))}` };
  }
}

type ResolvedGuide =
  | { ok: true; guide: LoadedGuide; queries: ReadonlyMap<string, Query>; by: 'rule_id' | 'name' | 'alert-note' }
  | { ok: false; message: string };

/** The alert's guide (rule_id, then name, then the note the alert carries) and the queries it uses. */
export async function resolveAlertGuide(alert: Alert, library: Library | GuideCatalog): Promise<ResolvedGuide> {
  const rule = { ...(alert.rule.ruleId ? { ruleId: alert.rule.ruleId } : {}), ...(alert.rule.ruleName ? { ruleName: alert.rule.ruleName } : {}) };
  const found = await findGuide(library, rule);
  if (found.ok) return { ok: true, guide: found.guide, queries: await queriesFor(library, stepQueryIds(found.guide.guide.steps)), by: found.by };
  const note = alert.rule.note;
  if (note && note.includes('osquery')) {
    // The importers are needed only here, for an alert no guide matches.
    const { guideFromAlertNote } = await import('../guide/import/alert-note.js');
    const fromNote = guideFromAlertNote(note, alert.rule);
    if (fromNote.queries.length > 0) {
      const own = new Set(fromNote.queries.map((q) => q.id));
      const queries = await queriesFor(library, stepQueryIds(fromNote.guide.steps).filter((id) => !own.has(id)));
      for (const q of fromNote.queries) queries.set(q.id, q);
      return {
        ok: true,
        guide: { guide: fromNote.guide, file: '(alert note)', sha256: createHash('sha256').update(note).digest('hex'), source: 'alert-note' },
        queries,
        by: 'alert-note',
      };
    }
  }
  return { ok: false, message: found.message };
}

async function findGuide(library: Library | GuideCatalog, rule: { ruleId?: string; ruleName?: string }): ReturnType<typeof findCatalogGuide> {
  if (isCatalog(library)) return findCatalogGuide(library, rule);
  const { resolveGuide } = await import('../guide/resolve.js');
  return resolveGuide(library, rule);
}

async function queriesFor(library: Library | GuideCatalog, ids: string[]): Promise<Map<string, Query>> {
  if (isCatalog(library)) return loadCatalogQueries(library, ids);
  return new Map(ids.flatMap((id) => {
    const query = library.queries.get(id);
    return query ? [[id, query] as const] : [];
  }));
}

function isCatalog(library: Library | GuideCatalog): library is GuideCatalog {
  return 'lookedUp' in library;
}

export function hostFacts(): HostFacts {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry for our uid (containers): keep "unknown"
  }
  return { hostname: hostname(), platform: platform(), release: release(), arch: arch(), user };
}

/** triage-<host>-<rule>-<UTC time>, made only of characters safe in any file system. */
export function defaultOutName(alert: Alert, guide: LoadedGuide, now: Date): string {
  const host = slug(alert.host ?? 'unknown-host', 40);
  const rule = slug(guide.guide.name.en ?? guide.guide.rule_id, 40);
  const time = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `triage-${host}-${rule}-${time}`;
}

function slug(text: string, max: number): string {
  const s = text.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, max);
  return s === '' ? 'x' : s;
}
