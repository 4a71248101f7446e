/**
 * Sockets of every process, osquery's way: socket inodes from /proc/<pid>/fd, socket details from the tables of
 * each network namespace (read once per namespace, through a process found in it), joined on inode.
 */
import { namespaceInode, NET_TABLES, parseNetTable, socketInode, type SocketInfo } from './net-parse.js';
import { listDir, listPids, mapBounded, readLink, readText, statInode } from './procfs.js';

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

const PROCESS_BATCH = 16;
const LINK_BATCH = 64;

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
    if (!reads.has(ns)) reads.set(ns, readNamespace(procRoot, [pid], ns));
  };
  const processes = await mapBounded(pids, PROCESS_BATCH, (pid) => processSockets(procRoot, pid, startRead));

  const owners = new Map<string, { pid: number; fd: number }>();
  const members = new Map<string, string[]>();
  const unnamed: string[] = [];
  for (const proc of processes) {
    for (const [inode, fd] of proc.held) owners.set(inode, { pid: Number(proc.pid), fd });
    if (proc.namespace === null) unnamed.push(proc.pid);
    else members.set(proc.namespace, [...(members.get(proc.namespace) ?? []), proc.pid]);
  }

  const sockets = new Map<string, SocketInfo & { netNamespace: string }>();
  const keep = (list: NamespaceSockets | null): void => {
    for (const socket of list ?? []) if (!sockets.has(identity(socket))) sockets.set(identity(socket), socket);
  };
  // Namespaces in the order of their first process, as osquery meets them.
  for (const [ns, nsPids] of members) {
    keep((await reads.get(ns)) ?? (await readNamespace(procRoot, nsPids, ns)));
  }
  for (const groupPids of await unnamedNamespaces(procRoot, unnamed, [...members.values()])) {
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

/** Inodes are unique per socket; TIME_WAIT entries all carry inode 0 and are told apart by their addresses. */
function identity(socket: SocketInfo): string {
  if (socket.inode !== '0') return socket.inode;
  const { family, protocol, localAddress, localPort, remoteAddress, remotePort } = socket;
  return [family, protocol, localAddress, localPort, remoteAddress, remotePort].join('|');
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
 * Processes whose ns/net link we may not read (osquery files their sockets under namespace 0), grouped by
 * namespace, leaving out the namespaces already read. The kernel creates /proc/<pid>/net/tcp once per network
 * namespace and stat needs no ptrace right, so that entry's inode tells the namespaces apart.
 */
async function unnamedNamespaces(procRoot: string, unnamed: string[], named: string[][]): Promise<string[][]> {
  const tablesKey = async (pid: string): Promise<string | null> => {
    for (const file of ['tcp', 'unix']) {
      const inode = await statInode(`${procRoot}/${pid}/net/${file}`);
      if (inode !== null) return `${file}:${inode}`;
    }
    return null;
  };
  const knownKeys = new Set(await mapBounded(named, 4, (nsPids) => tablesKey(nsPids[0] as string)));
  const keys = await mapBounded(unnamed, LINK_BATCH, tablesKey);
  const groups = new Map<string, string[]>();
  unnamed.forEach((pid, index) => {
    const key = keys[index] ?? null;
    if (key !== null && knownKeys.has(key)) return;
    groups.set(key ?? 'unknown', [...(groups.get(key ?? 'unknown') ?? []), pid]);
  });
  return [...groups.values()];
}

/** Every socket table of one namespace, read through the first of its processes that is still there. */
async function readNamespace(procRoot: string, pids: string[], netNamespace: string): Promise<NamespaceSockets | null> {
  for (const pid of pids) {
    const contents = await Promise.all(NET_TABLES.map((t) => readText(`${procRoot}/${pid}/net/${t.file}`, 'records')));
    if (contents.every((content) => content === null)) continue;
    return NET_TABLES.flatMap((table, index) => {
      const content = contents[index];
      if (content === null || content === undefined) return [];
      return parseNetTable(table.file, content).map((socket) => ({ ...socket, netNamespace }));
    });
  }
  return null;
}
