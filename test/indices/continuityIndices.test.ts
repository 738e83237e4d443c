import { describe, expect, it } from 'vitest';
import { continuityIndices, contactPersonShare } from '../../src/measures/indices/index.js';
import type { ContinuityIndices } from '../../src/measures/indices/index.js';

/**
 * Worked examples. Every expected value is derived by hand from the definitions
 * (N entries, n_j per staff, M distinct staff):
 *   UPC = max n_j / N, COC = (Σ n_j² − N) / (N(N − 1)), SECON = same-staff pairs / (N − 1),
 *   HHI = Σ (n_j/N)², MMCI = (1 − M/(N + 0.1)) / (1 − 1/(N + 0.1)).
 * Each index is computed as one correctly rounded division of integers, so it must equal the
 * JavaScript value of the same reduced fraction exactly (`toBe(p / q)`).
 */
describe('continuityIndices — worked examples', () => {
  it('A, A, B', () => {
    // N = 3, n_A = 2, n_B = 1, M = 2, Σ n_j² = 4 + 1 = 5
    const r = continuityIndices(['A', 'A', 'B']);
    expect(r.n).toBe(3);
    expect(r.staff).toBe(2);
    expect(r.usualStaff).toBe('A');
    // UPC = 2/3
    expect(r.upc).toBe(2 / 3);
    // COC = (5 − 3) / (3·2) = 2/6 = 1/3
    expect(r.coc).toBe(1 / 3);
    // SECON: pairs (A,A) same, (A,B) different → 1/2
    expect(r.secon).toBe(1 / 2);
    // HHI = (2/3)² + (1/3)² = 4/9 + 1/9 = 5/9
    expect(r.hhi).toBe(5 / 9);
    // MMCI = (1 − 2/3.1)/(1 − 1/3.1) = (1.1/3.1)/(2.1/3.1) = 1.1/2.1 = 11/21
    expect(r.mmci).toBe(11 / 21);
    expect(r.mmci).toBeCloseTo((1 - 2 / 3.1) / (1 - 1 / 3.1), 12);
  });

  it('A, B', () => {
    // N = 2, n_A = n_B = 1, M = 2, Σ n_j² = 2
    const r = continuityIndices(['A', 'B']);
    expect(r).toEqual<ContinuityIndices>({
      n: 2,
      staff: 2,
      upc: 1 / 2, // max n_j / N = 1/2
      usualStaff: 'A', // tie 1–1 → first seen
      coc: 0, // (2 − 2) / (2·1) = 0
      secon: 0, // the one pair (A,B) differs
      hhi: 1 / 2, // 1/4 + 1/4
      // (1 − 2/2.1)/(1 − 1/2.1) = (0.1/2.1)/(1.1/2.1) = 1/11 = 0.0909…
      mmci: 1 / 11,
    });
    expect(r.mmci).toBeCloseTo(0.0909090909, 10);
    expect(r.mmci).toBeCloseTo((1 - 2 / 2.1) / (1 - 1 / 2.1), 12);
  });

  it('a single visit', () => {
    // N = 1, M = 1: COC and SECON need a pair → null.
    // MMCI = (1 − 1/1.1)/(1 − 1/1.1) = 1 (numerator and denominator are the same number, not 0).
    expect(continuityIndices(['A'])).toEqual<ContinuityIndices>({
      n: 1,
      staff: 1,
      upc: 1,
      usualStaff: 'A',
      coc: null,
      secon: null,
      hhi: 1,
      mmci: 1,
    });
  });

  it('empty input', () => {
    expect(continuityIndices([])).toEqual<ContinuityIndices>({
      n: 0,
      staff: 0,
      upc: null,
      usualStaff: null,
      coc: null,
      secon: null,
      hhi: null,
      mmci: null,
    });
  });

  it('14 distinct staff over 14 visits', () => {
    // N = 14, n_j = 1 for all 14 staff, M = 14, Σ n_j² = 14
    const seq = Array.from({ length: 14 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);
    const r = continuityIndices(seq);
    expect(r.n).toBe(14);
    expect(r.staff).toBe(14);
    expect(r.usualStaff).toBe('S01'); // all tied → first seen
    expect(r.upc).toBe(1 / 14); // 1/14
    expect(r.coc).toBe(0); // (14 − 14) / (14·13) = 0
    expect(r.secon).toBe(0); // no two consecutive visits by the same staff
    expect(r.hhi).toBe(1 / 14); // 14 · (1/14)² = 1/14
    // MMCI = (1 − 14/14.1)/(1 − 1/14.1) = (0.1/14.1)/(13.1/14.1) = 0.1/13.1 = 1/131
    expect(r.mmci).toBe(1 / 131);
  });

  it('one carer for 12 of 14 visits', () => {
    // K K K K K X K K K K K Y K K — N = 14, n_K = 12, n_X = n_Y = 1, M = 3
    const seq = ['K', 'K', 'K', 'K', 'K', 'X', 'K', 'K', 'K', 'K', 'K', 'Y', 'K', 'K'];
    const r = continuityIndices(seq);
    expect(r.n).toBe(14);
    expect(r.staff).toBe(3);
    expect(r.usualStaff).toBe('K');
    // UPC = 12/14 = 6/7
    expect(r.upc).toBe(6 / 7);
    // Σ n_j² = 144 + 1 + 1 = 146; COC = (146 − 14)/(14·13) = 132/182 = 66/91
    expect(r.coc).toBe(66 / 91);
    // 13 pairs; different ones: K→X, X→K, K→Y, Y→K = 4; same = 9 → 9/13
    expect(r.secon).toBe(9 / 13);
    // HHI = 146/196 = 73/98
    expect(r.hhi).toBe(73 / 98);
    // MMCI = (1 − 3/14.1)/(1 − 1/14.1) = (11.1/14.1)/(13.1/14.1) = 11.1/13.1 = 111/131
    expect(r.mmci).toBe(111 / 131);
  });

  it('the same 14 visits with both strangers at the end changes SECON only', () => {
    // K×12 then X, Y: pairs K→K ×11 same, K→X, X→Y different → 11/13
    const r = continuityIndices([...Array<string>(12).fill('K'), 'X', 'Y']);
    expect(r.secon).toBe(11 / 13);
    expect(r.upc).toBe(6 / 7);
    expect(r.coc).toBe(66 / 91);
    expect(r.hhi).toBe(73 / 98);
    expect(r.mmci).toBe(111 / 131);
  });

  it('a double-staffed visit contributes one entry per staff present', () => {
    // visits: A alone; A + B together (ordered by staff id); A alone → entries A, A, B, A
    // N = 4, n_A = 3, n_B = 1, M = 2, Σ n_j² = 10
    const r = continuityIndices(['A', 'A', 'B', 'A']);
    expect(r.n).toBe(4);
    expect(r.upc).toBe(3 / 4);
    expect(r.coc).toBe(1 / 2); // (10 − 4)/(4·3) = 6/12
    expect(r.secon).toBe(1 / 3); // (A,A) same, (A,B), (B,A) different
    expect(r.hhi).toBe(5 / 8); // 10/16
    expect(r.mmci).toBe(21 / 31); // (1 − 2/4.1)/(1 − 1/4.1) = (2.1/4.1)/(3.1/4.1) = 21/31
  });

  it('usual staff on a tie is the one seen first, not the first alphabetically', () => {
    expect(continuityIndices(['B', 'A', 'A', 'B']).usualStaff).toBe('B');
    expect(continuityIndices(['C', 'B', 'A']).usualStaff).toBe('C');
    expect(continuityIndices(['B', 'A', 'A']).usualStaff).toBe('A');
  });

  it('does not modify its input', () => {
    const seq = Object.freeze(['B', 'A', 'B']);
    continuityIndices(seq);
    expect(seq).toEqual(['B', 'A', 'B']);
  });
});

describe('contactPersonShare — worked examples', () => {
  it('counts the contact person’s entries', () => {
    // K made 3 of 4 → 3/4
    expect(contactPersonShare(['K', 'A', 'K', 'K'], 'K')).toEqual({ visits: 4, byContact: 3, share: 3 / 4 });
  });
  it('contact person who never visited', () => {
    expect(contactPersonShare(['A', 'B'], 'K')).toEqual({ visits: 2, byContact: 0, share: 0 });
  });
  it('no visits → null share', () => {
    expect(contactPersonShare([], 'K')).toEqual({ visits: 0, byContact: 0, share: null });
  });
  it('double-staffed visit with the contact person present: 2 entries, 1 by the contact', () => {
    // visits: K alone; K + X together → entries K, K, X
    expect(contactPersonShare(['K', 'K', 'X'], 'K')).toEqual({ visits: 3, byContact: 2, share: 2 / 3 });
  });
  it('compares ids exactly', () => {
    expect(contactPersonShare(['k', 'K ', 'K'], 'K')).toEqual({ visits: 3, byContact: 1, share: 1 / 3 });
  });
});
