/** The one gate between attacker-controlled text and the terminal lives with the plain-text printer; the UI uses it. */
export { sanitize, sanitizeHead, withoutEscapes, type SanitizeOptions } from '../report/terminal-text.js';
