import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeIPv4, decodeIPv6, formatIPv6 } from '../../../../src/engine/builtin/tables/proc/inet-address.js';
import { listeningRow } from '../../../../src/engine/builtin/tables/proc/listening-ports.js';
import { parseMaps } from '../../../../src/engine/builtin/tables/proc/memory-map.js';
import { parseModules } from '../../../../src/engine/builtin/tables/proc/kernel-modules.js';
import { parseMounts } from '../../../../src/engine/builtin/tables/proc/mounts.js';
import {
  emptyTcpTables, namespaceInode, parseInetTable, parsePacketTable, parseUnixTable, socketInode, tcpState,
} from '../../../../src/engine/builtin/tables/proc/net-parse.js';
import { isFileTarget } from '../../../../src/engine/builtin/tables/proc/open-files.js';
import { parseCmdline, parseCmdlineText, parseStat, parseStatus } from '../../../../src/engine/builtin/tables/proc/process-parse.js';
import { canonicalHostname, countCpuList, parseCpuinfo } from '../../../../src/engine/builtin/tables/proc/system-info.js';
import { parseUptime, uptimeRow } from '../../../../src/engine/builtin/tables/proc/uptime.js';
import { isDecimal, pinnedPids, toInteger, trimAscii } from '../../../../src/engine/builtin/tables/proc/values.js';

const execFileAsync = promisify(execFile);

