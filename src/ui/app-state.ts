import type { Alert } from '../alert/types.js';

/** Which screen is up. The router shows exactly one; the others' input hooks are inactive. */
export type Route =
  | { screen: 'picker' }
  | { screen: 'opening'; index: number }
  | { screen: 'failed'; message: string }
  | { screen: 'triage' }
  | { screen: 'export' }
  | { screen: 'closing'; code: number };

export type RouteEvent =
  | { type: 'open'; index: number }
  | { type: 'opened' }
  | { type: 'open-failed'; message: string }
  | { type: 'back' }
  | { type: 'export' }
  | { type: 'export-done' }
  | { type: 'quit'; code: number };

/** The picker shows when there is a choice to make or something folded to see (a sequence's building blocks). */
export function needsPicker(alerts: readonly Alert[]): boolean {
  return alerts.length > 1 || (alerts[0]?.buildingBlocks.length ?? 0) > 0;
}

export function initialRoute(alerts: readonly Alert[], resumed: boolean): Route {
  if (resumed) return { screen: 'triage' };
  if (alerts.length === 0) return { screen: 'failed', message: 'no alert to open' };
  return needsPicker(alerts) ? { screen: 'picker' } : { screen: 'opening', index: 0 };
}

export function reduceRoute(route: Route, event: RouteEvent, alerts: readonly Alert[]): Route {
  switch (event.type) {
    case 'open':
      return route.screen === 'picker' ? { screen: 'opening', index: event.index } : route;
    case 'opened':
      return route.screen === 'opening' ? { screen: 'triage' } : route;
    case 'open-failed':
      return route.screen === 'opening' ? { screen: 'failed', message: event.message } : route;
    case 'back':
      return route.screen === 'failed' && needsPicker(alerts) ? { screen: 'picker' } : route;
    case 'export':
      return route.screen === 'triage' ? { screen: 'export' } : route;
    case 'export-done':
      return route.screen === 'export' ? { screen: 'triage' } : route;
    case 'quit':
      return route.screen === 'closing' ? route : { screen: 'closing', code: event.code };
  }
}
