/**
 * Brukartid (client-time share, Kolada U21901) of the input and of a plan, by the routes measure's
 * own definition (`routes`, src/measures/routes/): Σ client minutes / Σ working minutes over the
 * staff-days of the window with at least one row; client minutes are the union of a staff-day's
 * rows, working minutes its start to end of work.
 *
 * The start and end of work are each staff-day's: the availability spans the planner uses that
 * hold a row of that day (the first visit to the last without shift columns, the shift when given,
 * the roster's shifts with a roster), set as the rows' shift_start/shift_end before the routes
 * measure runs. So a row moved to another staff member does not carry its old staff member's
 * shift, and the working time of a staff-day is the same before and after unless the plan fills
 * or empties it. Without a roster or shift columns, the input's figure equals `routes` on the input.
 *
 * @module
 */
import { routes } from '../measures/routes/measure.js';
import type { Visit } from '../read/types.js';
import { dayKey, type PlanProblem } from './model.js';

/**
 * The pooled brukartid of the rows with staff `staff` (indices into `p.staffIds`), in the window
 * of `from` and `days`; null when no staff-day has working time.
 *
 * @example
 * planBrukartid(problem, problem.inputStaff, { from: '2024-10-01', days: 14, zone: 'Europe/Stockholm' }); // → e.g. 0.58
 */
export function planBrukartid(p: PlanProblem, staff: Int32Array, window: { from: string; days: number; zone: string }): number | null {
  const byDay = new Map<number, number[]>();
  for (let i = 0; i < staff.length; i++) {
    const key = dayKey(p, staff[i]!, p.day[i]!);
    (byDay.get(key) ?? byDay.set(key, []).get(key)!).push(i);
  }
  const rows: Visit[] = new Array<Visit>(staff.length);
  for (const [key, list] of byDay) {
    const spans = p.available.get(key) ?? [];
    let from = Infinity, to = -Infinity;
    for (const i of list) {
      const v = p.visits[i]!;
      from = Math.min(from, v.start);
      to = Math.max(to, v.end);
      for (let k = 0; k < spans.length; k += 2) {
        if (spans[k]! < v.end && v.start < spans[k + 1]!) { from = Math.min(from, spans[k]!); to = Math.max(to, spans[k + 1]!); }
      }
    }
    // without coordinates: the share needs no travel, and the routes measure then skips its best-order search
    for (const i of list) rows[i] = { ...p.visits[i]!, staff: p.staffIds[staff[i]!]!, shiftStart: from, shiftEnd: to, lat: null, lon: null };
  }
  const r = routes(rows, { from: window.from, rules: { days: window.days }, zone: window.zone });
  return r.windows[0]?.clientTimeShare ?? null;
}
