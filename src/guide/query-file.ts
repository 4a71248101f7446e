import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { QueryMeta, type Query } from './model.js';

/**
 * A query file is one SQL statement preceded by a YAML metadata header in a block comment:
 *
 *   /*
 *   id: users-by-name
 *   title: { en: ..., zh-CN: ... }
 *   fields: [user.name]
 *   tables: [users]
 *   *\/
 *   SELECT * FROM users WHERE username = <<user.name>>;
 */
export type QueryFileResult = { ok: true; query: Query } | { ok: false; file: string; errors: string[] };

const HEADER = /^\s*\/\*([\s\S]*?)\*\/\s*/;

export function parseQueryFile(text: string, file: string): QueryFileResult {
  const match = HEADER.exec(text);
  if (!match) return { ok: false, file, errors: ['missing /* YAML metadata header */ before the SQL'] };
  let header: unknown;
  try {
    header = parseYaml(match[1] ?? '');
  } catch (err) {
    return { ok: false, file, errors: [`metadata header is not valid YAML: ${firstLine(err)}`] };
  }
  const meta = QueryMeta.safeParse(header);
  if (!meta.success) {
    return { ok: false, file, errors: meta.error.issues.map((i) => `${i.path.join('.') || 'header'}: ${i.message}`) };
  }
  const sql = text.slice(match[0].length).trim().replace(/;\s*$/, '').trim();
  if (sql === '') return { ok: false, file, errors: ['no SQL after the metadata header'] };
  return { ok: true, query: { ...meta.data, sql, file } };
}

export function serializeQueryFile(query: Omit<Query, 'file'>): string {
  const { sql, ...meta } = query;
  const header = stringifyYaml(meta, { lineWidth: 0 }).replaceAll('*/', '* /');
  return `/*\n${header}*/\n${sql.trim()};\n`;
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0] ?? '';
}
