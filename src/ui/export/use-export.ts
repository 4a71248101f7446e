import { useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { TriageController } from '../controller.js';
import { exportFinished, handleExportKey, initialExportState, type ExportState } from './use-export-state.js';

/** Input hook of the export screen; the export itself goes through the controller (and so the store). */
export function useExport(options: { controller: TriageController; isActive: boolean; onBack(): void; onQuit(): void }): ExportState {
  const [state, setState] = useState<ExportState>(initialExportState);
  const current = useRef(state);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const set = (next: ExportState): void => {
    current.current = next;
    if (mounted.current) setState(next);
  };
  useInput(
    (input, key) => {
      const result = handleExportKey(current.current, input, key);
      if (result.state !== current.current) set(result.state);
      const effect = result.effect;
      if (!effect) return;
      if (effect.kind === 'back') options.onBack();
      else if (effect.kind === 'quit') options.onQuit();
      else void options.controller.exportReports(effect.formats).then((outcome) => set(exportFinished(current.current, outcome)));
    },
    { isActive: options.isActive },
  );
  return state;
}
