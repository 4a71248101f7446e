/** The live tables: they read the running kernel's state (/proc, /sys) and refuse a mounted image. */
import type { TableSpec } from '../../table.js';
import { kernelModulesTable } from './kernel-modules.js';
import { listeningPortsTable } from './listening-ports.js';
import { processMemoryMapTable } from './memory-map.js';
import { mountsTable } from './mounts.js';
import { processOpenFilesTable } from './open-files.js';
import { processesTable } from './processes.js';
import { processOpenSocketsTable } from './sockets.js';
import { systemInfoTable } from './system-info.js';
import { uptimeTable } from './uptime.js';

export const procTables: TableSpec[] = [
  processesTable,
  processOpenSocketsTable,
  listeningPortsTable,
  processOpenFilesTable,
  processMemoryMapTable,
  kernelModulesTable,
  mountsTable,
  uptimeTable,
  systemInfoTable,
];
