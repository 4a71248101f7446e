/** process_open_sockets: every socket a process holds, plus (unfiltered) the sockets no visible process holds. */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { compareText } from './procfs.js';
import { collectSockets } from './socket-scan.js';
import { pinnedPids, toInteger } from './values.js';

/** Pids a constraint pins, as text in osquery's order; null means every process (and unowned sockets, pid -1). */
function pinnedSocketPids(ctx: TableContext): string[] | null {
  const pinned = pinnedPids(ctx.constraints);
  if (pinned === null || pinned.has(-1)) return null;
  return [...pinned].filter((pid) => pid > 0).map(String).sort(compareText);
}

const socketColumns: Column[] = [
  { name: 'pid', type: 'INTEGER' },
  { name: 'fd', type: 'BIGINT' },
  { name: 'socket', type: 'BIGINT' },
  { name: 'family', type: 'INTEGER' },
  { name: 'protocol', type: 'INTEGER' },
  { name: 'local_address', type: 'TEXT' },
  { name: 'remote_address', type: 'TEXT' },
  { name: 'local_port', type: 'INTEGER' },
  { name: 'remote_port', type: 'INTEGER' },
  { name: 'path', type: 'TEXT' },
  { name: 'state', type: 'TEXT' },
  { name: 'net_namespace', type: 'TEXT' },
];

async function generateOpenSockets(ctx: TableContext): Promise<TableRow[]> {
  const sockets = await collectSockets(ctx.hostPath('/proc'), pinnedSocketPids(ctx));
  return sockets.map((s) => ({
    pid: s.pid,
    fd: s.fd,
    socket: toInteger(s.inode),
    family: s.family,
    protocol: s.protocol,
    local_address: s.localAddress,
    remote_address: s.remoteAddress,
    local_port: s.localPort,
    remote_port: s.remotePort,
    path: s.path,
    state: s.state,
    net_namespace: s.netNamespace,
  }));
}

export const processOpenSocketsTable: TableSpec = {
  name: 'process_open_sockets',
  columns: socketColumns,
  liveOnly: true,
  generate: generateOpenSockets,
};
