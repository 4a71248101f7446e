import { useInput } from 'ink';
import { useRef, useState } from 'react';
import type { TriageController } from '../controller.js';
import { handleTriageKey, initialTriageView, type TriageContext, type TriageEffect, type TriageView } from './use-triage-state.js';
import type { OutlineItem } from './outline.js';

export interface TriageInputOptions {
  controller: TriageController;
  /** What the screen shows now (the key handler reads it between renders). */
  context: TriageContext;
  isActive: boolean;
  onExport(): void;
  onQuit(): void;
}

/** The triage view state, kept by the screen; `memory` lets it survive a visit to the export screen. */
export function useTriageView(items: readonly OutlineItem[], memory: { current: TriageView | undefined }): [TriageView, (v: TriageView) => void] {
  const [view, setView] = useState<TriageView>(() => memory.current ?? initialTriageView(items));
  const set = (v: TriageView): void => {
    memory.current = v;
    setView(v);
  };
  return [view, set];
}

/** Input hook of the triage screen: every key goes through the pure handler; effects go to the controller. */
export function useTriageInput(view: TriageView, setView: (v: TriageView) => void, options: TriageInputOptions): void {
  const latest = useRef({ view, options });
  latest.current = { view, options };
  useInput(
    (input, key) => {
      const { options: o } = latest.current;
      o.controller.dismissNotice();
      const outcome = handleTriageKey(latest.current.view, input, key, o.context);
      if (outcome.view !== latest.current.view) {
        latest.current = { ...latest.current, view: outcome.view };
        setView(outcome.view);
      }
      for (const effect of outcome.effects) apply(effect, o);
    },
    { isActive: options.isActive },
  );
}

function apply(effect: TriageEffect, o: TriageInputOptions): void {
  const c = o.controller;
  switch (effect.kind) {
    case 'run-all':
      return c.runAll();
    case 'run-query':
      return c.runQuery(effect.queryId);
    case 'enter-values':
      return c.enterValues(effect.queryId, effect.values);
    case 'toggle':
      return c.toggle(effect.id, effect.checked);
    case 'note':
      return c.setNote(effect.target, effect.text);
    case 'verdict':
      return c.setVerdict(effect.value, effect.reason);
    case 'export':
      return o.onExport();
    case 'quit':
      return o.onQuit();
  }
}
