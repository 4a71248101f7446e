import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStdout } from 'ink';
import type { Language } from '../guide/model.js';
import { uiStrings, type UiStrings } from './i18n.js';
import { createTheme, type Theme } from './theme.js';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface Ui {
  lang: Language;
  strings: UiStrings;
  theme: Theme;
  size: TerminalSize;
}

const UiContext = createContext<Ui | undefined>(undefined);

export interface UiProviderProps {
  lang: Language;
  color: boolean;
  /** A fixed size (tests, benchmarks); otherwise the terminal's, followed on resize. */
  size?: TerminalSize;
  children: ReactNode;
}

const FALLBACK: TerminalSize = { columns: 80, rows: 24 };

/** Language, theme and terminal size for every component below; the one place that listens for resize. */
export function UiProvider({ lang, color, size, children }: UiProviderProps): ReactNode {
  const live = useLiveSize(size === undefined);
  const current = size ?? live;
  const value = useMemo<Ui>(
    () => ({ lang, strings: uiStrings(lang), theme: createTheme({ color }), size: current }),
    [lang, color, current.columns, current.rows],
  );
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

function useLiveSize(active: boolean): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => ({
    columns: stdout.columns > 0 ? stdout.columns : FALLBACK.columns,
    rows: stdout.rows > 0 ? stdout.rows : FALLBACK.rows,
  });
  const [size, setSize] = useState<TerminalSize>(read);
  useEffect(() => {
    if (!active) return;
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [active, stdout]);
  return size;
}

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi outside UiProvider');
  return ui;
}
