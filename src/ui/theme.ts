import type { QueryStatus } from '../triage/model.js';

/**
 * Semantic style tokens. Components name what a thing is (`severity.high`, `status.error`, `selection`); only this
 * file names colours. With NO_COLOR every token keeps its attributes (bold, inverse, underline) and loses its colour,
 * so meaning never rests on colour alone (glyphs and words carry it too).
 */
export interface Tone {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type SeverityName = 'low' | 'medium' | 'high' | 'critical' | 'unknown';

export interface Theme {
  color: boolean;
  text: { normal: Tone; muted: Tone; heading: Tone; accent: Tone; key: Tone };
  severity: Record<SeverityName, Tone>;
  status: Record<QueryStatus, Tone>;
  selection: Tone;
  /** Selection in the pane that does not have focus. */
  selectionIdle: Tone;
  paneTitle: Tone;
  paneTitleFocused: Tone;
  border: string | undefined;
  error: Tone;
  success: Tone;
  warning: Tone;
  flagged: Tone;
  nearAlert: Tone;
  sqlValue: Tone;
  input: Tone;
  cursor: Tone;
}

const colourful: Theme = {
  color: true,
  text: { normal: {}, muted: { dimColor: true }, heading: { bold: true }, accent: { color: 'cyan' }, key: { color: 'cyan', bold: true } },
  severity: {
    low: { color: 'blue', bold: true },
    medium: { color: 'yellow', bold: true },
    high: { color: 'red', bold: true },
    critical: { color: 'white', backgroundColor: 'red', bold: true },
    unknown: { dimColor: true },
  },
  status: {
    waiting: { color: 'yellow' },
    ready: { color: 'blue' },
    running: { color: 'cyan' },
    ok: { color: 'green' },
    error: { color: 'red', bold: true },
    timeout: { color: 'red' },
    blocked: { color: 'magenta' },
  },
  selection: { inverse: true },
  selectionIdle: { underline: true },
  paneTitle: { dimColor: true, bold: true },
  paneTitleFocused: { color: 'cyan', bold: true, inverse: true },
  border: 'gray',
  error: { color: 'red', bold: true },
  success: { color: 'green' },
  warning: { color: 'yellow', bold: true },
  flagged: { color: 'red', bold: true },
  nearAlert: { color: 'yellow' },
  sqlValue: { color: 'yellow', bold: true, underline: true },
  input: { underline: true },
  cursor: { inverse: true },
};

/** The same tokens with every colour name removed (attributes stay). */
function withoutColours<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const kept = Object.entries(value)
    .filter(([key, v]) => !((key === 'color' || key === 'backgroundColor') && typeof v === 'string'))
    .map(([key, v]) => [key, withoutColours(v)]);
  return Object.fromEntries(kept) as T;
}

const plain: Theme = {
  ...withoutColours(colourful),
  color: false,
  border: undefined,
  // Without colour the critical badge still stands out.
  severity: { ...withoutColours(colourful.severity), critical: { bold: true, inverse: true } },
};

export function createTheme(options: { color: boolean }): Theme {
  return options.color ? colourful : plain;
}

/** NO_COLOR (https://no-color.org): present and not empty disables colour. */
export function colourWanted(env: Record<string, string | undefined>): boolean {
  const v = env['NO_COLOR'];
  return v === undefined || v === '';
}

export function severityName(value: string | undefined): SeverityName {
  const v = (value ?? '').toLowerCase();
  return v === 'low' || v === 'medium' || v === 'high' || v === 'critical' ? v : 'unknown';
}
