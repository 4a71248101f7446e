import dgram from 'node:dgram';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableRow } from '../../../../src/engine/builtin/table.js';
import { rowsOf, spawnReady, ssEndpoint, ssUsers, stop, table, tool } from './helpers.js';

/** Sockets of this test process as `ss` sees them: one entry per (fd, socket). */
interface SsSocket {
  netid: string;
  state: string;
  local: { address: string; port: string };
  peer: { address: string; port: string };
  fd: number;
  inode: string;
}

async function ssOwn(args: string[]): Promise<SsSocket[]> {
  const out = await tool('ss', [...args, '-H', '-e']);
  const sockets: SsSocket[] = [];
  for (const line of out.split('\n')) {
    const user = ssUsers(line).find((u) => u.pid === process.pid);
    if (user === undefined) continue;
    const parts = line.trim().split(/\s+/);
    const hasNetid = /^(tcp|udp|u_str|u_dgr|u_seq|raw)$/.test(parts[0] ?? '');
    const [netid, state, , , local, peer] = hasNetid ? parts : ['', ...parts];
    sockets.push({
      netid: netid ?? '',
      state: state ?? '',
      local: ssEndpoint(local ?? ''),
      peer: ssEndpoint(peer ?? ''),
      fd: user.fd,
      inode: /ino:([0-9]+)/.exec(line)?.[1] ?? '',
    });
  }
  return sockets;
}

const SS_STATES: Record<string, string> = { LISTEN: 'LISTEN', ESTAB: 'ESTABLISHED', UNCONN: '' };
const scratch = mkdtempSync(join(tmpdir(), 'osq-sock-'));
const ownNamespace = /net:\[([0-9]+)\]/.exec(readlinkSync('/proc/self/ns/net'))?.[1];

let server: net.Server;
let client: net.Socket;
let accepted: net.Socket;
let udp: dgram.Socket;
let server6: net.Server | null = null;
let unixServer: net.Server;
const unixPath = join(scratch, 'with space.sock');

