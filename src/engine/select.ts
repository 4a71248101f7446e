import type { Engine, EngineInfo } from './types.js';
import { findExecutable } from './find-executable.js';
import { localHostRecords } from './host/records.js';

export type EngineChoice = 'auto' | 'osqueryi' | 'builtin' | `ssh:${string}`;

export interface EngineRequest {
  choice: string;
  /** --osqueryi PATH */
  osqueryi?: string;
  /** --root DIR: triage a mounted image (built-in engine only). */
  root?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export type EngineSelection = { ok: true; engine: Engine; info: EngineInfo; why: string } | { ok: false; message: string };

/**
 * `auto` picks osqueryi when it is found (--osqueryi or PATH), else the built-in engine; a dead-box --root always
 * means the built-in engine, because osqueryi reads the live host, not the image.
 */
export async function selectEngine(request: EngineRequest): Promise<EngineSelection> {
  const choice = request.choice;
  if (choice !== 'auto' && choice !== 'osqueryi' && choice !== 'builtin' && !choice.startsWith('ssh:')) {
    return { ok: false, message: `unknown engine ${JSON.stringify(choice)}: use auto, osqueryi, builtin or ssh:[user@]host` };
  }
  if (request.root !== undefined && choice !== 'auto' && choice !== 'builtin') {
    return { ok: false, message: `--root reads a mounted image, which only the built-in engine can do (not ${choice})` };
  }
  if (choice === 'builtin' || (choice === 'auto' && request.root !== undefined)) {
    return withInfo(await builtinEngine(request.root), 'built-in engine');
  }
  if (choice.startsWith('ssh:')) {
    const target = choice.slice(4);
    const { createSshEngine } = await import('./ssh.js');
    const made = createSshEngine(target, request.env);
    return made.ok ? withInfo(made.engine, `osqueryi on ${target} over ssh`) : made;
  }
  const wanted = request.osqueryi ?? 'osqueryi';
  const binary = await findExecutable(wanted, request.env, request.cwd);
  if (binary) return withInfo(onThisHost((await import('./osqueryi.js')).createOsqueryiEngine(binary), '/'), `osqueryi at ${binary}`);
  if (choice === 'osqueryi' || request.osqueryi !== undefined) {
    return {
      ok: false,
      message: request.osqueryi !== undefined
        ? `osqueryi not found or not executable at ${request.osqueryi}`
        : 'osqueryi is not installed (not on PATH); use --engine builtin or --osqueryi PATH',
    };
  }
  return withInfo(await builtinEngine(undefined), 'built-in engine (no osqueryi on PATH)');
}

/** Engines load on demand: a start-up pays only for the one it uses. */
async function builtinEngine(root: string | undefined): Promise<Engine> {
  const { createBuiltinEngine } = await import('./builtin/engine.js');
  return onThisHost(createBuiltinEngine(root !== undefined ? { root } : {}), root ?? '/');
}

/** An engine that reads this machine (or an image mounted on it): findings may read its package records too. */
function onThisHost(engine: Engine, root: string): Engine {
  return { ...engine, hostRecords: localHostRecords(root) };
}

async function withInfo(engine: Engine, why: string): Promise<EngineSelection> {
  return { ok: true, engine, info: await engine.info(), why };
}
