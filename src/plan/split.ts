/**
 * The split search's halves: each round the staff are cut in two halves along their home groups,
 * and each half's rows move only among that half's staff. The halves share no staff and no row,
 * so they are searched at the same time (one thread each) and put together after the round: a
 * row's staff in the round's plan is the one its half gave it.
 *
 * Why it is exact to put them together: a client's count is the distinct staff it meets, and the
 * halves' staff are disjoint, so each half changes only its own staff's part of every count; a
 * staff member's day (overlaps, availability, travel room) holds rows of one half only; travel is
 * a sum over staff-days, and each half gets its share of the room left under the travel bound.
 *
 * @module
 */
import type { Rng } from '../generate/rng.js';
import type { PlanProblem } from './model.js';

/**
 * Each staff member's home group: the group of most of their rows in the input (ties: the name
 * first in sort order); a staff member without rows, their first group, else the empty group.
 *
 * @example
 * homeGroups(problem); // → ['Norr', 'Norr', 'Söder', …] (one per staff index)
 */
export function homeGroups(p: PlanProblem): string[] {
  const counts = p.staffIds.map(() => new Map<string, number>());
  p.visits.forEach((v, i) => {
    const m = counts[p.inputStaff[i]!]!;
    m.set(v.group, (m.get(v.group) ?? 0) + 1);
  });
  return counts.map((m, s) => {
    let home: string | null = null, most = 0;
    for (const [g, n] of m) if (n > most || (n === most && home !== null && g < home)) { home = g; most = n; }
    return home ?? [...p.staffGroups[s]!].sort()[0] ?? '';
  });
}

/**
 * Cuts the staff in two halves for one round: the home groups in a seeded random order, each to
 * the half with fewer movable rows so far (weighed by the movable rows their staff hold in `staff`,
 * the plan so far). Returns the half (0 or 1) of every staff member.
 *
 * @example
 * splitStaff(problem, state.staff, homeGroups(problem), new Rng(7)); // → Uint8Array [0, 1, 1, 0, …]
 */
export function splitStaff(p: PlanProblem, staff: Int32Array, home: readonly string[], rng: Rng): Uint8Array {
  const weight = new Map<string, number>();
  for (const g of home) weight.set(g, 0);
  for (let i = 0; i < staff.length; i++) if (p.movable[i]) { const g = home[staff[i]!]!; weight.set(g, weight.get(g)! + 1); }
  const groups = [...weight.keys()].sort();
  for (let k = groups.length - 1; k > 0; k--) {
    const j = rng.int(0, k);
    [groups[k], groups[j]] = [groups[j]!, groups[k]!];
  }
  const load = [0, 0];
  const halfOf = new Map<string, number>();
  for (const g of groups) {
    const h = load[0]! <= load[1]! ? 0 : 1;
    halfOf.set(g, h);
    load[h]! += weight.get(g)!;
  }
  return Uint8Array.from(home, (g) => halfOf.get(g)!);
}

/**
 * One half's problem: a row moves only when it may move at all and its staff in `staff` is in
 * half `h`; a staff member of the other half takes no counted row (marked as excluded). The
 * search picks only the clients with at least half of their movable rows in this half (`focus`):
 * a client of the other half's groups, met here by a stand-in or two, is worked on there.
 *
 * @example
 * const sub = halfProblem(problem, half, 0, state.staff); // search it from new PlanState(sub, state.staff)
 */
export function halfProblem(p: PlanProblem, half: Uint8Array, h: number, staff: Int32Array): PlanProblem {
  const movable = p.movable.map((m, i) => (m && half[staff[i]!] === h ? 1 : 0));
  const staffExcluded = p.staffExcluded.map((x, s) => (x || half[s] !== h ? 1 : 0));
  const here = new Int32Array(p.clients.length), all = new Int32Array(p.clients.length);
  for (let i = 0; i < movable.length; i++) {
    if (!p.movable[i]) continue;
    all[p.rowClient[i]!]! += 1;
    here[p.rowClient[i]!]! += movable[i]!;
  }
  const focus = here.map((n, c) => (2 * n >= all[c]! ? 1 : 0)) as unknown as Uint8Array;
  return { ...p, movable, staffExcluded, focus: Uint8Array.from(focus) };
}

/**
 * Puts the halves' plans together: each row takes the staff its half gave it (the half of its
 * staff in `staff`, the plan both started from).
 *
 * @example
 * const next = joinHalves(state.staff, half, [a.current, b.current]);
 */
export function joinHalves(staff: Int32Array, half: Uint8Array, plans: readonly [Int32Array, Int32Array]): Int32Array {
  return staff.map((s, i) => plans[half[s]!]![i]!);
}