describe('addresses', () => {
  it('formats IPv6 exactly as the C library inet_ntop does', async (context) => {
    const samples: number[][] = [
      new Array(16).fill(0),
      [...new Array(15).fill(0), 1],
      [...new Array(10).fill(0), 0xff, 0xff, 127, 0, 0, 1],
      [...new Array(12).fill(0), 10, 1, 2, 3],
      [...new Array(10).fill(0), 0xff, 0xff, 0, 0, 0, 0],
      [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1],
      [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
      [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x1a, 0x2b, 0xff, 0xfe, 0x3c, 0x4d, 0x5e],
      [0, 1, ...new Array(14).fill(0)],
      [...new Array(14).fill(0), 0xab, 0xcd],
    ];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 60; i++) samples.push(Array.from({ length: 16 }, () => (next() < 0.5 ? 0 : Math.floor(next() * 256))));
    let oracle: string[];
    try {
      const script = 'import socket,sys\nfor h in sys.argv[1:]: print(socket.inet_ntop(socket.AF_INET6, bytes.fromhex(h)))';
      const hex = samples.map((b) => Buffer.from(b).toString('hex'));
      oracle = (await execFileAsync('python3', ['-c', script, ...hex])).stdout.trim().split('\n');
    } catch {
      return context.skip('python3 (the inet_ntop oracle) is not available');
    }
    expect(samples.map(formatIPv6)).toEqual(oracle);
  });

  it('reads /proc/net words in host order', () => {
    expect(decodeIPv4('0100007F')).toBe('127.0.0.1');
    expect(decodeIPv4('00000000')).toBe('0.0.0.0');
    expect(decodeIPv4('0100007')).toBe('');
    expect(decodeIPv6('00000000000000000000000001000000')).toBe('::1');
    expect(decodeIPv6('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
    expect(decodeIPv6('B80D0120000000000000000001000000')).toBe('2001:db8::1');
  });
});

describe('socket tables', () => {
  it('parses tcp lines, with states by number', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:A4EF 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 36480 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:E620 0100007F:A4EF 01 00000000:00000000 00:00000000 00000000     0        0 36481 1 0000000000000000 20 4 30 10 -1',
      '   2: 0100007F:E621 0100007F:A4EF 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000',
      'garbage',
    ].join('\n');
    const sockets = parseInetTable(tcp, 2, 6);
    expect(sockets.map((s) => [s.inode, s.localPort, s.remoteAddress, s.remotePort, s.state])).toEqual([
      ['36480', 42223, '0.0.0.0', 0, 'LISTEN'],
      ['36481', 58912, '127.0.0.1', 42223, 'ESTABLISHED'],
      ['0', 58913, '127.0.0.1', 42223, 'TIME_WAIT'],
    ]);
    expect(parseInetTable('not a header\n0: 0100007F:0001 00000000:0000 07 0 0 0 0 0 5', 2, 17)).toEqual([]);
    expect([tcpState('00'), tcpState('0B'), tcpState('0C'), tcpState('zz')]).toEqual(['UNKNOWN', 'CLOSING', 'UNKNOWN', 'UNKNOWN']);
  });

  it('keeps unix paths whole (spaces, abstract names) and leaves unnamed ones empty', () => {
    const unix = [
      'Num       RefCount Protocol Flags    Type St Inode Path',
      '00000000b4c72e87: 00000002 00000000 00010000 0001 01 37094 /tmp/x y.sock',
      '00000000c47f3c6c: 00000003 00000000 00000000 0001 03  1607',
      '00000000d47f3c6c: 00000002 00000000 00010000 0001 01 41000 @/tmp/.X11-unix/X0',
    ].join('\n');
    expect(parseUnixTable(unix).map((s) => [s.inode, s.path, s.family, s.protocol, s.state])).toEqual([
      ['37094', '/tmp/x y.sock', 1, 0, ''],
      ['1607', '', 1, 0, ''],
      ['41000', '@/tmp/.X11-unix/X0', 1, 0, ''],
    ]);
  });

  it('reads packet sockets with their ethertype and state NONE', () => {
    const packet = 'sk       RefCnt Type Proto  Iface R Rmem   User   Inode\nffff8e2b 3      3    0003   2     1 0      0      24680';
    expect(parsePacketTable(packet)).toEqual([
      {
        inode: '24680', family: 17, protocol: 3, localAddress: '', localPort: 0, remoteAddress: '', remotePort: 0,
        path: '', state: 'NONE',
      },
    ]);
  });

  it('skips only the TCP tables the namespace counters prove empty', () => {
    const sockstat = (inuse: number, tw: number): string =>
      `sockets: used 13\nTCP: inuse ${inuse} orphan 0 tw ${tw} alloc 1 mem 238\nUDP: inuse 0 mem 0\n`;
    const sockstat6 = (inuse: number): string => `TCP6: inuse ${inuse}\nUDP6: inuse 0\nUDPLITE6: inuse 0\n`;
    expect([...emptyTcpTables(sockstat(0, 0), sockstat6(0))]).toEqual(['tcp', 'tcp6']);
    expect([...emptyTcpTables(sockstat(1, 0), sockstat6(0))]).toEqual(['tcp6']);
    expect([...emptyTcpTables(sockstat(0, 0), sockstat6(10))]).toEqual(['tcp']);
    // TIME_WAIT sockets of either family are counted only in "tw": both tables must be read.
    expect([...emptyTcpTables(sockstat(0, 2), sockstat6(0))]).toEqual([]);
    // Unreadable or unfamiliar counters prove nothing.
    expect([...emptyTcpTables(null, sockstat6(0))]).toEqual([]);
    expect([...emptyTcpTables('TCP: inuse 0\n', sockstat6(0))]).toEqual([]);
    expect([...emptyTcpTables(sockstat(0, 0), null)]).toEqual(['tcp']);
    expect([...emptyTcpTables(sockstat(0, 0), 'TCP6: inuse x\n')]).toEqual(['tcp']);
  });

  it('takes socket and namespace inodes only from well-formed links', () => {
    expect(socketInode('socket:[12345]')).toBe('12345');
    for (const link of ['socket:[]', 'socket:[12a]', 'socket:[1] ', 'xsocket:[1]', 'pipe:[5]', '/tmp/socket:[1]', '']) {
      expect(socketInode(link), link).toBeNull();
    }
    expect(namespaceInode('net:[4026531840]')).toBe('4026531840');
    expect([namespaceInode(null), namespaceInode('net:[0]'), namespaceInode('net:[x]')]).toEqual([null, null, null]);
  });

  it('derives listening ports as osquery does', () => {
    const base = {
      inode: '9', protocol: 6, localAddress: '1.2.3.4', localPort: 80, remoteAddress: '0.0.0.0', remotePort: 0,
      path: '', state: 'LISTEN', pid: 5, fd: 3, netNamespace: '7',
    };
    expect(listeningRow({ ...base, family: 2 })).toEqual({
      pid: 5, port: 80, protocol: 6, family: 2, address: '1.2.3.4', fd: 3, socket: 9, path: null, net_namespace: '7',
    });
    expect(listeningRow({ ...base, family: 2, remotePort: 5555 })).toBeNull();
    expect(listeningRow({ ...base, family: 1, protocol: 0, path: '' })).toBeNull();
    expect(listeningRow({ ...base, family: 1, protocol: 0, path: '/run/x' })).toMatchObject({
      port: 0, socket: 0, address: null, path: '/run/x',
    });
    const packet = { ...base, family: 17, protocol: 3, localAddress: '', localPort: 0, state: 'NONE' };
    expect(listeningRow(packet)).toMatchObject({ family: 17, port: 0, address: '', socket: 9 });
  });
});

