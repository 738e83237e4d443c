import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { continuityIndices, contactPersonShare } from '../../src/measures/indices/index.js';
import type { ContinuityIndices } from '../../src/measures/indices/index.js';

const EPS = 1e-12;
const staffId = fc.constantFrom('A', 'B', 'C', 'D', 'E');
const sequence = fc.array(staffId, { maxLength: 60, size: 'max' });
const atLeast = (min: number) => fc.array(staffId, { minLength: min, maxLength: 60, size: 'max' });

/** Reference implementation straight from the definitions, in floating point, for comparison. */
function naive(seq: readonly string[]): Omit<ContinuityIndices, 'usualStaff'> {
  const N = seq.length;
  const nj = new Map<string, number>();
  for (const s of seq) nj.set(s, (nj.get(s) ?? 0) + 1);
  const M = nj.size;
  const counts = [...nj.values()];
  let same = 0;
  for (let i = 1; i < N; i++) if (seq[i] === seq[i - 1]) same++;
  return {
    n: N,
    staff: M,
    upc: N === 0 ? null : Math.max(...counts) / N,
    coc: N < 2 ? null : (counts.reduce((a, c) => a + c * c, 0) - N) / (N * (N - 1)),
    secon: N < 2 ? null : same / (N - 1),
    hhi: N === 0 ? null : counts.reduce((a, c) => a + (c / N) ** 2, 0),
    mmci: N === 0 ? null : (1 - M / (N + 0.1)) / (1 - 1 / (N + 0.1)),
  };
}

const INDEX_KEYS = ['upc', 'coc', 'secon', 'hhi', 'mmci'] as const;

function num(x: number | null): number {
  if (x === null) throw new Error('expected a number');
  return x;
}

