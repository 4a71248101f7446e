/** uptime: time since boot, split into days/hours/minutes/seconds. */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { readText } from './procfs.js';

const columns: Column[] = [
  { name: 'days', type: 'INTEGER' },
  { name: 'hours', type: 'INTEGER' },
  { name: 'minutes', type: 'INTEGER' },
  { name: 'seconds', type: 'INTEGER' },
  { name: 'total_seconds', type: 'BIGINT' },
];

/** Whole seconds as sysinfo(2) gives them: a started second counts (the kernel rounds up). */
export function parseUptime(content: string): number | null {
  const match = /^([0-9]+)(?:\.([0-9]+))?\s/.exec(content);
  if (match === null) return null;
  const whole = Number(match[1]);
  return /[1-9]/.test(match[2] ?? '') ? whole + 1 : whole;
}

export function uptimeRow(total: number): TableRow {
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
    total_seconds: total,
  };
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const content = await readText(ctx.hostPath('/proc/uptime'));
  const total = content === null ? null : parseUptime(content);
  return total === null ? [] : [uptimeRow(total)];
}

export const uptimeTable: TableSpec = { name: 'uptime', columns, liveOnly: true, generate };
