import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../alert/types.js';
import type { Engine } from '../engine/types.js';
import { initialRoute, reduceRoute, type Route, type RouteEvent } from './app-state.js';
import type { TriageController, TriageStore } from './controller.js';
import type { TriageView } from './triage/use-triage-state.js';

export type OpenResult<S extends TriageStore = TriageStore> = { ok: true; store: S; engine: Engine } | { ok: false; message: string };

export interface AppDeps<S extends TriageStore = TriageStore> {
  alerts: readonly Alert[];
  openAlert(alert: Alert): Promise<OpenResult<S>>;
  makeController(store: S, engine: Engine): TriageController<S>;
  /** A resumed session opens straight on the triage screen. */
  resumed?: TriageController<S>;
  onExit(code: number): void;
}

export interface AppState<S extends TriageStore> {
  route: Route;
  controller: TriageController<S> | undefined;
  send(event: RouteEvent): void;
  triageMemory: { current: TriageView | undefined };
}

/**
 * The router's state and its two side effects: opening the chosen alert (guide, engine, bundle, all done by the CLI's
 * openAlert) and closing (stop running queries, wait for the last writes, then report the exit code).
 */
export function useApp<S extends TriageStore>(deps: AppDeps<S>): AppState<S> {
  const [route, setRoute] = useState<Route>(() => initialRoute(deps.alerts, deps.resumed !== undefined));
  const [controller, setController] = useState<TriageController<S> | undefined>(deps.resumed);
  const triageMemory = useRef<TriageView | undefined>(undefined);
  const routeRef = useRef(route);
  const send = (event: RouteEvent): void => {
    const next = reduceRoute(routeRef.current, event, deps.alerts);
    if (next === routeRef.current) return;
    routeRef.current = next;
    setRoute(next);
  };

  const openingIndex = route.screen === 'opening' ? route.index : undefined;
  useEffect(() => {
    if (openingIndex === undefined) return;
    const alert = deps.alerts[openingIndex];
    if (!alert) return;
    let live = true;
    deps.openAlert(alert).then(
      (result) => {
        if (!live) return;
        if (!result.ok) return send({ type: 'open-failed', message: result.message });
        triageMemory.current = undefined;
        setController(deps.makeController(result.store, result.engine));
        send({ type: 'opened' });
      },
      (err: unknown) => {
        if (live) send({ type: 'open-failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [openingIndex]);

  const closingCode = route.screen === 'closing' ? route.code : undefined;
  useEffect(() => {
    if (closingCode === undefined) return;
    const done = (): void => deps.onExit(closingCode);
    if (controller) void controller.shutdown().then(done, done);
    else done();
  }, [closingCode]);

  return { route, controller, send, triageMemory };
}
