import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { continuity, measureContinuity, measureStaffing, readVisits } from '../../src/index.js';

const SAMPLE = new URL('../../data/sample-visits.csv', import.meta.url).pathname;
const spillDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('kontinuitet-spill-'));

describe('counted rows spilled to a temporary file give the same result', () => {
  it('for a monthly series and one window, read fast and general', async () => {
    const before = spillDirs().length;
    for (const options of [{ anchor: 'first-monday' as const }, { from: '2024-10-07' }]) {
      const inMemory = await measureContinuity(SAMPLE, options);
      // 2,823 counted rows in a window: a spill every 97 rows writes many blocks per partition
      expect(await measureContinuity(SAMPLE, { ...options, spillRows: 97 })).toEqual(inMemory);
      expect(await measureContinuity(SAMPLE, { ...options, spillRows: 1, fastPath: false })).toEqual(inMemory);
    }
    expect(spillDirs().length).toBe(before); // every spill file is removed
  });

  it('with indices, for in-memory visits, and for double staffing', async () => {
    const { visits } = await readVisits(SAMPLE);
    expect(continuity(visits, { from: '2024-10-01', indices: true, spillRows: 50 })).toEqual(continuity(visits, { from: '2024-10-01', indices: true }));
    expect(await measureStaffing(SAMPLE, { from: '2024-10-01', spillRows: 50 })).toEqual(await measureStaffing(SAMPLE, { from: '2024-10-01' }));
  });

  it('rejects a spill limit that is not a whole number ≥ 1', () => {
    expect(() => continuity([], { spillRows: 0 })).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });
});
