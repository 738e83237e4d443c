import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureRoutes } from '../../src/measures/routes/measure.js';
import { plainDecimal } from '../../src/engine/places.js';
import { tempFiles } from '../continuity/fixture.js';

const file = tempFiles('kontinuitet-routes-fast-');
const SAMPLE = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8');

/** The route figures read by the fast path must be the general reader's, issues and all. */
async function same(path: string, options: Parameters<typeof measureRoutes>[1] = {}) {
  const general = await measureRoutes(path, { ...options, engine: { fastPath: false } });
  const fast = await measureRoutes(path, options);
  expect(fast).toEqual(general);
  return fast;
}

describe('plainDecimal reads a decimal as Number reads it', () => {
  it('by hand', () => {
    const at = (s: string) => plainDecimal(Buffer.from(s), 0, s.length);
    expect(at('62,5')).toBe(62.5);
    expect(at('-15.70201')).toBe(-15.70201);
    expect(Object.is(at('-0.0'), -0)).toBe(true);
    expect(at('007')).toBe(7);
    // left to the general reader: exponents, a sign +, no digit before or after the point, 16 digits, spaces
    for (const s of ['1e3', '+3', '.5', '1.', '1234567890.123456', ' 1', '1,2,3', '', '-']) expect(at(s)).toBeNaN();
  });

  it('on random digit strings: equal to Number of the text with the comma as a point up to 15 digits, else left to the general reader', () => {
    const decimal = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,9}$/), fc.option(fc.stringMatching(/^\d{1,8}$/)), fc.constantFrom('.', ','))
      .map(([minus, whole, fraction, point]) => `${minus ? '-' : ''}${whole}${fraction === null ? '' : point + fraction}`);
    fc.assert(fc.property(decimal, (s) => {
      const v = plainDecimal(Buffer.from(s), 0, s.length);
      const digits = s.replace(/\D/g, '').length;
      expect(Object.is(v, digits <= 15 ? Number(s.replace(',', '.')) : Number.NaN)).toBe(true);
    }), { numRuns: 3000 });
  });
});

describe('the route figures read by the byte-level fast path are the general reader\'s', () => {
  it('on the bundled sample (coordinates), as one window and the whole log', async () => {
    const f = file(SAMPLE);
    const r = await same(f, { from: '2024-10-07' });
    expect(r.rows.used).toBeGreaterThan(1000);
    await same(f, { all: true, bestOrderSample: 50 });
  });

  it('on place, travel and shift fields in every form (comma decimals, spaces, empty, out of range, bad, exponents, long digits)', async () => {
    const lines = SAMPLE.trimEnd().split('\n');
    const head = `${lines[0]},travel_minutes,travel_km,shift_start,shift_end`;
    const lats = ['62,5', ' 62.5', '', 'abc', '91', '1e1', '62.539160000000001', '-0.0', '+62', '62.'];
    const travel = ['12', '12,5', '', '1441', ' 3', 'x'];
    const shifts = ['2024-10-01 07:00', '', 'bad', ' 2024-10-01 07:00', '2024-10-01T07:00:00', '1999-01-01 07:00'];
    const rows = lines.slice(1, 3001).map((line, i) => {
      const f = line.split(',');
      if (i % 7 === 3) f[10] = lats[(i >> 3) % lats.length]!;
      if (i % 11 === 5) f[11] = lats[(i >> 2) % lats.length]!;
      const day = f[3]!.slice(0, 10);
      const shift = shifts[i % shifts.length]!.replace('2024-10-01', day);
      return `${f.join(',')},${travel[i % travel.length]},${travel[(i + 2) % travel.length]},${i % 13 === 0 ? shift : `${day} 06:30`},${i % 17 === 0 ? '' : `${day} 23:30`}`;
    });
    const r = await same(file([head, ...rows].join('\n')), { all: true });
    // rejected: bad or out-of-range latitudes, longitudes, travel and shift times, by the general reader's rule
    expect(r.rows.rejected).toBeGreaterThan(100);
    expect(r.rows.used).toBeGreaterThan(1000);
  });

  it('when a quoted field appears half way (the rest goes the general way), and pseudonymised', async () => {
    const lines = SAMPLE.split('\n');
    lines.splice(4000, 0, lines[4000]!.replace(/,omvårdnad,/, ',"omvård\nnad",'));
    await same(file(lines.join('\n')), { all: true, bestOrderSample: 20 });
    await same(file(SAMPLE), { from: '2024-10-07', pseudonymise: { key: 'k' } });
  });
});
