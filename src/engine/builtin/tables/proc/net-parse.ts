/** Pure parsers for a network namespace's socket tables (/proc/<pid>/net/*). */
import { decodeIPv4, decodeIPv6, decodePort } from './inet-address.js';
import { fields, isDecimal } from './values.js';

export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const AF_PACKET = 17;

export interface SocketInfo {
  /** Socket inode, as printed (decimal). */
  inode: string;
  family: number;
  protocol: number;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** Unix socket path ("" when unnamed or not unix). */
  path: string;
  state: string;
}

/** The files of one namespace, in the order osquery reads them, with what each holds. */
export const NET_TABLES: ReadonlyArray<{ file: string; family: number; protocol: number }> = [
  { file: 'icmp', family: AF_INET, protocol: 1 },
  { file: 'icmp6', family: AF_INET6, protocol: 1 },
  { file: 'tcp', family: AF_INET, protocol: 6 },
  { file: 'tcp6', family: AF_INET6, protocol: 6 },
  { file: 'udp', family: AF_INET, protocol: 17 },
  { file: 'udp6', family: AF_INET6, protocol: 17 },
  { file: 'udplite', family: AF_INET, protocol: 136 },
  { file: 'udplite6', family: AF_INET6, protocol: 136 },
  { file: 'raw', family: AF_INET, protocol: 255 },
  { file: 'raw6', family: AF_INET6, protocol: 255 },
  { file: 'unix', family: AF_UNIX, protocol: 0 },
  { file: 'packet', family: AF_PACKET, protocol: 0 },
];

/** TCP states by the kernel's number (include/net/tcp_states.h); 0 and anything past CLOSING are UNKNOWN. */
const TCP_STATES = [
  'UNKNOWN', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSED', 'CLOSE_WAIT',
  'LAST_ACK', 'LISTEN', 'CLOSING',
];

export function tcpState(hex: string): string {
  if (!/^[0-9A-Fa-f]+$/.test(hex)) return 'UNKNOWN';
  return TCP_STATES[parseInt(hex, 16)] ?? 'UNKNOWN';
}

export function parseNetTable(file: string, content: string): SocketInfo[] {
  const table = NET_TABLES.find((t) => t.file === file);
  if (table === undefined) return [];
  if (table.family === AF_UNIX) return parseUnixTable(content);
  if (table.family === AF_PACKET) return parsePacketTable(content);
  return parseInetTable(content, table.family, table.protocol);
}

/** tcp/udp/raw/icmp tables: "sl local rem st ... uid timeout inode". A file with a foreign header yields nothing. */
export function parseInetTable(content: string, family: number, protocol: number): SocketInfo[] {
  const lines = content.split('\n');
  if (!/^\s*s[lk]/.test(lines[0] ?? '')) return [];
  const decode = family === AF_INET6 ? decodeIPv6 : decodeIPv4;
  const sockets: SocketInfo[] = [];
  for (const line of lines.slice(1)) {
    const parts = fields(line);
    if (parts.length < 10) continue;
    const local = (parts[1] as string).split(':');
    const remote = (parts[2] as string).split(':');
    if (local.length !== 2 || remote.length !== 2) continue;
    sockets.push({
      inode: parts[9] as string,
      family,
      protocol,
      localAddress: decode(local[0] as string),
      localPort: decodePort(local[1] as string),
      remoteAddress: decode(remote[0] as string),
      remotePort: decodePort(remote[1] as string),
      path: '',
      state: protocol === 6 ? tcpState(parts[3] as string) : '',
    });
  }
  return sockets;
}

/**
 * /proc/net/unix: "Num RefCount Protocol Flags Type St Inode [Path]". The kernel writes one space before the path
 * and nothing after it, so the path is the rest of the line: names with spaces stay whole.
 */
export function parseUnixTable(content: string): SocketInfo[] {
  const lines = content.split('\n');
  if (!(lines[0] ?? '').startsWith('Num')) return [];
  const sockets: SocketInfo[] = [];
  for (const line of lines.slice(1)) {
    const match = /^\s*(\S+)\s+\S+\s+(\S+)\s+\S+\s+\S+\s+\S+\s+([0-9]+)(?: (.*))?$/.exec(line);
    if (match === null) continue;
    const protocol = parseInt(match[2] as string, 10);
    sockets.push({
      inode: match[3] as string,
      family: AF_UNIX,
      protocol: Number.isFinite(protocol) ? protocol : 0,
      localAddress: '',
      localPort: 0,
      remoteAddress: '',
      remotePort: 0,
      path: match[4] ?? '',
      state: '',
    });
  }
  return sockets;
}

/** /proc/net/packet: "sk RefCnt Type Proto Iface R Rmem User Inode"; protocol is the ethertype, state NONE. */
export function parsePacketTable(content: string): SocketInfo[] {
  const lines = content.split('\n');
  if (!/^\s*s[lk]/.test(lines[0] ?? '')) return [];
  const sockets: SocketInfo[] = [];
  for (const line of lines.slice(1)) {
    const parts = fields(line);
    if (parts.length < 9) continue;
    const proto = parts[3] as string;
    sockets.push({
      inode: parts[8] as string,
      family: AF_PACKET,
      protocol: /^[0-9A-Fa-f]{4}$/.test(proto) ? parseInt(proto, 16) : 0,
      localAddress: '',
      localPort: 0,
      remoteAddress: '',
      remotePort: 0,
      path: '',
      state: 'NONE',
    });
  }
  return sockets;
}

/**
 * The TCP tables of a namespace that its socket counters (/proc/net/sockstat, sockstat6) prove empty, so that
 * their read can be skipped: reading tcp or tcp6 walks the kernel's whole TCP hash (milliseconds on a big host),
 * even for a namespace without one TCP socket. "inuse" counts every hashed socket of the family (listening,
 * connecting, established, closing); TIME_WAIT of both families is counted only as "tw". Anything unexpected
 * proves nothing.
 */
export function emptyTcpTables(sockstat: string | null, sockstat6: string | null): Set<string> {
  const empty = new Set<string>();
  const tcp = sockstat === null ? null : /^TCP: inuse ([0-9]+) orphan [0-9]+ tw ([0-9]+) /m.exec(sockstat);
  if (tcp === null || tcp[2] !== '0') return empty;
  if (tcp[1] === '0') empty.add('tcp');
  const tcp6 = sockstat6 === null ? null : /^TCP6: inuse ([0-9]+)$/m.exec(sockstat6);
  if (tcp6 !== null && tcp6[1] === '0') empty.add('tcp6');
  return empty;
}

/** "socket:[12345]" -> "12345"; null for any other fd target (called once per descriptor: no regex). */
export function socketInode(link: string): string | null {
  if (!link.startsWith('socket:[') || !link.endsWith(']')) return null;
  const inode = link.slice(8, -1);
  return isDecimal(inode) ? inode : null;
}

/** "net:[4026531840]" -> "4026531840"; null when unreadable or malformed. */
export function namespaceInode(link: string | null): string | null {
  const match = link === null ? null : /^net:\[([0-9]+)\]$/.exec(link);
  return match && match[1] !== '0' ? (match[1] as string) : null;
}
