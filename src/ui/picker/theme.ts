import type { SeverityName, Theme, Tone } from '../theme.js';

/** Styles of the alert picker, drawn from the semantic tokens. */
export interface PickerTheme {
  title: Tone;
  badge: Record<SeverityName, Tone>;
  rule: Tone;
  meta: Tone;
  fold: Tone;
  selected: Tone;
  empty: Tone;
}

export function pickerTheme(theme: Theme): PickerTheme {
  return {
    title: theme.text.heading,
    badge: theme.severity,
    rule: theme.text.normal,
    meta: theme.text.muted,
    fold: theme.text.muted,
    selected: theme.selection,
    empty: theme.warning,
  };
}
