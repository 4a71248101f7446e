/** kernel_modules: /proc/modules, one line per loaded module. */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { readText } from './procfs.js';
import { fields, toInteger } from './values.js';

const columns: Column[] = [
  { name: 'name', type: 'TEXT' },
  { name: 'size', type: 'BIGINT' },
  { name: 'used_by', type: 'TEXT' },
  { name: 'status', type: 'TEXT' },
  { name: 'address', type: 'TEXT' },
];

/** "name size refcount used_by, status address [taint]": fields 0, 1, 3, 4, 5, trailing commas dropped. */
export function parseModules(content: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const line of content.split('\n')) {
    const parts = fields(line).map((part) => (part.endsWith(',') ? part.slice(0, -1) : part));
    if (parts.length < 6) continue;
    rows.push({
      name: parts[0] as string,
      size: toInteger(parts[1]),
      used_by: parts[3] as string,
      status: parts[4] as string,
      address: parts[5] as string,
    });
  }
  return rows;
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const content = await readText(ctx.hostPath('/proc/modules'));
  return content === null ? [] : parseModules(content);
}

export const kernelModulesTable: TableSpec = { name: 'kernel_modules', columns, liveOnly: true, generate };
