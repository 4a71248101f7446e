import { parseArgs, type ParseArgsConfig } from 'node:util';

export type ParsedArgs<T extends ParseArgsConfig['options']> = { ok: true; values: Record<keyof T & string, unknown>; positionals: string[] } | { ok: false; message: string };

/** node:util parseArgs with its exceptions turned into one-line messages. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T): ParsedArgs<T> {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { ok: true, values: parsed.values as unknown as Record<keyof T & string, unknown>, positionals: parsed.positionals };
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err);
    return { ok: false, message: message.replace(/^TypeError \[[A-Z_]+\]: /, '') };
  }
}

export function stringFlag(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function listFlag(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A positive integer flag, or a message naming the flag. */
export function positiveInt(value: unknown, flag: string, fallback: number, max: number): { ok: true; value: number } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, value: fallback };
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) return { ok: false, message: `${flag} expects a whole number from 1 to ${max}, not ${JSON.stringify(text)}` };
  return { ok: true, value: Number(text) };
}
