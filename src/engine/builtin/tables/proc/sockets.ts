/**
 * Sockets of every process, osquery's way: socket inodes from /proc/<pid>/fd, socket details from the tables of
 * each network namespace (read once per namespace, through the first process found in it), joined on inode.
 */
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { listDir, listPids, mapBounded, readLink, readText } from './procfs.js';
import { namespaceInode, NET_TABLES, parseNetTable, socketInode, type SocketInfo } from './net-parse.js';
import { compareText } from './procfs.js';
import { pinnedPids, toInteger } from './values.js';

export interface OwnedSocket extends SocketInfo {
  /** -1 when no process we can see holds it. */
  pid: number;
  fd: number;
  /** Namespace inode as text; "0" when it could not be read. */
  netNamespace: string;
}

interface ProcessSockets {
  pid: string;
  namespace: string | null;
  /** [socket inode, fd], in fd order. */
  held: Array<[string, number]>;
}

const PROCESS_BATCH = 16;
const LINK_BATCH = 64;

/**
 * All sockets, or those of the given pids only (then unowned sockets are left out, as osquery does). A shared
 * socket gets one row, held by the pid osquery would name: the last in its text order, at that pid's highest fd.
 */
export async function collectSockets(procRoot: string, onlyPids: string[] | null): Promise<OwnedSocket[]> {
  const pids = onlyPids ?? (await listPids(procRoot));
  const processes = await mapBounded(pids, PROCESS_BATCH, (pid) => processSockets(procRoot, pid));

  const owners = new Map<string, { pid: number; fd: number }>();
  const namespaces = new Map<string, string>();
  const unknownNamespace: string[] = [];
  for (const proc of processes) {
    for (const [inode, fd] of proc.held) owners.set(inode, { pid: Number(proc.pid), fd });
    if (proc.namespace === null) unknownNamespace.push(proc.pid);
    else if (!namespaces.has(proc.namespace)) namespaces.set(proc.namespace, proc.pid);
  }

  const known = await mapBounded([...namespaces], 4, ([ns, pid]) => readNamespace(procRoot, pid, ns));
  const seen = new Set<string>();
  const sockets: Array<SocketInfo & { netNamespace: string }> = [];
  for (const list of known) {
    for (const socket of list) {
      seen.add(identity(socket));
      sockets.push(socket);
    }
  }
  // Processes whose namespace link we may not read: osquery files their sockets under namespace 0. Read one such
  // process's tables and keep only sockets not already found in a namespace we could name.
  for (const pid of unknownNamespace) {
    const list = await readNamespace(procRoot, pid, '0');
    if (list === null) continue;
    for (const socket of list) if (!seen.has(identity(socket))) sockets.push(socket);
    break;
  }

  const rows: OwnedSocket[] = [];
  for (const socket of sockets) {
    const owner = owners.get(socket.inode);
    if (owner === undefined && onlyPids !== null) continue;
    rows.push({ ...socket, pid: owner?.pid ?? -1, fd: owner?.fd ?? -1 });
  }
  return rows;
}

/** Inodes are unique per socket; TIME_WAIT entries all carry inode 0 and are told apart by their addresses. */
function identity(socket: SocketInfo): string {
  if (socket.inode !== '0') return socket.inode;
  return [socket.family, socket.protocol, socket.localAddress, socket.localPort, socket.remoteAddress, socket.remotePort]
    .join('|');
}

async function processSockets(procRoot: string, pid: string): Promise<ProcessSockets> {
  const dir = `${procRoot}/${pid}`;
  const [names, nsLink] = await Promise.all([listDir(`${dir}/fd`), readLink(`${dir}/ns/net`)]);
  const fds = (names ?? []).filter((name) => /^[0-9]+$/.test(name)).map(Number).sort((a, b) => a - b);
  const links = await mapBounded(fds, LINK_BATCH, (fd) => readLink(`${dir}/fd/${fd}`));
  const held: Array<[string, number]> = [];
  fds.forEach((fd, index) => {
    const inode = socketInode(links[index] ?? '');
    if (inode !== null) held.push([inode, fd]);
  });
  return { pid, namespace: namespaceInode(nsLink), held };
}

/** Every socket table of one namespace, read through one of its processes; null when none could be read. */
async function readNamespace(
  procRoot: string,
  pid: string,
  netNamespace: string,
): Promise<Array<SocketInfo & { netNamespace: string }> | null> {
  const contents = await Promise.all(NET_TABLES.map((t) => readText(`${procRoot}/${pid}/net/${t.file}`)));
  if (contents.every((content) => content === null)) return null;
  return NET_TABLES.flatMap((table, index) => {
    const content = contents[index];
    if (content === null || content === undefined) return [];
    return parseNetTable(table.file, content).map((socket) => ({ ...socket, netNamespace }));
  });
}

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
