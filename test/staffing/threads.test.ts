import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedCsv } from '../../src/generate/index.js';
import { measureStaffingStreamed } from '../../src/measures/staffing/measure.js';
import { materialise } from '../../src/engine/clientlist.js';

// The staffing figures computed where the clients are evaluated: in the worker threads of the
// built package (real threads, each staffing the partitions it takes), against one thread.
const built = await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url))) as typeof import('../../src/index.js');
const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-staffing-threads-'));
const LOG = join(dir, 'visits.csv');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  // two monthly windows, double staffing, handovers; small spills so every thread reads spilled partitions
  const out = createWriteStream(LOG);
  await writeGeneratedCsv(out, { clients: 150, days: 50, start: '2024-09-28', seed: 5, profile: 'ange2013' });
  out.end();
  await finished(out);
});
const ENGINE = { threads: 2, spillRows: 3000, watchdogMs: 20_000 } as const;

describe('the staffing figures in threads', () => {
  it('are the one-thread figures, the evaluation shared by the worker threads or not, per window and for every visit', async () => {
    for (const scope of ['counted', 'all'] as const) {
      const one = await built.measureStaffing(LOG, { scope, engine: { ...ENGINE, threads: 1 } });
      expect(one.windows.length).toBe(2);
      expect(one.windows[0]!.doubleStaffedVisits).toBeGreaterThan(0);
      expect(one.windows[0]!.recurringSlots.length).toBeGreaterThan(0);
      for (const shareEvaluation of [true, false]) {
        expect(await built.measureStaffing(LOG, { scope, engine: { ...ENGINE, shareEvaluation } })).toEqual(one);
      }
    }
  });

  it('are the one-thread figures without the lists of visits (the report page), the evaluation shared by the threads or not, the measure too', async () => {
    const one = await measureStaffingStreamed(LOG, { engine: { ...ENGINE, threads: 1 } }, true, false);
    for (const shareEvaluation of [true, false]) {
      const threaded = await measureStaffingStreamed(LOG, { engine: { ...ENGINE, shareEvaluation } }, true, false);
      expect(threaded.staffing).toEqual(one.staffing);
      expect(materialise(threaded.continuity)).toEqual(materialise(one.continuity));
    }
    expect(one.staffing.windows[0]!.doubleStaffed).toEqual([]);
    // and the lists left out are the only difference from the full figures
    const full = await built.measureStaffing(LOG, { engine: ENGINE });
    expect(one.staffing.windows.map((w) => ({ ...w, doubleStaffed: [] }))).toEqual(full.windows.map((w) => ({ ...w, doubleStaffed: [] })));
  });
});
