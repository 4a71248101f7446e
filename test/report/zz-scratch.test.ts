import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { runFixture } from './helpers.js';
import { exportBundle } from '../../src/report/bundle.js';
it('dump', async () => {
  const f = await runFixture();
  const r = await exportBundle(f.store, { formats: ['md', 'html', 'json'], lang: 'en', at: '2026-05-30T06:00:00.000Z' });
  console.log(r, f.dir);
  writeFileSync('/tmp/scratch-dir', f.dir);
});
