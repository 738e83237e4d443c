/**
 * A lower bound on each counted client's staff count, valid for every plan the planner may make.
 *
 * A client needs `need` staff contributions: each counted row (both staff count) or each counted
 * visit (one staff counts). A staff member can give at most one contribution per visit (the rows
 * of one visit overlap, and nobody is at two overlapping rows) and only at visits they could take
 * at all (role, group, availability that day; other visits they are busy with are ignored, which
 * only loosens the bound). So the client meets at least the smallest k such that the k largest
 * of these per-staff capacities sum to `need`.
 *
 * @module
 */
import { availableFor, type PlanProblem } from './model.js';

/**
 * The bound of every counted client, in the problem's client order.
 *
 * @example
 * clientLowerBounds(problem); // → [3, 4, 2, …]
 */
export function clientLowerBounds(p: PlanProblem): number[] {
  const unitsOf = p.clients.map(() => [] as number[]);
  p.units.forEach((rows, u) => unitsOf[p.rowClient[rows[0]!]!]!.push(u));
  return unitsOf.map((units) => {
    let need = 0;
    const capacity = new Map<number, number>();
    let widest = 0;
    for (const u of units) {
      const rows = p.units[u]!;
      need += p.countBothStaff ? rows.length : 1;
      widest = Math.max(widest, p.countBothStaff ? rows.length : 1);
      const able = new Set<number>();
      for (const i of rows) {
        for (const s of p.staffOnDay.get(p.day[i]! - p.day0) ?? []) if (canTake(p, i, s)) able.add(s);
      }
      for (const s of able) capacity.set(s, (capacity.get(s) ?? 0) + 1);
    }
    const caps = [...capacity.values()].sort((a, b) => b - a);
    let k = 0;
    let covered = 0;
    while (covered < need && k < caps.length) covered += caps[k++]!;
    return Math.max(k, widest);
  });
}

function canTake(p: PlanProblem, i: number, s: number): boolean {
  if (s === p.inputStaff[i]) return true;
  if (p.staffExcluded[s] || !p.movable[i]) return false;
  if (p.keepGroup && !p.staffGroups[s]!.has(p.visits[i]!.group)) return false;
  return availableFor(p, s, i);
}
