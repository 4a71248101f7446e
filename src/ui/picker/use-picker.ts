import { useInput } from 'ink';
import { useRef, useState } from 'react';
import type { Alert } from '../../alert/types.js';
import { handlePickerKey, initialPickerState, type PickerEffect, type PickerState } from './use-picker-state.js';

/** Input hook of the alert picker: keys go through the pure handler; effects go to the router. */
export function usePicker(options: { alerts: readonly Alert[]; pageSize: number; isActive: boolean; onEffect(effect: PickerEffect): void }): PickerState {
  const [state, setState] = useState<PickerState>(initialPickerState);
  const current = useRef(state);
  useInput(
    (input, key) => {
      const result = handlePickerKey(current.current, input, key, { alerts: options.alerts, pageSize: options.pageSize });
      if (result.state !== current.current) {
        current.current = result.state;
        setState(result.state);
      }
      if (result.effect) options.onEffect(result.effect);
    },
    { isActive: options.isActive },
  );
  return state;
}
