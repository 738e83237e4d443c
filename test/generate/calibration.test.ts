import { describe, expect, it } from 'vitest';
import { generateRows, type GenerateOptions } from '../../src/generate/index.js';
import { continuity14 } from './helpers.js';

/** Mean staff per eligible client over the first 14 days, computed independently of the generator. */
function figure(options: GenerateOptions): ReturnType<typeof continuity14> {
  const { rows } = generateRows({ clients: 300, days: 14, start: '2024-10-01', seed: 1, ...options });
  return continuity14(rows, '2024-10-01');
}

describe('continuity calibration (official 14-day figure, 300 clients)', () => {
  it('ange2013 lands near 21 staff in 14 days', () => {
    const r = figure({ profile: 'ange2013' });
    console.info(`ange2013: mean ${r.mean.toFixed(2)}, median ${r.median}, eligible ${r.eligible}`);
    expect(r.eligible).toBeGreaterThan(100);
    expect(r.mean).toBeGreaterThanOrEqual(19);
    expect(r.mean).toBeLessThanOrEqual(23);
  });

  it('good lands near 8–10', () => {
    const r = figure({ profile: 'good' });
    console.info(`good: mean ${r.mean.toFixed(2)}, median ${r.median}, eligible ${r.eligible}`);
    expect(r.eligible).toBeGreaterThan(100);
    expect(r.mean).toBeGreaterThanOrEqual(7.5);
    expect(r.mean).toBeLessThanOrEqual(10.5);
  });

  it('typical (the default) lands near 14', () => {
    const r = figure({});
    console.info(`typical: mean ${r.mean.toFixed(2)}, median ${r.median}, eligible ${r.eligible}`);
    expect(r.mean).toBeGreaterThanOrEqual(12);
    expect(r.mean).toBeLessThanOrEqual(16);
  });

  it('stays calibrated for other seeds', () => {
    for (const seed of [2, 3]) {
      expect(figure({ seed, profile: 'ange2013' }).mean).toBeGreaterThanOrEqual(19);
      expect(figure({ seed, profile: 'ange2013' }).mean).toBeLessThanOrEqual(23);
      expect(figure({ seed, profile: 'good' }).mean).toBeGreaterThanOrEqual(7.5);
      expect(figure({ seed, profile: 'good' }).mean).toBeLessThanOrEqual(10.5);
    }
  });

  it('more scatter means more staff met', () => {
    const means = [0, 0.5, 1].map((scatter) => figure({ clients: 150, scatter }).mean);
    expect(means[0]!).toBeLessThan(means[1]!);
    expect(means[1]!).toBeLessThan(means[2]!);
  });
});
