/** mounts: /proc/mounts with statfs figures for each mount point. */
import { realpath, statfs } from 'node:fs';
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { mapBounded, readText } from './procfs.js';
import { fields } from './values.js';

const columns: Column[] = [
  { name: 'device', type: 'TEXT' },
  { name: 'device_alias', type: 'TEXT' },
  { name: 'path', type: 'TEXT' },
  { name: 'type', type: 'TEXT' },
  { name: 'blocks_size', type: 'BIGINT' },
  { name: 'blocks', type: 'BIGINT' },
  { name: 'blocks_free', type: 'BIGINT' },
  { name: 'blocks_available', type: 'BIGINT' },
  { name: 'inodes', type: 'BIGINT' },
  { name: 'inodes_free', type: 'BIGINT' },
  { name: 'flags', type: 'TEXT' },
];

export interface MountEntry {
  device: string;
  path: string;
  type: string;
  flags: string;
}

/** The kernel escapes space, tab, newline and backslash in mount fields as octal; getmntent undoes exactly these. */
export function unescapeMountField(field: string): string {
  return field.replace(/\\(040|011|012|134)/g, (_, code: string) => String.fromCharCode(parseInt(code, 8)));
}

export function parseMounts(content: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of content.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const parts = fields(line).map(unescapeMountField);
    if (parts.length < 4) continue;
    entries.push({
      device: parts[0] as string,
      path: parts[1] as string,
      type: parts[2] as string,
      flags: parts[3] as string,
    });
  }
  return entries;
}

interface FsFigures {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
}

function statfsOf(path: string): Promise<FsFigures | null> {
  return new Promise((resolve) => statfs(path, (error, stats) => resolve(error ? null : stats)));
}

/** Canonical device path when the device names a file (/dev/disk/by-uuid/... -> /dev/sda1), else as written. */
function deviceAlias(device: string, hostPath: (path: string) => string): Promise<string> {
  if (!device.startsWith('/')) return Promise.resolve(device);
  return new Promise((resolve) => realpath(hostPath(device), (error, resolved) => resolve(error ? device : resolved)));
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const content = await readText(ctx.hostPath('/proc/mounts'));
  if (content === null) return [];
  return mapBounded(parseMounts(content), 8, async (mount) => {
    // statfs on an autofs trigger would mount it; osquery leaves those at zero.
    const [figures, alias] = await Promise.all([
      mount.type === 'autofs' ? Promise.resolve(null) : statfsOf(ctx.hostPath(mount.path)),
      deviceAlias(mount.device, ctx.hostPath),
    ]);
    return {
      device: mount.device,
      device_alias: alias,
      path: mount.path,
      type: mount.type,
      blocks_size: figures?.bsize ?? 0,
      blocks: figures?.blocks ?? 0,
      blocks_free: figures?.bfree ?? 0,
      blocks_available: figures?.bavail ?? 0,
      inodes: figures?.files ?? 0,
      inodes_free: figures?.ffree ?? 0,
      flags: mount.flags,
    };
  });
}

export const mountsTable: TableSpec = { name: 'mounts', columns, liveOnly: true, generate };
