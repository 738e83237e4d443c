import type { ContinuityResult, ContinuitySummary, ContinuityWindow } from '../../measures/continuity/types.js';
import { clean, contactShareOf, EPSILON, FIGURES, show, showAmount, showChange, where } from './figures.js';
import type { BaselineChange, CheckStatus, Figure, Tolerance } from './types.js';

/**
 * Pairs the windows of a measure with those of its baseline: when each has exactly one window the
 * two are compared whatever their dates (a schedule against the previous export); otherwise
 * windows are paired by their first day (a monthly series against another).
 *
 * @example
 * pairWindows(current, previous).map(([c, b]) => [c.from, b.from]); // → [['2024-11-04', '2024-10-21']]
 */
export function pairWindows(current: ContinuityResult, baseline: ContinuityResult): [ContinuityWindow, ContinuityWindow][] {
  const [c0] = current.windows;
  const [b0] = baseline.windows;
  if (current.windows.length === 1 && baseline.windows.length === 1 && c0 !== undefined && b0 !== undefined) return [[c0, b0]];
  const byFrom = new Map(baseline.windows.map((w) => [w.from, w]));
  const pairs: [ContinuityWindow, ContinuityWindow][] = [];
  for (const w of current.windows) {
    const b = byFrom.get(w.from);
    if (b !== undefined) pairs.push([w, b]);
  }
  return pairs;
}

const SCOPE_FIGURES = ['mean', 'median', 'shareAbove20', 'maxStaff', 'contactShare'] as const satisfies readonly Figure[];

/**
 * How each figure changed against a baseline measure (e.g. the previous schedule export), for the
 * whole log and the given groups, window by window (see {@link pairWindows}), plus the share of
 * rejected rows. `change = current − previous`. A change is:
 * - `fail` when the figure worsened by more than its tolerance;
 * - `warn` when it worsened within its tolerance, or has no tolerance (reported, never failing);
 * - `pass` when it stayed the same or improved;
 * - `skipped` when either side has no value (e.g. no eligible client in a group).
 * The contact share is compared only when either window has a value for it. A pure function.
 *
 * @example
 * compareToBaseline(current, previous, { tolerance: { mean: 0.5 } })
 *   .filter((c) => c.status === 'fail'); // → the figures that worsened beyond their tolerance
 */
export function compareToBaseline(current: ContinuityResult, baseline: ContinuityResult, options: { tolerance?: Tolerance; groups?: readonly string[] } = {}): BaselineChange[] {
  const tolerance = options.tolerance ?? {};
  const changes: BaselineChange[] = [];
  for (const [w, b] of pairWindows(current, baseline)) {
    const scopes: [string | null, ContinuitySummary | null, ContinuitySummary | null][] = [[null, w, b]];
    for (const g of options.groups ?? []) scopes.push([g, w.groups.find((x) => x.group === g) ?? null, b.groups.find((x) => x.group === g) ?? null]);
    const hasContact = typeof contactShareOf(w) === 'number' || typeof contactShareOf(b) === 'number';
    for (const [group, now, before] of scopes) {
      for (const figure of SCOPE_FIGURES) {
        if (figure === 'contactShare' && !hasContact) continue;
        const cur = now === null ? null : figureOf(now, figure);
        const prev = before === null ? null : figureOf(before, figure);
        changes.push(change(figure, group, [w.from, w.to], [b.from, b.to], cur ?? null, prev ?? null, tolerance[figure]));
      }
    }
  }
  const share = (r: ContinuityResult) => (r.rows.read === 0 ? null : r.rows.rejected / r.rows.read);
  changes.push(change('rejectedShare', null, [null, null], [null, null], share(current), share(baseline), tolerance.rejectedShare));
  return changes;
}

function figureOf(s: ContinuitySummary, figure: (typeof SCOPE_FIGURES)[number]): number | null | undefined {
  if (figure === 'contactShare') return contactShareOf(s);
  if (s.staffPerClient.n === 0) return null;
  return figure === 'maxStaff' ? s.staffPerClient.max : s.staffPerClient[figure];
}

function change(
  figure: Figure, group: string | null, [from, to]: [string | null, string | null], [baselineFrom, baselineTo]: [string | null, string | null],
  current: number | null, previous: number | null, tolerance: number | undefined,
): BaselineChange {
  const { label, unit, higherIsBetter } = FIGURES[figure];
  const base = { figure, scope: group === null ? 'all' as const : 'group' as const, group, from, to, baselineFrom, baselineTo, tolerance: tolerance ?? null };
  const place = where(group, from, to);
  if (current === null || previous === null) {
    const missing = current === null && previous === null ? 'neither measure' : current === null ? 'the schedule' : 'the baseline';
    return { ...base, current, previous, change: null, direction: null, status: 'skipped', message: `${label}: not compared, ${missing} has no value (${place})` };
  }
  const delta = clean(current - previous);
  const worse = higherIsBetter ? -delta : delta;
  const direction = worse > EPSILON ? 'worse' : worse < -EPSILON ? 'better' : 'same';
  const status: CheckStatus = direction !== 'worse' ? 'pass' : tolerance !== undefined && worse > tolerance + EPSILON ? 'fail' : 'warn';
  const tol = tolerance === undefined ? '' : ` ${showAmount(tolerance, unit)}`;
  const verdict = status === 'fail' ? `, beyond the tolerance${tol}` : status === 'warn' ? (tolerance === undefined ? '' : `, within the tolerance${tol}`) : '';
  const verb = direction === 'same' ? 'unchanged at' : direction === 'worse' ? 'worsened from' : 'improved from';
  const what = direction === 'same' ? show(current, unit) : `${show(previous, unit)} to ${show(current, unit)} (${showChange(delta, unit)})`;
  return { ...base, current, previous, change: delta, direction, status, message: `${label} ${verb} ${what}${verdict} (${place})` };
}