beforeAll(async () => {
  server = net.createServer((socket) => (accepted = socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const connected = new Promise<void>((resolve) => server.once('connection', () => resolve()));
  client = net.connect(port, '127.0.0.1');
  await Promise.all([new Promise<void>((resolve) => client.once('connect', resolve)), connected]);
  udp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  unixServer = net.createServer();
  await new Promise<void>((resolve) => unixServer.listen(unixPath, resolve));
  try {
    const candidate = net.createServer();
    await new Promise<void>((resolve, reject) => {
      candidate.once('error', reject);
      candidate.listen(0, '::1', resolve);
    });
    server6 = candidate;
  } catch {
    server6 = null; // no IPv6 loopback here
  }
});

afterAll(async () => {
  client.destroy();
  accepted.destroy();
  udp.close();
  await Promise.all([server, unixServer, server6].map((s) => new Promise((resolve) => (s ? s.close(resolve) : resolve(null)))));
  rmSync(scratch, { recursive: true, force: true });
});

const own = (rows: TableRow[]): TableRow[] => rows.filter((r) => r.pid === process.pid);

describe('process_open_sockets', () => {
  it('shows our TCP listener, both ends of a loopback connection and a UDP socket', async () => {
    const rows = own(await rowsOf('process_open_sockets'));
    const port = (server.address() as net.AddressInfo).port;
    const base = { pid: process.pid, family: 2, local_address: '127.0.0.1', path: '', net_namespace: ownNamespace };
    expect(rows).toContainEqual(expect.objectContaining({ ...base, protocol: 6, local_port: port, remote_port: 0, state: 'LISTEN' }));
    expect(rows).toContainEqual(
      expect.objectContaining({
        ...base, protocol: 6, local_port: client.localPort, remote_address: '127.0.0.1', remote_port: port,
        state: 'ESTABLISHED',
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ ...base, protocol: 6, local_port: port, remote_port: client.localPort, state: 'ESTABLISHED' }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        ...base, protocol: 17, local_port: udp.address().port, remote_address: '0.0.0.0', remote_port: 0, state: '',
      }),
    );
  });

  it('agrees with ss -tanp / -uanp on every inet socket of this process: fd, inode, addresses, state', async () => {
    const rows = own(await rowsOf('process_open_sockets')).filter((r) => r.family === 2 || r.family === 10);
    const tcp = (await ssOwn(['-tanp'])).map((s) => ({ ...s, protocol: 6 }));
    const udpSeen = (await ssOwn(['-uanp'])).map((s) => ({ ...s, protocol: 17 }));
    const seen = [...tcp, ...udpSeen];
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const s of seen) {
      const row = rows.find((r) => r.fd === s.fd);
      expect(row, `fd ${s.fd} from ss`).toBeDefined();
      expect(String(row?.socket)).toBe(s.inode);
      expect(row?.protocol).toBe(s.protocol);
      expect(String(row?.local_port)).toBe(s.local.port);
      expect(row?.state).toBe(SS_STATES[s.state]);
      if (s.local.address !== '*') expect(row?.local_address).toBe(s.local.address);
      if (s.peer.port !== '*') expect(String(row?.remote_port)).toBe(s.peer.port);
    }
    expect(rows.filter((r) => r.protocol === 6 || r.protocol === 17)).toHaveLength(seen.length);
  });

  it('writes an IPv6 loopback listener as ::1 with family 10', async (context) => {
    if (server6 === null) return context.skip('no IPv6 loopback on this machine');
    const port = (server6.address() as net.AddressInfo).port;
    const rows = own(await rowsOf('process_open_sockets'));
    expect(rows).toContainEqual(
      expect.objectContaining({ family: 10, protocol: 6, local_address: '::1', local_port: port, remote_address: '::', state: 'LISTEN' }),
    );
  });

  it('writes an IPv4 client of a dual-stack listener as an IPv4-mapped address, as ss does', async (context) => {
    const dual = net.createServer();
    const listening = await new Promise<boolean>((resolve) => {
      dual.once('error', () => resolve(false));
      dual.listen(0, '::', () => resolve(true));
    });
    if (!listening) return context.skip('no IPv6 on this machine');
    const port = (dual.address() as net.AddressInfo).port;
    const acceptedHere = new Promise<net.Socket>((resolve) => dual.once('connection', resolve));
    const v4 = net.connect(port, '127.0.0.1');
    const inbound = await acceptedHere;
    try {
      const seen = (await ssOwn(['-tanp'])).find((s) => s.local.port === String(port) && s.state === 'ESTAB');
      expect(seen?.local.address).toBe('::ffff:127.0.0.1');
      const rows = own(await rowsOf('process_open_sockets'));
      expect(rows).toContainEqual(
        expect.objectContaining({
          family: 10, local_address: '::ffff:127.0.0.1', local_port: port, remote_address: '::ffff:127.0.0.1',
          remote_port: v4.localPort, state: 'ESTABLISHED', fd: seen?.fd,
        }),
      );
    } finally {
      v4.destroy();
      inbound.destroy();
      await new Promise((resolve) => dual.close(resolve));
    }
  });

  it('with pid = ours, returns only our sockets (no unowned ones)', async () => {
    const rows = await rowsOf('process_open_sockets', [{ column: 'pid', op: '=', values: [String(process.pid)] }]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.pid === process.pid)).toBe(true);
    const all = own(await rowsOf('process_open_sockets'));
    expect(new Set(rows.map((r) => r.socket))).toEqual(new Set(all.map((r) => r.socket)));
  });

  it('lists unix sockets with their path, protocol 0 and empty addresses', async () => {
    const rows = own(await rowsOf('process_open_sockets'));
    expect(rows).toContainEqual(
      expect.objectContaining({ family: 1, protocol: 0, path: unixPath, local_address: '', remote_address: '', local_port: 0, state: '' }),
    );
  });

  it('reads each network namespace once and labels its sockets with the namespace inode', async (context) => {
    const script = "const s = require('dgram').createSocket('udp4'); s.bind(0, () => process.stdout.write('ready ' + s.address().port))";
    let child: Awaited<ReturnType<typeof spawnReady>>;
    try {
      child = await spawnReady('unshare', ['--net', process.execPath, '-e', script]);
    } catch {
      return context.skip('cannot create a network namespace here (needs root and unshare)');
    }
    try {
      const ns = /net:\[([0-9]+)\]/.exec(readlinkSync(`/proc/${child.pid}/ns/net`))?.[1];
      expect(ns).not.toBe(ownNamespace);
      const inside = (await tool('nsenter', ['-t', String(child.pid), '-n', 'ss', '-uanpH'])).split('\n');
      const line = inside.find((l) => l.includes(`pid=${child.pid},`)) ?? '';
      expect(line, 'ss inside the namespace sees the socket').not.toBe('');
      const fd = ssUsers(line).find((u) => u.pid === child.pid)?.fd;
      const port = Number(ssEndpoint(line.trim().split(/\s+/)[3] ?? '').port);
      const rows = (await rowsOf('process_open_sockets')).filter((r) => r.pid === child.pid);
      expect(rows).toContainEqual(expect.objectContaining({ family: 2, protocol: 17, local_port: port, fd, net_namespace: ns }));
      const outside = await rowsOf('process_open_sockets', [{ column: 'pid', op: '=', values: [String(process.pid)] }]);
      expect(outside.some((r) => r.net_namespace === ns)).toBe(false);
    } finally {
      await stop(child);
    }
  });

  it('declares osquery columns in spec order', () => {
    expect(table('process_open_sockets').columns.map((c) => c.name)).toEqual([
      'pid', 'fd', 'socket', 'family', 'protocol', 'local_address', 'remote_address', 'local_port', 'remote_port', 'path',
      'state', 'net_namespace',
    ]);
  });
});

describe('listening_ports', () => {
  it('agrees with ss -tulnp on what this process listens on', async () => {
    const rows = own(await rowsOf('listening_ports'));
    const seen = await ssOwn(['-tulnp']);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const s of seen) {
      const row = rows.find((r) => r.fd === s.fd);
      expect(row, `fd ${s.fd}`).toMatchObject({
        protocol: s.netid === 'tcp' ? 6 : 17,
        port: Number(s.local.port),
        socket: Number(s.inode),
        path: null,
        net_namespace: ownNamespace,
      });
      if (s.local.address !== '*') expect(row?.address).toBe(s.local.address);
    }
    // A connected TCP socket has a remote port and is not listening.
    expect(rows.some((r) => r.port === client.localPort)).toBe(false);
  });

  it('agrees with ss -xlp on a unix listener at a path with a space: port 0, socket 0, no address', async () => {
    const out = await tool('ss', ['-xlp', '-H']);
    const line = out.split('\n').find((l) => l.includes(`pid=${process.pid},`) && l.includes(unixPath));
    expect(line, 'ss shows the unix listener').toBeDefined();
    const fd = ssUsers(line ?? '').find((u) => u.pid === process.pid)?.fd;
    const rows = own(await rowsOf('listening_ports'));
    expect(rows).toContainEqual({
      pid: process.pid, port: 0, protocol: 0, family: 1, address: null, fd, socket: 0, path: unixPath, net_namespace: ownNamespace,
    });
  });
});
