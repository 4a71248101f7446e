import type { QueryStatus } from '../../triage/model.js';
import type { SeverityName, Theme, Tone } from '../theme.js';
import { spinnerFrame } from '../components/use-ticker.js';

/** Styles of the triage screen, drawn from the semantic tokens. */
export interface TriageTheme {
  badge: Record<SeverityName, Tone>;
  title: Tone;
  label: Tone;
  value: Tone;
  muted: Tone;
  heading: Tone;
  status: Record<QueryStatus, Tone>;
  selected: Tone;
  selectedIdle: Tone;
  paneTitle: Tone;
  paneTitleFocused: Tone;
  border: string | undefined;
  flagged: Tone;
  near: Tone;
  sqlValue: Tone;
  tableHeader: Tone;
  error: Tone;
  warning: Tone;
  success: Tone;
  checked: Tone;
}

export function triageTheme(theme: Theme): TriageTheme {
  return {
    badge: theme.severity,
    title: theme.text.heading,
    label: theme.text.muted,
    value: theme.text.normal,
    muted: theme.text.muted,
    heading: { ...theme.text.heading, ...theme.text.accent },
    status: theme.status,
    selected: theme.selection,
    selectedIdle: theme.selectionIdle,
    paneTitle: theme.paneTitle,
    paneTitleFocused: theme.paneTitleFocused,
    border: theme.border,
    flagged: theme.flagged,
    near: theme.nearAlert,
    sqlValue: theme.sqlValue,
    tableHeader: { ...theme.text.heading, underline: true },
    error: theme.error,
    warning: theme.warning,
    success: theme.success,
    checked: theme.success,
  };
}

/** The status glyph of a query; meaning never rests on colour alone. */
export function statusGlyph(status: QueryStatus, tick: number): string {
  switch (status) {
    case 'waiting':
      return '?';
    case 'ready':
      return '○';
    case 'running':
      return spinnerFrame(tick);
    case 'ok':
      return '✓';
    case 'error':
      return '✗';
    case 'timeout':
      return '◷';
    case 'blocked':
      return '⊘';
  }
}
