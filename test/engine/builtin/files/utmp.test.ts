import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UTMP_RECORD_SIZE } from '../../../../src/engine/builtin/tables/files/utmp.js';
import { imageContext, link, put, rowsOf, run, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-utmp-');
afterAll(cleanup);

/** utmpdump's text form, one record a line: type, pid, id, user, line, host, address, time. */
const RECORDS = [
  '[2] [00000] [~~  ] [reboot  ] [~           ] [6.1.0-18-amd64      ] [0.0.0.0        ] [2024-03-01T10:00:00,000000+00:00]',
  '[1] [00051] [~~  ] [runlevel] [~           ] [6.1.0-18-amd64      ] [0.0.0.0        ] [2024-03-01T10:00:05,000000+00:00]',
  '[5] [00001] [si  ] [        ] [            ] [                    ] [0.0.0.0        ] [2024-03-01T10:00:01,000000+00:00]',
  '[6] [00812] [tty1] [LOGIN   ] [tty1        ] [                    ] [0.0.0.0        ] [2024-03-01T10:00:06,000000+00:00]',
  '[7] [01234] [ts/0] [alice   ] [pts/0       ] [203.0.113.7         ] [203.0.113.7    ] [2024-03-01T11:22:33,123456+00:00]',
  '[7] [04321] [ts/1] [abcdefghijklmnopqrstuvwxyz012345] [pts/1       ] [a-very-long-host-name.example.org] [0.0.0.0        ] [2038-01-19T03:14:07,000000+00:00]',
  '[8] [01234] [ts/0] [        ] [pts/0       ] [                    ] [0.0.0.0        ] [2024-03-01T12:00:00,000000+00:00]',
  '[3] [00000] [    ] [        ] [            ] [                    ] [0.0.0.0        ] [2024-03-02T00:00:00,000000+00:00]',
  '[4] [00000] [    ] [        ] [            ] [                    ] [0.0.0.0        ] [2024-03-02T00:00:01,000000+00:00]',
  '[9] [00777] [acct] [acct    ] [            ] [                    ] [0.0.0.0        ] [2024-03-02T00:00:02,000000+00:00]',
  '[0] [00000] [    ] [        ] [            ] [                    ] [0.0.0.0        ] [1970-01-01T00:00:00,000000+00:00]',
  '[42] [00099] [zz  ] [weird   ] [pts/9       ] [                    ] [0.0.0.0        ] [2024-03-03T00:00:00,000000+00:00]',
];

interface Dumped {
  type: number;
  pid: number;
  user: string;
  line: string;
  host: string;
  time: number;
}

/** Run `utmpdump FILE` (TZ=UTC) and read its records back. */
function utmpdump(file: string): Dumped[] {
  const out = run('utmpdump', [file], { ...process.env, TZ: 'UTC' });
  return out
    .split('\n')
    .map((l) => /^\[(-?\d+)\] \[(\d+)\] \[.*?\] \[(.*?)\] \[(.*?)\] \[(.*?)\] \[.*?\] \[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      type: Number(m[1]),
      pid: Number(m[2]),
      user: (m[3] ?? '').trimEnd(),
      line: (m[4] ?? '').trimEnd(),
      host: (m[5] ?? '').trimEnd(),
      time: Date.parse(`${m[6]}Z`) / 1000,
    }));
}

/** Build a binary utmp file from the text form with `utmpdump -r`. */
function undump(records: string[], out: string): void {
  const text = `${out}.txt`;
  put('/', text, `${records.join('\n')}\n`);
  run('utmpdump', ['-r', '-o', out, text], { ...process.env, TZ: 'UTC' });
}

const TYPE_NAMES = ['empty', 'runlevel', 'boot_time', 'new_time', 'old_time', 'init', 'login', 'user', 'dead', 'accounting'];

describe('logged_in_users and last over utmp files made by utmpdump -r', () => {
  const root = `${dir}/img`;
  mkdirSync(`${root}/run`, { recursive: true });
  mkdirSync(`${root}/var/log`, { recursive: true });
  // /var/run -> /run as on real systems: absolute, so it must resolve inside the image.
  link(root, 'var/run', '/run');
  undump(RECORDS, `${root}/run/utmp`);
  undump(RECORDS, `${root}/var/log/wtmp`);
  // A torn record at the end of wtmp (a crash mid-write) is ignored, as glibc does.
  appendFileSync(`${root}/var/log/wtmp`, Buffer.alloc(100, 0x41));

  it('builds 384-byte records', () => {
    expect(readFileSync(`${root}/run/utmp`).length).toBe(RECORDS.length * UTMP_RECORD_SIZE);
  });

  it('logged_in_users matches utmpdump, without ut_pid 1, with osquery type names', async () => {
    const expected = utmpdump(`${root}/run/utmp`)
      .filter((r) => r.pid !== 1)
      .map((r) => ({ type: TYPE_NAMES[r.type] ?? 'unknown', user: r.user, tty: r.line, host: r.host, time: r.time, pid: r.pid }));
    expect(expected.length).toBe(RECORDS.length - 1);
    expect(expected.some((r) => r.type === 'unknown')).toBe(true);
    expect(await rowsOf('logged_in_users', imageContext(root))).toEqual(expected);
  });

  it('last matches utmpdump for user and dead process records only', async () => {
    const expected = utmpdump(`${root}/var/log/wtmp`)
      .filter((r) => r.type === 7 || r.type === 8)
      .map((r) => ({
        username: r.user,
        tty: r.line,
        pid: r.pid,
        type: r.type,
        type_name: r.type === 7 ? 'user-process' : 'dead-process',
        time: r.time,
        host: r.host,
      }));
    expect(expected).toHaveLength(3);
    expect(expected[1]?.username).toBe('abcdefghijklmnopqrstuvwxyz012345');
    expect(await rowsOf('last', imageContext(root))).toEqual(expected);
  });

  it('finds no rows (and no error) when the files are missing', async () => {
    const empty = `${dir}/empty`;
    mkdirSync(empty);
    expect(await rowsOf('logged_in_users', imageContext(empty))).toEqual([]);
    expect(await rowsOf('last', imageContext(empty))).toEqual([]);
  });
});
