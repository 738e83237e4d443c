/**
 * The window exchange: two staff members working the same day trade every row that starts inside
 * one stretch of time (a cross exchange of route segments). Giving row i to staff t this way moves
 * t's rows of that stretch to i's staff member at once, so both days stay free of overlaps without
 * a chain of ejections: the stretch grows (by whole rows of either route, on either side) until
 * the two routes fit each other's times and travel.
 *
 * @module
 */
import type { PlanState } from './state.js';

/** A window side that reaches the first (or last) row of the day. */
export const ALL = 1000;

/** Row counts the window may grow by before and after the row to move (tried in this order). */
export const WINDOWS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 0], [1, 1], [0, 2], [2, 0], [1, 2], [2, 1], [2, 2], [0, 4], [3, 3], [0, ALL], [ALL, 0], [ALL, ALL]];

/**
 * Gives row i to staff t by trading the rows of i's staff member s and of t that start inside the
 * window from the row `before` rows earlier to the row `after` rows later, counted in the merged
 * start order of both routes that day. Inside an open transaction: true when done and both days
 * keep the rules (availability, roles, overlaps, travel); else undone to where it began and false.
 *
 * @example
 * if (exchange(state, row, staff, 1, 1)) state.commit(); else state.rollback();
 */
export function exchange(state: PlanState, i: number, t: number, before: number, after: number): boolean {
  const p = state.p;
  const s = state.staff[i]!;
  if (s === t || !p.movable[i]) return false;
  const day = p.day[i]!;
  const rs = state.rowsOf(s, day);
  const rt = state.rowsOf(t, day);
  if (rt.length === 0 && !state.canTake(i, t)) return false;
  const merged = mergeByStart(state, rs, rt);
  const at = merged.indexOf(i);
  if ((at - before < 0 && before !== ALL) || (at + after >= merged.length && after !== ALL)) return false;
  const lo = p.visits[merged[Math.max(0, at - before)]!]!.start;
  const hi = p.visits[merged[Math.min(merged.length - 1, at + after)]!]!.start;
  const give: number[] = [];
  const take: number[] = [];
  for (const j of rs) {
    const v = p.visits[j]!.start;
    if (v >= lo && v <= hi) { if (!p.movable[j] || !state.canTake(j, t)) return false; give.push(j); }
  }
  for (const j of rt) {
    const v = p.visits[j]!.start;
    if (v >= lo && v <= hi) { if (!p.movable[j] || !state.canTake(j, s)) return false; take.push(j); }
  }
  const mark = state.mark();
  for (const j of give) state.assign(j, t);
  for (const j of take) state.assign(j, s);
  if (state.dayFeasible(state.rowsOf(s, day)) && state.dayFeasible(state.rowsOf(t, day))) return true;
  state.rollbackTo(mark);
  return false;
}

function mergeByStart(state: PlanState, a: readonly number[], b: readonly number[]): number[] {
  const v = state.p.visits;
  const out: number[] = [];
  let x = 0, y = 0;
  while (x < a.length || y < b.length) {
    if (y >= b.length || (x < a.length && v[a[x]!]!.start <= v[b[y]!]!.start)) out.push(a[x++]!);
    else out.push(b[y++]!);
  }
  return out;
}

/** The annealing energy: distinct staff first, then clients above 20, then travel; concentration (Σ n²) guides. */
export function energy(state: PlanState): number {
  const s = state.score;
  return 1000 * s.distinct + 100 * s.above20 + 2 * s.travelMinutes - s.concentration;
}

/**
 * Tries every window of {@link WINDOWS} for giving row i to each of `targets`, and makes the one
 * with the lowest energy whose travel stays within `maxTravel` (inside the open transaction).
 * False, with nothing changed, when none fits.
 *
 * @example
 * bestExchange(state, row, [3, 8], 9500); // → true: row and its window traded with staff 3 or 8
 */
export function bestExchange(state: PlanState, i: number, targets: readonly number[], maxTravel: number): boolean {
  let best = Infinity, bestT = -1, bestW = -1;
  for (const t of targets) {
    for (let w = 0; w < WINDOWS.length; w++) {
      const mark = state.mark();
      if (!exchange(state, i, t, WINDOWS[w]![0], WINDOWS[w]![1])) continue;
      state.settleTravel();
      const e = energy(state);
      if (state.score.travelMinutes <= maxTravel + 1e-9 && e < best) { best = e; bestT = t; bestW = w; }
      state.rollbackTo(mark);
      state.settleTravel();
    }
  }
  if (bestT < 0) return false;
  return exchange(state, i, bestT, WINDOWS[bestW]![0], WINDOWS[bestW]![1]);
}

/**
 * {@link bestExchange}, then an ejection chain: each row the exchange handed to i's old staff
 * member s that makes s new at its client is passed on the same way to that client's own staff
 * (not s, not the target), up to `depth` more levels. A link that finds no place leaves its row
 * with s. Inside the open transaction; false when the first exchange finds no place.
 *
 * @example
 * chainExchange(state, row, [3, 8], 9500, 2, (c) => [5, 9]);
 */
export function chainExchange(state: PlanState, i: number, targets: readonly number[], maxTravel: number, depth: number, staffOf: (client: number) => readonly number[]): boolean {
  const p = state.p;
  const s = state.staff[i]!;
  const day = p.day[i]!;
  const had = new Set(state.rowsOf(s, day));
  if (!bestExchange(state, i, targets, maxTravel)) return false;
  if (depth <= 0) return true;
  const t = state.staff[i]!;
  for (const j of [...state.rowsOf(s, day)]) {
    if (had.has(j) || state.staff[j] !== s) continue;
    const c = p.rowClient[j]!;
    if (c < 0 || (state.met[c]!.get(s) ?? 0) !== 1) continue;
    const next = staffOf(c).filter((u) => u !== s && u !== t).slice(0, 4);
    if (next.length > 0) chainExchange(state, j, next, maxTravel, depth - 1, staffOf);
  }
  return true;
}
