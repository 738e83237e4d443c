/**
 * The large-neighbourhood move: free every movable row a few staff members have on one day, then
 * give the rows back among the same staff in start order, each to the staff member who already
 * knows the client best (most rows at the client on other days, or earlier that day) among those
 * with room for it (availability, no overlap, travel from the row before and to the row after).
 * The day's work stays with the same people; only who goes where changes.
 *
 * @module
 */
import type { Rng } from '../generate/rng.js';
import { sortByStart } from './model.js';
import type { PlanState } from './state.js';

/**
 * Rebuilds day `day` of the staff in `staff` inside the open transaction (the caller checks and
 * scores it). False when some row found no one with room (the transaction then holds a partial
 * change: roll it back).
 *
 * @example
 * if (!repairDay(state, rng, day, [3, 8, 11])) state.rollback();
 */
export function repairDay(state: PlanState, rng: Rng, day: number, staff: readonly number[]): boolean {
  const p = state.p;
  const freed: number[] = [];
  const lists = new Map<number, number[]>();
  for (const s of staff) {
    const rows = state.rowsOf(s, day);
    lists.set(s, rows.filter((r) => !p.movable[r]));
    for (const r of rows) if (p.movable[r]) freed.push(r);
  }
  if (freed.length === 0) return false;
  sortByStart(p, freed);
  // How well each staff member knows each client, without the freed rows.
  const known = new Map<number, Map<number, number>>();
  const knownOf = (c: number) => {
    let m = known.get(c);
    if (m === undefined) known.set(c, (m = new Map(state.met[c]!)));
    return m;
  };
  for (const r of freed) {
    const m = knownOf(p.rowClient[r]!);
    const s = state.staff[r]!;
    m.set(s, Math.max(0, (m.get(s) ?? 0) - 1));
  }
  const choice = new Int32Array(freed.length);
  for (let k = 0; k < freed.length; k++) {
    const i = freed[k]!;
    const v = p.visits[i]!;
    const m = knownOf(p.rowClient[i]!);
    let best = -1, bestScore = -Infinity;
    for (const s of staff) {
      if (!state.canTake(i, s)) continue;
      const list = lists.get(s)!;
      const at = room(state, list, i);
      if (at < 0) continue;
      const n = m.get(s) ?? 0;
      // known staff first (more rows better, with diminishing returns), then the one free latest (best fit), a little noise
      const idle = at > 0 ? (v.start - p.visits[list[at - 1]!]!.end) / 60_000 : 600;
      const score = (n > 0 ? 1e6 + 1e5 * Math.log2(1 + n) : 0) - Math.min(idle, 600) + rng.float() * 30;
      if (score > bestScore) { bestScore = score; best = s; }
    }
    if (best < 0) return false;
    choice[k] = best;
    const list = lists.get(best)!;
    list.splice(room(state, list, i), 0, i);
    m.set(best, (m.get(best) ?? 0) + 1);
  }
  for (let k = 0; k < freed.length; k++) state.assign(freed[k]!, choice[k]!);
  return true;
}

/** Where row i goes into a staff-day's sorted rows when it fits (no overlap, travel both sides), else −1. */
function room(state: PlanState, list: readonly number[], i: number): number {
  const p = state.p;
  const v = p.visits[i]!;
  let at = 0;
  while (at < list.length && p.visits[list[at]!]!.start <= v.start) at++;
  if (at > 0) {
    const a = list[at - 1]!;
    if (p.visits[a]!.end + p.travelMs(a, i) > v.start) return -1;
  }
  if (at < list.length) {
    const b = list[at]!;
    if (v.end + p.travelMs(i, b) > p.visits[b]!.start) return -1;
  }
  return at;
}
