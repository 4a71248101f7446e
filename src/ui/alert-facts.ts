import type { Alert } from '../alert/types.js';

/** The user the alert is about (user.name), unsanitised: callers pass it through sanitize before display. */
export function alertUser(alert: Alert): string | undefined {
  return Object.hasOwn(alert.fields, 'user.name') ? alert.fields['user.name']?.[0] : undefined;
}
