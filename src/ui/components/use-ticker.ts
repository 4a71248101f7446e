import { useEffect, useState } from 'react';

/** A counter that advances every `ms` while `active` (spinners, elapsed time); no timer when idle. */
export function useTicker(active: boolean, ms = 120): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return tick;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function spinnerFrame(tick: number): string {
  return FRAMES[tick % FRAMES.length] ?? '⠋';
}
