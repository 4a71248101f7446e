import { test } from 'vitest';
import { loadLibrary } from '../../src/guide/load.js';
import { lintLibrary, formatViolation } from '../../src/guide/lint.js';
test('x', async () => {
  const lib = await loadLibrary(['/work/main']);
  console.log(lib.problems, lib.guides.length, lib.queries.size);
  for (const v of await lintLibrary(lib)) console.log(formatViolation(v));
});