describe('process files', () => {
  it('reads stat fields after the last parenthesis, whatever the name holds', () => {
    const stat = '4242 (a) b (c) S 1 4242 4242 0 -1 4194560 10 0 0 0 7 3 0 0 20 0 2 0 1234 1000 100 18446744073709551615\n';
    expect(parseStat(stat)).toEqual({
      state: 'S', parent: '1', pgroup: '4242', userTicks: '7', systemTicks: '3', nice: '0', threads: '2', startTicks: '1234',
    });
    expect(parseStat('4242 (x) S 1')).toBeNull();
    expect(parseStat('no paren')).toBeNull();
  });

  it('reads names, ids and KiB sizes from status; kernel threads have no sizes', () => {
    const status = 'Name:\tnginx: worker\nUid:\t33\t33\t33\t33\nGid:\t33\t34\t35\t33\nVmSize:\t  10 kB\nVmRSS:\t       3 kB\n';
    expect(parseStatus(status)).toEqual({
      name: 'nginx: worker', uids: ['33', '33', '33'], gids: ['33', '34', '35'], residentBytes: 3072, totalBytes: 10240,
      hasMemory: true,
    });
    expect(parseStatus('Name:\tkthreadd\nUid:\t0\t0\t0\t0\n')).toMatchObject({ residentBytes: null, totalBytes: null, hasMemory: false });
    expect(parseStatus('Name:\tx\nVmSize:\tgarbage\nUid:\t1\t2\t3\t4')).toMatchObject({ totalBytes: null, hasMemory: true, uids: ['1', '2', '3'] });
  });

  it('joins argv with spaces, trims only ASCII whitespace at the ends, and takes the same text as bytes', () => {
    const argv = ['/bin/x', '', 'a b', '\u00a0'];
    const raw = Buffer.from(`${argv.join('\0')}\0`);
    expect(parseCmdline(raw)).toBe('/bin/x  a b \u00a0');
    expect(parseCmdlineText(raw.toString('utf8'))).toBe(parseCmdline(raw));
    expect(trimAscii(' \t\v\f\r\nx y\n\u00a0')).toBe('x y\n\u00a0');
    expect(trimAscii(' \t ')).toBe('');
    // A long inner run of spaces (a process with that many empty arguments) is kept, in one linear pass.
    const wide = `a${' '.repeat(200_000)}b`;
    expect(trimAscii(`  ${wide}  `)).toBe(wide);
  });

  it('reads integers only from plain decimal text', () => {
    expect([toInteger('42'), toInteger('-7'), toInteger('9007199254740993')]).toEqual([42, -7, 9007199254740993n]);
    for (const text of ['', '-', '4 2', '+4', '0x10', '1e3', ' 1', undefined]) expect(toInteger(text), String(text)).toBeNull();
    expect([isDecimal('0123'), isDecimal(''), isDecimal('12a'), isDecimal('١٢')]).toEqual([true, false, false, false]);
  });

  it('keeps map paths whole, deleted mark included, and flags pseudo regions', () => {
    const maps = [
      '55d0c3a00000-55d0c3a21000 r-xp 00001000 fd:01 1234        /tmp/my lib.so (deleted)',
      '7ffd5c3e0000-7ffd5c401000 rw-p 00000000 00:00 0          [stack]',
      '7f0000000000-7f0000001000 rw-p 00000000 00:00 0 ',
    ].join('\n');
    expect(parseMaps(9, maps)).toEqual([
      {
        pid: 9, start: '0x55d0c3a00000', end: '0x55d0c3a21000', permissions: 'r-xp', offset: 4096, device: 'fd:01',
        inode: 1234, path: '/tmp/my lib.so (deleted)', pseudo: 0,
      },
      {
        pid: 9, start: '0x7ffd5c3e0000', end: '0x7ffd5c401000', permissions: 'rw-p', offset: 0, device: '00:00',
        inode: 0, path: '[stack]', pseudo: 1,
      },
      {
        pid: 9, start: '0x7f0000000000', end: '0x7f0000001000', permissions: 'rw-p', offset: 0, device: '00:00',
        inode: 0, path: '', pseudo: 0,
      },
    ]);
  });

  it('does not let a file named like a pipe hide', () => {
    expect(isFileTarget('/tmp/pipe:[1] evil')).toBe(true);
    expect(isFileTarget('pipe:[123]')).toBe(false);
    expect(isFileTarget('socket:[1]')).toBe(false);
    expect(isFileTarget('anon_inode:[eventfd]')).toBe(false);
  });
});

