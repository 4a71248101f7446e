import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Bench } from './fixtures.js';

// Colour support is decided when Ink's chalk loads, so force it before anything imports Ink (this file only).
process.env['FORCE_COLOR'] = '1';

let bench: Bench;
beforeAll(async () => {
  const { openBench } = await import('./fixtures.js');
  bench = await openBench();
});
afterAll(async () => bench.cleanup());

const COLOUR = /\u001b\[(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)/;

async function frameWith(color: boolean): Promise<string> {
  const { renderUi } = await import('./render.js');
  const { TriageScreen } = await import('../../src/ui/triage/TriageScreen.js');
  const ui = renderUi(<TriageScreen controller={bench.controller} isActive memory={{ current: undefined }} onExport={() => {}} onQuit={() => {}} />, { color });
  await ui.waitFor((f) => f.includes('Isolate the host'));
  const raw = ui.rawFrame();
  ui.unmount();
  return raw;
}

describe('NO_COLOR', () => {
  test('with colour the severity badge and statuses are coloured; with NO_COLOR no colour code is written', async () => {
    expect(await frameWith(true)).toMatch(COLOUR);
    const plain = await frameWith(false);
    expect(plain).not.toMatch(COLOUR);
    // Attributes still carry the selection and the focused pane.
    expect(plain).toMatch(/\u001b\[7m/);
  });

  test('NO_COLOR is honoured when present and not empty', async () => {
    const { colourWanted } = await import('../../src/ui/theme.js');
    expect(colourWanted({ NO_COLOR: '1' })).toBe(false);
    expect(colourWanted({ NO_COLOR: '' })).toBe(true);
    expect(colourWanted({})).toBe(true);
  });
});
