import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateRows, writeGeneratedCsv } from '../../src/generate/index.js';
import { SAMPLE_OPTIONS, SAMPLE_PATH, writeSample } from '../../src/generate/sample.js';
import { MemorySink, continuity14 } from './helpers.js';

const file = fileURLToPath(new URL(`../../${SAMPLE_PATH}`, import.meta.url));

describe('committed sample data/sample-visits.csv', () => {
  it('equals writeGeneratedCsv(SAMPLE_OPTIONS) byte for byte (UPDATE_SAMPLE=1 rewrites it)', async () => {
    if (process.env['UPDATE_SAMPLE'] === '1') await writeSample(file);
    const sink = new MemorySink();
    await writeGeneratedCsv(sink, SAMPLE_OPTIONS);
    const onDisk = readFileSync(file);
    expect(onDisk.length).toBe(sink.buffer().length);
    expect(onDisk.equals(sink.buffer())).toBe(true);
  });

  it('is under 1.9 MB, crosses the October DST change and holds two monthly 14-day windows', () => {
    expect(statSync(file).size).toBeLessThan(1.9 * 1024 * 1024);
    expect(SAMPLE_OPTIONS.start).toBe('2024-10-01');
    const rows = [...generateRows(SAMPLE_OPTIONS).rows];
    expect(rows.some((r) => r.start.startsWith('2024-10-27'))).toBe(true);
    expect(rows.some((r) => r.start.startsWith('2024-11-17'))).toBe(true);
    // First Monday of October and of November.
    for (const windowStart of ['2024-10-07', '2024-11-04']) {
      const r = continuity14(rows, windowStart);
      expect(r.eligible).toBeGreaterThan(20);
      expect(r.mean).toBeGreaterThan(8);
      expect(r.mean).toBeLessThan(20);
    }
  });
});