describe('system files', () => {
  it('undoes the octal escapes of /proc/mounts', () => {
    expect(parseMounts('/dev/sdb1 /media/my\\040disk\\011x vfat rw,relatime 0 0\n# note\n')).toEqual([
      { device: '/dev/sdb1', path: '/media/my disk\tx', type: 'vfat', flags: 'rw,relatime' },
    ]);
  });

  it('reads module lines without trailing commas', () => {
    expect(parseModules('nf_nat 49152 2 xt_MASQUERADE,nft_chain_nat, Live 0xffffffffc0a00000\nbad line\n')).toEqual([
      { name: 'nf_nat', size: 49152, used_by: 'xt_MASQUERADE,nft_chain_nat', status: 'Live', address: '0xffffffffc0a00000' },
    ]);
  });

  it('counts CPUs, cores and sockets as osquery does', () => {
    expect(countCpuList('0-3,8-11\n')).toBe(8);
    expect(countCpuList('0\n')).toBe(1);
    const block = (p: number, phys: number, core: number): string =>
      `processor\t: ${p}\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R)\nmicrocode\t: 0x5003604\n` +
      `physical id\t: ${phys}\nsiblings\t: 4\ncore id\t\t: ${core}\n\n`;
    // two sockets, two cores each, two threads per core
    const info = [0, 1, 2, 3, 4, 5, 6, 7].map((p) => block(p, p >> 2, (p >> 1) & 1)).join('');
    expect(parseCpuinfo(info)).toEqual({ subtype: '85', brand: 'Intel(R) Xeon(R)', microcode: '0x5003604', siblings: 4, physicalCores: 4 });
  });

  it('takes the canonical host name from /etc/hosts', () => {
    const hosts = '127.0.0.1 localhost\n# 10.0.0.9 web\n127.0.1.1 web.example.org web\n';
    expect(canonicalHostname('web', hosts)).toBe('web.example.org');
    expect(canonicalHostname('db', hosts)).toBe('db');
  });

  it('rounds a started second up, as sysinfo does', () => {
    expect(parseUptime('90061.00 1.0\n')).toBe(90061);
    expect(parseUptime('90061.01 1.0\n')).toBe(90062);
    expect(uptimeRow(90061)).toEqual({ days: 1, hours: 1, minutes: 1, seconds: 1, total_seconds: 90061 });
  });
});

describe('pid constraints', () => {
  it('narrows only on plain numbers, intersecting several constraints', () => {
    expect(pinnedPids([])).toBeNull();
    expect(pinnedPids([{ column: 'pid', op: '=', values: ['0012'] }])).toEqual(new Set([12]));
    expect(pinnedPids([{ column: 'pid', op: 'LIKE', values: ['1%'] }])).toBeNull();
    expect(pinnedPids([{ column: 'pid', op: 'IN', values: ['1', 'abc'] }])).toBeNull();
    expect(pinnedPids([{ column: 'uid', op: '=', values: ['0'] }])).toBeNull();
    expect(pinnedPids([
      { column: 'pid', op: 'IN', values: ['1', '2', '3'] },
      { column: 'PID', op: '=', values: ['2'] },
    ])).toEqual(new Set([2]));
  });
});
