/** Turns raw input into text, refusing what cannot be an alert document before any parsing happens. */

import type { AlertInputError } from './types.js';
import { displayOrigin } from './escape.js';

/** Alert files above this size are refused unread (a real alert export is a few kB to a few MB). */
export const MAX_ALERT_BYTES = 64 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; error: AlertInputError };

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function tooLargeError(origin: string, bytes: number | undefined): AlertInputError {
  const size = bytes === undefined ? 'more than 64 MiB' : mib(bytes);
  return {
    kind: 'too-large',
    message: `${displayOrigin(origin)}: too large to be an alert document (${size}; the limit is 64 MiB)`,
  };
}

function binaryError(origin: string, why: string): AlertInputError {
  return { kind: 'binary', message: `${displayOrigin(origin)}: binary data (${why}), not an alert document` };
}

export function emptyError(origin: string, why = 'nothing but whitespace'): AlertInputError {
  return { kind: 'empty', message: `${displayOrigin(origin)}: empty: ${why}` };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeAlertInput(input: string | Uint8Array, origin: string): DecodeResult {
  let text: string;
  if (typeof input === 'string') {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so only long strings need counting.
    if (input.length > MAX_ALERT_BYTES / 3 && Buffer.byteLength(input, 'utf8') > MAX_ALERT_BYTES) {
      return { ok: false, error: tooLargeError(origin, Buffer.byteLength(input, 'utf8')) };
    }
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    if (input.byteLength > MAX_ALERT_BYTES) return { ok: false, error: tooLargeError(origin, input.byteLength) };
    const nul = input.indexOf(0);
    if (nul !== -1) return { ok: false, error: binaryError(origin, `NUL byte at offset ${nul}`) };
    try {
      text = utf8.decode(input);
    } catch {
      return { ok: false, error: binaryError(origin, 'not valid UTF-8') };
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return { ok: false, error: binaryError(origin, `NUL character at offset ${nul}`) };
  if (!/[^ \t\r\n]/.test(text)) {
    return { ok: false, error: emptyError(origin, text.length === 0 ? 'no bytes at all' : 'nothing but whitespace') };
  }
  return { ok: true, text };
}
