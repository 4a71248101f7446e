/** Small read helpers other areas use to talk about an alert. */

import type { Alert } from './types.js';

/** The first value of a field, or undefined when the alert lacks it. */
export function firstValue(alert: Alert, field: string): string | undefined {
  return Object.hasOwn(alert.fields, field) ? alert.fields[field]?.[0] : undefined;
}

/** The user the alert is about (user.name). */
export function alertUser(alert: Alert): string | undefined {
  return firstValue(alert, 'user.name');
}