describe('continuityIndices — properties', () => {
  it('agrees with a naive implementation of the definitions within 1e-12', () => {
    fc.assert(
      fc.property(sequence, (seq) => {
        const r = continuityIndices(seq);
        const ref = naive(seq);
        expect(r.n).toBe(ref.n);
        expect(r.staff).toBe(ref.staff);
        for (const k of INDEX_KEYS) {
          const a = r[k];
          const b = ref[k];
          if (b === null) expect(a).toBeNull();
          else expect(Math.abs(num(a) - b)).toBeLessThan(EPS);
        }
      }),
    );
  });

  it('null exactly where the definitions are undefined', () => {
    fc.assert(
      fc.property(sequence, (seq) => {
        const r = continuityIndices(seq);
        const N = seq.length;
        expect(r.upc === null).toBe(N === 0);
        expect(r.hhi === null).toBe(N === 0);
        expect(r.mmci === null).toBe(N === 0);
        expect(r.usualStaff === null).toBe(N === 0);
        expect(r.coc === null).toBe(N < 2);
        expect(r.secon === null).toBe(N < 2);
      }),
    );
  });

  it('COC = (N·HHI − 1)/(N − 1) for N ≥ 2', () => {
    fc.assert(
      fc.property(atLeast(2), (seq) => {
        const r = continuityIndices(seq);
        const N = r.n;
        expect(Math.abs(num(r.coc) - (N * num(r.hhi) - 1) / (N - 1))).toBeLessThan(EPS);
      }),
    );
  });

  it('COC ≤ HHI ≤ UPC and UPC² ≤ HHI', () => {
    fc.assert(
      fc.property(atLeast(1), (seq) => {
        const r = continuityIndices(seq);
        const upc = num(r.upc);
        const hhi = num(r.hhi);
        if (r.coc !== null) expect(r.coc).toBeLessThanOrEqual(hhi);
        expect(hhi).toBeLessThanOrEqual(upc);
        expect(upc * upc).toBeLessThanOrEqual(hhi + EPS);
      }),
    );
  });

  it('every index is in [0, 1] (no tolerance); UPC, HHI, MMCI > 0 when N ≥ 1', () => {
    fc.assert(
      fc.property(sequence, (seq) => {
        const r = continuityIndices(seq);
        for (const k of INDEX_KEYS) {
          const v = r[k];
          if (v === null) continue;
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        if (seq.length > 0) {
          expect(num(r.upc)).toBeGreaterThan(0);
          expect(num(r.hhi)).toBeGreaterThan(0);
          expect(num(r.mmci)).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('all five indices equal 1 for one staff member and N ≥ 2', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.integer({ min: 2, max: 500 }), (id, N) => {
        const r = continuityIndices(Array<string>(N).fill(id));
        expect(r).toEqual<ContinuityIndices>({
          n: N,
          staff: 1,
          upc: 1,
          usualStaff: id,
          coc: 1,
          secon: 1,
          hhi: 1,
          mmci: 1,
        });
      }),
    );
  });

  it('MMCI is 1 exactly when M = 1, and decreases as M grows for fixed N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (N) => {
        let last = Infinity;
        for (let M = 1; M <= Math.min(N, 20); M++) {
          const seq = Array.from({ length: N }, (_, i) => `S${i < M ? i : 0}`);
          const r = continuityIndices(seq);
          expect(r.staff).toBe(M);
          const v = num(r.mmci);
          if (M === 1) expect(v).toBe(1);
          expect(v).toBeLessThan(last);
          last = v;
        }
      }),
    );
  });

  it('permuting the sequence changes only SECON (and usualStaff only on a tie)', () => {
    const seqAndPermutation = atLeast(0).chain((seq) =>
      fc.tuple(fc.constant(seq), fc.shuffledSubarray(seq, { minLength: seq.length, maxLength: seq.length })),
    );
    fc.assert(
      fc.property(seqAndPermutation, ([seq, perm]) => {
        const a = continuityIndices(seq);
        const b = continuityIndices(perm);
        expect(b.n).toBe(a.n);
        expect(b.staff).toBe(a.staff);
        for (const k of ['upc', 'coc', 'hhi', 'mmci'] as const) {
          const x = a[k];
          const y = b[k];
          if (x === null) expect(y).toBeNull();
          else expect(Math.abs(num(y) - x)).toBeLessThan(EPS);
        }
        const counts = new Map<string, number>();
        for (const s of seq) counts.set(s, (counts.get(s) ?? 0) + 1);
        const max = Math.max(0, ...counts.values());
        const leaders = [...counts].filter(([, c]) => c === max).length;
        if (leaders === 1) expect(b.usualStaff).toBe(a.usualStaff);
      }),
    );
  });

  it('usualStaff has the largest count and, among those tied, the earliest first entry', () => {
    fc.assert(
      fc.property(atLeast(1), (seq) => {
        const r = continuityIndices(seq);
        const counts = new Map<string, number>();
        for (const s of seq) counts.set(s, (counts.get(s) ?? 0) + 1);
        const max = Math.max(...counts.values());
        const first = seq.find((s) => counts.get(s) === max);
        expect(r.usualStaff).toBe(first);
        expect(num(r.upc)).toBe(max / seq.length);
      }),
    );
  });

  it('SECON is order-sensitive: sorting gathers each staff into one run', () => {
    fc.assert(
      fc.property(atLeast(2), (seq) => {
        const sorted = [...seq].sort();
        const r = continuityIndices(sorted);
        // M runs → N − M same-staff pairs out of N − 1
        expect(r.secon).toBe((r.n - r.staff) / (r.n - 1));
        expect(num(continuityIndices(seq).secon)).toBeLessThanOrEqual(num(r.secon));
      }),
    );
  });
});

describe('contactPersonShare — properties', () => {
  it('share ≤ UPC, = UPC for the usual staff, and shares over all staff sum to 1', () => {
    fc.assert(
      fc.property(sequence, staffId, (seq, contact) => {
        const r = continuityIndices(seq);
        const c = contactPersonShare(seq, contact);
        expect(c.visits).toBe(seq.length);
        expect(c.byContact).toBe(seq.filter((s) => s === contact).length);
        if (seq.length === 0) {
          expect(c.share).toBeNull();
          return;
        }
        expect(num(c.share)).toBeLessThanOrEqual(num(r.upc));
        const usual = r.usualStaff;
        if (usual === null) throw new Error('expected a usual staff');
        expect(contactPersonShare(seq, usual).share).toBe(r.upc);
        const total = [...new Set(seq)].reduce((a, s) => a + num(contactPersonShare(seq, s).share), 0);
        expect(Math.abs(total - 1)).toBeLessThan(EPS);
      }),
    );
  });
});
