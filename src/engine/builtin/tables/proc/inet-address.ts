/** Socket addresses as /proc/net prints them (host-order hex words) turned into osquery's text (inet_ntop). */
import { endianness } from 'node:os';

const LITTLE_ENDIAN = endianness() === 'LE';

/** Bytes of an address printed as 32-bit words in host order: "0100007F" -> 127.0.0.1 on little-endian hosts. */
function wordBytes(hex: string): number[] | null {
  if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length % 8 !== 0) return null;
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const pairs = [0, 2, 4, 6].map((at) => parseInt(hex.slice(word + at, word + at + 2), 16));
    bytes.push(...(LITTLE_ENDIAN ? pairs.reverse() : pairs));
  }
  return bytes;
}

/** "0100007F" -> "127.0.0.1"; anything that is not 8 hex digits -> "" (as osquery). */
export function decodeIPv4(hex: string): string {
  if (hex.length !== 8) return '';
  const bytes = wordBytes(hex);
  return bytes === null ? '' : bytes.join('.');
}

/** 32 hex digits (four host-order words) -> RFC 5952 text as glibc's inet_ntop writes it; else "". */
export function decodeIPv6(hex: string): string {
  if (hex.length !== 32) return '';
  const bytes = wordBytes(hex);
  return bytes === null ? '' : formatIPv6(bytes);
}

/** glibc inet_ntop for AF_INET6: longest run (>= 2) of zero groups becomes "::", first on ties; lowercase hex;
 * IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses end in dotted quad. */
export function formatIPv6(bytes: readonly number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));

  let bestBase = -1;
  let bestLength = 0;
  let runBase = -1;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && words[i] === 0) {
      if (runBase < 0) runBase = i;
      continue;
    }
    if (runBase >= 0 && i - runBase > bestLength) {
      bestBase = runBase;
      bestLength = i - runBase;
    }
    runBase = -1;
  }
  if (bestLength < 2) bestBase = -1;

  let text = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
      if (i === bestBase) text += ':';
      continue;
    }
    if (i !== 0) text += ':';
    if (i === 6 && bestBase === 0 && (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff))) {
      return text + bytes.slice(12, 16).join('.');
    }
    text += (words[i] as number).toString(16);
  }
  if (bestBase >= 0 && bestBase + bestLength === 8) text += ':';
  return text;
}

/** A port printed as 4 hex digits; 0 otherwise (as osquery). */
export function decodePort(hex: string): number {
  return /^[0-9A-Fa-f]{4}$/.test(hex) ? parseInt(hex, 16) : 0;
}
