/**
 * Sockets of every process, osquery's way: socket inodes from /proc/<pid>/fd, socket details from the tables of
 * each network namespace (read once per namespace, through a process found in it), joined on inode.
 *
 * Descriptors are read synchronously (hundreds of tiny links: cheapest one after the other, see procfs.ts). A
 * namespace's tables are read asynchronously as soon as its first process is seen: the kernel takes milliseconds
 * to walk its TCP hash for /proc/net/tcp, and on libuv's threadpool that walk runs while the descriptors are read.
 */
import { emptyTcpTables, namespaceInode, NET_TABLES, parseNetTable, socketInode, type SocketInfo } from './net-parse.js';
import { listDirSync, listPidsSync, readLinkSync, readText, readTextSync, statInodeSync } from './procfs.js';
import { isDecimal } from './values.js';

export interface OwnedSocket extends SocketInfo {
  /** -1 when no process we can see holds it. */
  pid: number;
  fd: number;
  /** Namespace inode as text; "0" when it could not be read. */
  netNamespace: string;
}

type NamespaceSockets = Array<SocketInfo & { netNamespace: string }>;

interface ProcessSockets {
  pid: string;
  namespace: string | null;
  /** [socket inode, fd], in fd order. */
  held: Array<[string, number]>;
}

/**
 * All sockets, or those of the given pids only (then unowned sockets are left out, as osquery does). A shared
 * socket gets one row, held by the pid osquery would name: the last in its text order, at that pid's highest fd.
 */
export async function collectSockets(procRoot: string, onlyPids: string[] | null): Promise<OwnedSocket[]> {
  const pids = onlyPids ?? listPidsSync(procRoot);
  const reads = new Map<string, Promise<NamespaceSockets | null>>();
  let inFlight = 0;
  const startRead = (ns: string, pid: string): void => {
    if (reads.has(ns)) return;
    inFlight++;
    reads.set(ns, readNamespace(procRoot, [pid], ns).finally(() => inFlight--));
  };
  const processes: ProcessSockets[] = [];
  for (const pid of pids) {
    processes.push(processSockets(procRoot, pid, startRead));
    // A namespace read moves on (open, each read, close) only when this thread lets its callbacks run.
    if (inFlight > 0) await nextTurn();
  }

  const owners = new Map<string, { pid: number; fd: number }>();
  const members = new Map<string, string[]>();
  const unnamed: string[] = [];
  for (const proc of processes) {
    for (const [inode, fd] of proc.held) owners.set(inode, { pid: Number(proc.pid), fd });
    if (proc.namespace === null) unnamed.push(proc.pid);
    else {
      const list = members.get(proc.namespace);
      if (list === undefined) members.set(proc.namespace, [proc.pid]);
      else list.push(proc.pid);
    }
  }

  const sockets = new Map<string, SocketInfo & { netNamespace: string }>();
  const keep = (list: NamespaceSockets | null): void => {
    for (const socket of list ?? []) {
      const key = identity(socket);
      if (!sockets.has(key)) sockets.set(key, socket);
    }
  };
  // Namespaces in the order of their first process, as osquery meets them.
  for (const [ns, nsPids] of members) {
    keep((await reads.get(ns)) ?? (await readNamespace(procRoot, nsPids, ns)));
  }
  for (const groupPids of unnamedNamespaces(procRoot, unnamed, [...members.values()])) {
    keep(await readNamespace(procRoot, groupPids, '0'));
  }

  const rows: OwnedSocket[] = [];
  for (const socket of sockets.values()) {
    const owner = owners.get(socket.inode);
    if (owner === undefined && onlyPids !== null) continue;
    rows.push({ ...socket, pid: owner?.pid ?? -1, fd: owner?.fd ?? -1 });
  }
  return rows;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Inodes are unique per socket; TIME_WAIT entries all carry inode 0 and are told apart by their addresses. */
function identity(socket: SocketInfo): string {
  if (socket.inode !== '0') return socket.inode;
  const { family, protocol, localAddress, localPort, remoteAddress, remotePort } = socket;
  return [family, protocol, localAddress, localPort, remoteAddress, remotePort].join('|');
}

function processSockets(procRoot: string, pid: string, onNamespace: (ns: string, pid: string) => void): ProcessSockets {
  const dir = `${procRoot}/${pid}`;
  const namespace = namespaceInode(readLinkSync(`${dir}/ns/net`));
  if (namespace !== null) onNamespace(namespace, pid);
  const fds: number[] = [];
  for (const name of listDirSync(`${dir}/fd`) ?? []) if (isDecimal(name)) fds.push(Number(name));
  fds.sort((a, b) => a - b);
  const held: Array<[string, number]> = [];
  for (const fd of fds) {
    const inode = socketInode(readLinkSync(`${dir}/fd/${fd}`) ?? '');
    if (inode !== null) held.push([inode, fd]);
  }
  return { pid, namespace, held };
}

/**
 * Processes whose ns/net link we may not read (osquery files their sockets under namespace 0), grouped by
 * namespace, leaving out the namespaces already read. The kernel creates /proc/<pid>/net/tcp once per network
 * namespace and stat needs no ptrace right, so that entry's inode tells the namespaces apart.
 */
function unnamedNamespaces(procRoot: string, unnamed: string[], named: string[][]): string[][] {
  if (unnamed.length === 0) return [];
  const tablesKey = (pid: string): string | null => {
    for (const file of ['tcp', 'unix']) {
      const inode = statInodeSync(`${procRoot}/${pid}/net/${file}`);
      if (inode !== null) return `${file}:${inode}`;
    }
    return null;
  };
  const knownKeys = new Set(named.map((nsPids) => tablesKey(nsPids[0] as string)));
  const keys = unnamed.map(tablesKey);
  const groups = new Map<string, string[]>();
  unnamed.forEach((pid, index) => {
    const key = keys[index] ?? null;
    if (key !== null && knownKeys.has(key)) return;
    groups.set(key ?? 'unknown', [...(groups.get(key ?? 'unknown') ?? []), pid]);
  });
  return [...groups.values()];
}

/**
 * Every socket table of one namespace, read through the first of its processes that is still there. TCP tables
 * the namespace's counters prove empty are not read (see emptyTcpTables).
 */
async function readNamespace(procRoot: string, pids: string[], netNamespace: string): Promise<NamespaceSockets | null> {
  for (const pid of pids) {
    const dir = `${procRoot}/${pid}/net`;
    const empty = emptyTcpTables(readTextSync(`${dir}/sockstat`), readTextSync(`${dir}/sockstat6`));
    const contents = await Promise.all(
      NET_TABLES.map((t) => (empty.has(t.file) ? Promise.resolve('') : readText(`${dir}/${t.file}`, 'records'))),
    );
    if (contents.every((content) => content === null || content === '')) continue;
    return NET_TABLES.flatMap((table, index) => {
      const content = contents[index];
      if (content === null || content === undefined || content === '') return [];
      return parseNetTable(table.file, content).map((socket) => ({ ...socket, netNamespace }));
    });
  }
  return null;
}
