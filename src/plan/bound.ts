/**
 * A lower bound on each counted client's staff count, valid for every plan the planner may make.
 *
 * A client needs `need` staff contributions: each counted row (both staff count) or each counted
 * visit (one staff counts). A staff member can give at most one contribution per visit (the rows
 * of one visit overlap, and nobody is at two overlapping rows) and only at visits they could take:
 * role, group, availability that day, and no overlap with a row they keep whatever the plan (a
 * row the planner never moves: not counted, or of an excluded role). Other visits they are busy
 * with are ignored, which only loosens the bound. So the client meets at least the smallest k
 * such that the k largest of these per-staff capacities sum to `need`.
 *
 * @module
 */
import { dayKey, type PlanProblem } from './model.js';

/**
 * The bound of every counted client, in the problem's client order.
 *
 * @example
 * clientLowerBounds(problem); // → [3, 4, 2, …]
 */
export function clientLowerBounds(p: PlanProblem): number[] {
  const able = ableStaff(p);
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
      const staff = new Set<number>();
      for (const i of rows) for (const s of able(i)) staff.add(s);
      for (const s of staff) capacity.set(s, (capacity.get(s) ?? 0) + 1);
    }
    const caps = [...capacity.values()].sort((a, b) => b - a);
    let k = 0;
    let covered = 0;
    while (covered < need && k < caps.length) covered += caps[k++]!;
    return Math.max(k, widest);
  });
}

/** The staff who could take row i in some plan (its input staff member always can). */
function ableStaff(p: PlanProblem): (i: number) => number[] {
  // Per day: the staff available then, with the rows they keep in every plan (never moved).
  const kept = new Map<number, number[]>();
  for (let i = 0; i < p.visits.length; i++) {
    if (p.movable[i]) continue;
    const key = dayKey(p, p.inputStaff[i]!, p.day[i]!);
    (kept.get(key) ?? kept.set(key, []).get(key)!).push(i);
  }
  const byDay = new Map<number, { staff: number[]; spans: number[][]; kept: number[][] }>();
  const dayOf = (d: number) => {
    let e = byDay.get(d);
    if (e === undefined) {
      // in order of the start of their first span: the loop below stops at the first who starts after the row
      const staff = [...(p.staffOnDay.get(d - p.day0) ?? [])].sort((a, b) => p.available.get(dayKey(p, a, d))![0]! - p.available.get(dayKey(p, b, d))![0]! || a - b);
      const keys = staff.map((s) => dayKey(p, s, d));
      byDay.set(d, (e = { staff, spans: keys.map((k) => p.available.get(k)!), kept: keys.map((k) => kept.get(k) ?? []) }));
    }
    return e;
  };
  return (i) => {
    const v = p.visits[i]!;
    if (!p.movable[i]) return [p.inputStaff[i]!];
    const out: number[] = [p.inputStaff[i]!];
    const { staff, spans, kept: keeps } = dayOf(p.day[i]!);
    for (let x = 0; x < staff.length; x++) {
      const s = staff[x]!;
      const span = spans[x]!;
      if (span[0]! > v.start) break;
      if (s === p.inputStaff[i]) continue;
      let inside = false;
      for (let k = 0; k < span.length && !inside; k += 2) inside = span[k]! <= v.start && v.end <= span[k + 1]!;
      if (!inside || p.staffExcluded[s]) continue;
      if (p.keepGroup && !p.staffGroups[s]!.has(v.group)) continue;
      // a row s keeps that overlaps i rules s out (an overlap is allowed only between rows that both stay with their input staff)
      const keep = keeps[x]!;
      let clash = false;
      for (let k = 0; k < keep.length && !clash; k++) clash = p.visits[keep[k]!]!.start < v.end && v.start < p.visits[keep[k]!]!.end;
      if (!clash) out.push(s);
    }
    return out;
  };
}
