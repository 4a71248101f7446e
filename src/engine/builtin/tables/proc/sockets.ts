/**
 * Sockets of every process, osquery's way: socket inodes from /proc/<pid>/fd, socket details from the tables of
 * each network namespace (read once per namespace, through the first process found in it), joined on inode.
 */
import { stat } from 'node:fs';
import type { Column, TableContext, TableRow, TableSpec } from '../../table.js';
import { namespaceInode, NET_TABLES, parseNetTable, socketInode, type SocketInfo } from './net-parse.js';
import { compareText, listDir, listPids, mapBounded, readLink, readText } from './procfs.js';
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

type NamespaceSockets = Array<SocketInfo & { netNamespace: string }>;

/**
 * All sockets, or those of the given pids only (then unowned sockets are left out, as osquery does). A shared
 * socket gets one row, held by the pid osquery would name: the last in its text order, at that pid's highest fd.
 * A namespace's tables are read as soon as its first process is seen, while descriptors are still being scanned
 * (the kernel takes milliseconds to walk its TCP hash for /proc/net/tcp).
 */
export async function collectSockets(procRoot: string, onlyPids: string[] | null): Promise<OwnedSocket[]> {
  const pids = onlyPids ?? (await listPids(procRoot));
  const reads = new Map<string, Promise<NamespaceSockets | null>>();
  const startRead = (ns: string, pid: string): void => {
    if (!reads.has(ns)) reads.set(ns, readNamespace(procRoot, pid, ns));
  };
  const processes = await mapBounded(pids, PROCESS_BATCH, (pid) => processSockets(procRoot, pid, startRead));

  const owners = new Map<string, { pid: number; fd: number }>();
  const members = new Map<string, string[]>();
  const unknownNamespace: string[] = [];
  for (const proc of processes) {
    for (const [inode, fd] of proc.held) owners.set(inode, { pid: Number(proc.pid), fd });
    if (proc.namespace === null) unknownNamespace.push(proc.pid);
    else members.set(proc.namespace, [...(members.get(proc.namespace) ?? []), proc.pid]);
  }

  const seen = new Set<string>();
  const sockets: NamespaceSockets = [];
  // Namespaces in the order of their first process, as osquery meets them.
  for (const [ns, nsPids] of members) {
    let list = (await reads.get(ns)) ?? null;
    for (let i = 0; list === null && i < nsPids.length; i++) list = await readNamespace(procRoot, nsPids[i] as string, ns);
    for (const socket of list ?? []) {
      seen.add(identity(socket));
      sockets.push(socket);
    }
  }
  // Processes whose namespace link we may not read: osquery files their sockets under namespace 0. Group them by
  // their namespace's table inode, skip the namespaces already read, and read each remaining one once.
  const knownTables = new Set(await mapBounded([...members.values()], 4, (nsPids) => tablesKey(procRoot, nsPids[0] as string)));
  const unknownKeys = await mapBounded(unknownNamespace, LINK_BATCH, (pid) => tablesKey(procRoot, pid));
  const groups = new Map<string, string[]>();
  unknownNamespace.forEach((pid, index) => {
    const key = unknownKeys[index] ?? null;
    if (key !== null && knownTables.has(key)) return;
    groups.set(key ?? 'unreadable', [...(groups.get(key ?? 'unreadable') ?? []), pid]);
  });
  for (const groupPids of groups.values()) {
    let list: NamespaceSockets | null = null;
    for (let i = 0; list === null && i < groupPids.length; i++) list = await readNamespace(procRoot, groupPids[i] as string, '0');
    for (const socket of list ?? []) {
      if (seen.has(identity(socket))) continue;
      seen.add(identity(socket));
      sockets.push(socket);
    }
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

async function processSockets(
  procRoot: string,
  pid: string,
  onNamespace: (ns: string, pid: string) => void,
): Promise<ProcessSockets> {
  const dir = `${procRoot}/${pid}`;
  const namespace = readLink(`${dir}/ns/net`).then((link) => {
    const ns = namespaceInode(link);
    if (ns !== null) onNamespace(ns, pid);
    return ns;
  });
  const [names, ns] = await Promise.all([listDir(`${dir}/fd`), namespace]);
  const fds = (names ?? []).filter((name) => /^[0-9]+$/.test(name)).map(Number).sort((a, b) => a - b);
  const links = await mapBounded(fds, LINK_BATCH, (fd) => readLink(`${dir}/fd/${fd}`));
  const held: Array<[string, number]> = [];
  fds.forEach((fd, index) => {
    const inode = socketInode(links[index] ?? '');
    if (inode !== null) held.push([inode, fd]);
  });
  return { pid, namespace: ns, held };
}

/**
 * The inode of a process's /proc/<pid>/net/tcp (or unix) entry. The kernel creates these entries once per network
 * namespace, and stat needs no ptrace right, so it tells namespaces apart where ns/net cannot be read.
 */
async function tablesKey(procRoot: string, pid: string): Promise<string | null> {
  for (const file of ['tcp', 'unix']) {
    const inode = await statInode(`${procRoot}/${pid}/net/${file}`);
    if (inode !== null) return `${file}:${inode}`;
  }
  return null;
}

function statInode(path: string): Promise<string | null> {
  return new Promise((resolve) => stat(path, { bigint: true }, (error, stats) => resolve(error ? null : stats.ino.toString())));
}

/** Every socket table of one namespace, read through one of its processes; null when none could be read. */
async function readNamespace(procRoot: string, pid: string, netNamespace: string): Promise<NamespaceSockets | null> {
  const contents = await Promise.all(NET_TABLES.map((t) => readText(`${procRoot}/${pid}/net/${t.file}`, 'records')));
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
