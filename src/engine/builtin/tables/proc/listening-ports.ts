/**
 * listening_ports, derived from every open socket as osquery derives it: named unix sockets (port 0, socket 0,
 * no address) and inet/inet6 sockets without a remote port (so unconnected UDP and raw sockets count). Other
 * families (packet) pass both tests in osquery's code and are kept too.
 */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { AF_INET, AF_INET6, AF_UNIX } from './net-parse.js';
import { collectSockets, type OwnedSocket } from './socket-scan.js';
import { toInteger } from './values.js';

const columns: Column[] = [
  { name: 'pid', type: 'INTEGER' },
  { name: 'port', type: 'INTEGER' },
  { name: 'protocol', type: 'INTEGER' },
  { name: 'family', type: 'INTEGER' },
  { name: 'address', type: 'TEXT' },
  { name: 'fd', type: 'BIGINT' },
  { name: 'socket', type: 'BIGINT' },
  { name: 'path', type: 'TEXT' },
  { name: 'net_namespace', type: 'TEXT' },
];

export function listeningRow(s: OwnedSocket): TableRow | null {
  const inet = s.family === AF_INET || s.family === AF_INET6;
  if (s.family === AF_UNIX && s.path === '') return null;
  if (inet && s.remotePort !== 0) return null;
  const common = { pid: s.pid, protocol: s.protocol, family: s.family, fd: s.fd, net_namespace: s.netNamespace };
  if (s.family === AF_UNIX) return { ...common, port: 0, socket: 0, path: s.path, address: null };
  return { ...common, port: s.localPort, socket: toInteger(s.inode), address: s.localAddress, path: null };
}

async function generate(ctx: TableContext): Promise<TableRow[]> {
  const sockets = await collectSockets(ctx.hostPath('/proc'), null);
  return sockets.map(listeningRow).filter((row): row is TableRow => row !== null);
}

export const listeningPortsTable: TableSpec = { name: 'listening_ports', columns, liveOnly: true, generate };
