import { describe, expect, it } from 'vitest';
import { generateRows, type GenerateOptions } from '../../src/generate/index.js';
import { measureContinuity } from '../../src/index.js';
import { continuity14 } from '../generate/helpers.js';

const FROM = '2024-10-01';

async function both(options: GenerateOptions) {
  const opts = { clients: 300, days: 14, start: FROM, seed: 3, ...options };
  const ours = (await measureContinuity(generateRows(opts).rows, { from: FROM })).windows[0]!;
  const independent = continuity14(generateRows(opts).rows, FROM);
  return { ours, independent };
}

describe('the measure on generated municipalities', () => {
  it('an Ånge-2013-like municipality lands near 21, and agrees with an independent count', async () => {
    const { ours, independent } = await both({ profile: 'ange2013' });
    expect(ours.staffPerClient.mean!).toBeGreaterThan(19);
    expect(ours.staffPerClient.mean!).toBeLessThan(23);
    expect(ours.staffPerClient.n).toBe(independent.eligible);
    expect(ours.perClient.filter((c) => c.eligible).map((c) => c.staff).sort((a, b) => a - b)).toEqual(independent.staffCounts);
  });

  it('a well-run municipality lands near 8–10', async () => {
    const { ours, independent } = await both({ profile: 'good' });
    expect(ours.staffPerClient.mean!).toBeGreaterThanOrEqual(7.5);
    expect(ours.staffPerClient.mean!).toBeLessThanOrEqual(10.5);
    expect(ours.staffPerClient.mean).toBeCloseTo(independent.mean, 12);
  });
});
