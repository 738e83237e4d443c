/**
 * The roster's part of the planning problem: a rostered staff member is available on a day in
 * their roster shifts that touch it (widened to every row they keep: rows that never move), staff
 * only in the roster join the problem, the roster's groups feed `keepGroup` and an excluded role
 * keeps a staff member away from counted rows. A counted row of the input whose staff member's
 * roster does not cover it stays with them (it is pinned: it still counts, it never moves).
 *
 * @module
 */
import { availableFor, dayKey, type PlanProblem } from './model.js';
import type { RosterShift } from './roster.js';

/**
 * What the roster did to the problem.
 *
 * @example
 * const r: RosterEffect = { staff: 12, newStaff: 2, pinnedRows: 3 };
 */
export interface RosterEffect {
  /** Staff members in the roster. */
  staff: number;
  /** Of them, staff without any row in the input (new people to plan with). */
  newStaff: number;
  /** Counted rows outside their own staff member's roster: kept with them, never moved. */
  pinnedRows: number;
}

/**
 * Applies the roster to a problem built from the visits (in place). Staff not in the roster keep
 * the availability the visits give. `localDay` is the zone's local day of an instant;
 * `excludedRole` the measure's rule.
 *
 * @example
 * applyRoster(problem, shifts, (t) => zone.localDay(t), placing.excludedRole); // → { staff, newStaff, pinnedRows }
 */
export function applyRoster(p: PlanProblem, shifts: readonly RosterShift[], localDay: (t: number) => number, excludedRole: (role: string) => boolean): RosterEffect {
  const index = new Map(p.staffIds.map((s, i) => [s, i]));
  const known = p.staffIds.length;
  const rostered = new Set<number>();
  for (const shift of shifts) {
    let s = index.get(shift.staff);
    if (s === undefined) index.set(shift.staff, (s = p.staffIds.push(shift.staff) - 1));
    rostered.add(s);
  }
  const excluded = new Uint8Array(p.staffIds.length);
  excluded.set(p.staffExcluded);
  p.staffExcluded = excluded;
  while (p.staffGroups.length < p.staffIds.length) p.staffGroups.push(new Set());

  let lastDay = p.day0;
  for (let i = 0; i < p.day.length; i++) lastDay = Math.max(lastDay, p.day[i]!);
  for (const key of [...p.available.keys()]) if (rostered.has(Math.floor(key / 100000))) p.available.delete(key);
  const spans = new Map<number, number[][]>();
  const add = (key: number, from: number, to: number) => (spans.get(key) ?? spans.set(key, []).get(key)!).push([from, to]);
  for (const shift of shifts) {
    const s = index.get(shift.staff)!;
    if (excludedRole(shift.role)) excluded[s] = 1;
    if (shift.group !== '') p.staffGroups[s]!.add(shift.group);
    // under every local day the shift touches (a night shift serves the visits after midnight too)
    for (let d = Math.max(p.day0, localDay(shift.start)); d <= Math.min(lastDay, localDay(shift.end - 1)); d++) add(dayKey(p, s, d), shift.start, shift.end);
  }
  for (const [key, list] of spans) p.available.set(key, merged(list));

  let pinnedRows = 0;
  for (let i = 0; i < p.visits.length; i++) {
    const s = p.inputStaff[i]!;
    if (!rostered.has(s)) continue;
    if (p.movable[i] && (excluded[s] || !availableFor(p, s, i))) {
      p.movable[i] = 0;
      if (!excluded[s]) pinnedRows++;
    }
  }
  // widen each rostered staff-day to the rows its staff member keeps
  const kept = new Map<number, number[][]>();
  for (let i = 0; i < p.visits.length; i++) {
    const s = p.inputStaff[i]!;
    if (!rostered.has(s) || p.movable[i]) continue;
    const key = dayKey(p, s, p.day[i]!);
    (kept.get(key) ?? kept.set(key, []).get(key)!).push([p.visits[i]!.start, p.visits[i]!.end]);
  }
  for (const [key, list] of kept) {
    const own = p.available.get(key) ?? [];
    for (let k = 0; k < own.length; k += 2) list.push([own[k]!, own[k + 1]!]);
    p.available.set(key, merged(list));
  }
  p.staffOnDay = new Map();
  for (const key of [...p.available.keys()].sort((a, b) => a - b)) {
    const d = key % 100000;
    (p.staffOnDay.get(d) ?? p.staffOnDay.set(d, []).get(d)!).push(Math.floor(key / 100000));
  }
  return { staff: rostered.size, newStaff: [...rostered].filter((s) => s >= known).length, pinnedRows };
}

/** Sorted disjoint spans `[from, to, from, to, …]` of a list of spans (overlapping or touching ones merge). */
function merged(list: number[][]): number[] {
  list.sort((a, b) => a[0]! - b[0]!);
  const flat: number[] = [];
  for (const [lo, hi] of list) {
    if (flat.length > 0 && lo! <= flat[flat.length - 1]!) flat[flat.length - 1] = Math.max(flat[flat.length - 1]!, hi!);
    else flat.push(lo!, hi!);
  }
  return flat;
}
