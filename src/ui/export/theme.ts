import type { Theme, Tone } from '../theme.js';

export interface ExportTheme {
  title: Tone;
  label: Tone;
  selected: Tone;
  checked: Tone;
  path: Tone;
  hash: Tone;
  error: Tone;
  muted: Tone;
}

export function exportTheme(theme: Theme): ExportTheme {
  return {
    title: theme.text.heading,
    label: theme.text.muted,
    selected: theme.selection,
    checked: theme.success,
    path: theme.text.normal,
    hash: theme.text.accent,
    error: theme.error,
    muted: theme.text.muted,
  };
}
