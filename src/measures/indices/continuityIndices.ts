/**
 * Continuity-of-care indices from health-services research, computed for one client over the
 * visits of one window.
 *
 * Input convention (shared by every function in this folder):
 * - The input is the staff id of each visit, **in visit order**: ordered by start time, ties by
 *   end time, then by staff id. The caller orders it; these functions do not (and cannot) check.
 *   Only SECON depends on the order; every other index depends only on the counts.
 * - A double-staffed visit contributes **one entry per staff member present**, so a visit by A and
 *   B together is `['A', 'B']` (in staff-id order, by the tie rule above) and counts as two in N.
 *
 * Numerics: every index is computed as one division of two exact integers `p / q` with
 * `0 ≤ p ≤ q` (MMCI after multiplying numerator and denominator by `10·(N + 0.1)`), so each result
 * is the correctly rounded value of the exact fraction and lies in [0, 1] without any clamping.
 * Integers stay exact while Σ n_j² ≤ N² < 2^53, i.e. for N below about 94 million entries.
 */

/**
 * The five indices for one client, with the counts they are built from.
 *
 * @example
 * continuityIndices(['A', 'A', 'A', 'B']).usualStaff; // → 'A'
 */
export interface ContinuityIndices {
  /** N: number of entries (visits; a double-staffed visit contributes one entry per staff present). */
  n: number;
  /** M: number of distinct staff. */
  staff: number;
  /** Usual Provider Continuity, `max_j n_j / N`; `null` when N = 0. */
  upc: number | null;
  /** The staff member with the largest n_j; on a tie the one seen first in the sequence; `null` when N = 0. */
  usualStaff: string | null;
  /** Bice–Boxerman Continuity of Care, `(Σ n_j² − N) / (N(N − 1))`; `null` when N < 2. */
  coc: number | null;
  /** Sequential Continuity, share of the N − 1 consecutive pairs with the same staff; `null` when N < 2. */
  secon: number | null;
  /** Herfindahl–Hirschman index, `Σ (n_j / N)²`; `null` when N = 0. */
  hhi: number | null;
  /** Modified Modified Continuity Index, `(1 − M/(N + 0.1)) / (1 − 1/(N + 0.1))`; `null` when N = 0. */
  mmci: number | null;
}

/**
 * Computes the continuity indices of one client from the staff id of each visit in visit order.
 *
 * With N entries, n_j entries by staff j and M distinct staff:
 * - **UPC** (Usual Provider Continuity; Breslau & Reeb 1975) = `max_j n_j / N`.
 *   `null` when N = 0 (no visits: no usual provider).
 * - **COC** (Continuity of Care index; Bice & Boxerman 1977) = `(Σ n_j² − N) / (N(N − 1))`.
 *   `null` when N < 2 (the formula divides by zero: no pair of visits to compare).
 * - **SECON** (Sequential Continuity; Steinwachs 1979) = (number of i in 1..N−1 with
 *   `s_i = s_{i+1}`) / (N − 1). The only order-dependent index. `null` when N < 2 (no pair).
 * - **HHI** (Herfindahl–Hirschman concentration index) = `Σ (n_j / N)²`, computed as `Σ n_j² / N²`.
 *   `null` when N = 0.
 * - **MMCI** (Modified Modified Continuity Index; Magill & Senf 1987) =
 *   `(1 − M/(N + 0.1)) / (1 − 1/(N + 0.1))`, computed as the identical fraction
 *   `(10(N − M) + 1) / (10N − 9)`. `null` when N = 0. For N = 1 it is 1.
 *
 * All indices lie in [0, 1] (UPC, HHI and MMCI are above 0 for N ≥ 1) and all equal 1 when one
 * staff member made every visit (N ≥ 2). `usualStaff` is the staff member with the largest n_j;
 * on a tie, the one whose first entry comes earliest in the sequence.
 *
 * The sequence must be ordered by visit start (ties: end, then staff id) — the caller orders it —
 * and a double-staffed visit contributes one entry per staff member present.
 *
 * @param staffInVisitOrder staff id of each entry, in visit order.
 * @returns the counts and indices; see {@link ContinuityIndices}.
 *
 * @example
 * continuityIndices(['A', 'A', 'B']);
 * // → { n: 3, staff: 2, upc: 0.6666666666666666, usualStaff: 'A', coc: 0.3333333333333333,
 * //     secon: 0.5, hhi: 0.5555555555555556, mmci: 0.5238095238095238 }
 * continuityIndices(['A', 'B']).mmci; // → 0.09090909090909091
 * continuityIndices(['A']).coc; // → null
 * continuityIndices([]).upc; // → null
 */
export function continuityIndices(staffInVisitOrder: readonly string[]): ContinuityIndices {
  const n = staffInVisitOrder.length;
  // Map keeps insertion order, i.e. the order of first appearance, which gives the tie rule.
  const counts = new Map<string, number>();
  let samePairs = 0;
  let previous: string | undefined;
  for (let i = 0; i < n; i++) {
    const s = staffInVisitOrder[i] as string;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (i > 0 && s === previous) samePairs++;
    previous = s;
  }

  let usualStaff: string | null = null;
  let max = 0;
  let sumSquares = 0;
  for (const [s, c] of counts) {
    sumSquares += c * c;
    if (c > max) {
      max = c;
      usualStaff = s;
    }
  }
  return indicesOfCounts({ n, staff: counts.size, max, usualStaff, sumSquares, samePairs });
}

/**
 * What the indices are made of ({@link continuityIndices} counts them from a staff sequence):
 * N, M, the largest n_j and its staff member, Σ n_j² and the consecutive pairs with the same staff.
 *
 * @example
 * const counts: IndexCounts = { n: 3, staff: 2, max: 2, usualStaff: 'A', sumSquares: 5, samePairs: 1 }; // A, A, B
 */
export interface IndexCounts {
  n: number;
  staff: number;
  max: number;
  usualStaff: string | null;
  sumSquares: number;
  samePairs: number;
}

/**
 * The indices from their counts, by the formulas of {@link continuityIndices} (which counts a
 * sequence and calls this): what a reader that counts otherwise (the engine, from its columns)
 * gives to get the same figures.
 *
 * @example
 * indicesOfCounts({ n: 3, staff: 2, max: 2, usualStaff: 'A', sumSquares: 5, samePairs: 1 }).coc; // → 0.3333333333333333
 */
export function indicesOfCounts({ n, staff: m, max, usualStaff, sumSquares, samePairs }: IndexCounts): ContinuityIndices {
  return {
    n,
    staff: m,
    upc: n === 0 ? null : max / n,
    usualStaff,
    coc: n < 2 ? null : (sumSquares - n) / (n * (n - 1)),
    secon: n < 2 ? null : samePairs / (n - 1),
    hhi: n === 0 ? null : sumSquares / (n * n),
    // (1 − M/(N+0.1)) / (1 − 1/(N+0.1)) = (N + 0.1 − M) / (N − 0.9) = (10(N − M) + 1) / (10N − 9);
    // 10N − 9 ≥ 1 for N ≥ 1, and 1 ≤ M ≤ N gives 1 ≤ numerator ≤ denominator.
    mmci: n === 0 ? null : (10 * (n - m) + 1) / (10 * n - 9),
  };
}
