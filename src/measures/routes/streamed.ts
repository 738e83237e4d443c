// The route figures' result with each window's staff-days in columns (made into objects as they are read): its types, its summaries and its objects.
import { selfDisplaying } from '../../jupyter.js';
import type { DayWindow } from '../../windows/windows.js';
import { STREAMED_ROWS } from '../../streamed-rows.js';
import { gaveUp } from '../../engine/garbage.js';
import { mostFrequent, TEXT_BYTES, type StaffDays } from './staffdays.js';
import { summariseGroups, summariseRoutes, totalGroups } from './summary.js';
import type { RouteSummary, RouteTotalsWindow, RoutesResult, RoutesWindow } from './types.js';

/**
 * A window of the route figures with its staff-days in columns ({@link StaffDays}: made into
 * objects as they are read).
 *
 * @example
 * const w: StreamedRoutesWindow = acc.finishStreamed().windows[0];
 * w.routes.slice(0, 10); // → the first ten staff-days
 */
export type StreamedRoutesWindow = Omit<RoutesWindow, 'routes' | 'perStaff'> & { perStaff: StaffSummaries; routes: StaffDays };

/**
 * {@link RoutesResult} with each window's staff-days in columns ({@link StreamedRoutesWindow}).
 *
 * @example
 * await writeJson(process.stdout, await measureRoutesStreamed('visits.csv'), ['routes', 'perStaff']);
 */
export type StreamedRoutesResult = Omit<RoutesResult, 'windows'> & { windows: StreamedRoutesWindow[] };

/**
 * A streamed result with every window's staff-days and staff summaries made into arrays of objects.
 *
 * @example
 * materialised(acc.finishStreamed()).windows[0].routes[0]; // → { staff: 'S1', day: '2024-10-01', … }
 */
export function materialised(r: StreamedRoutesResult): RoutesResult {
  return selfDisplaying({ ...r, windows: r.windows.map((w) => ({ ...w, perStaff: w.perStaff.slice(), routes: w.routes.slice() })) });
}

/** The summaries of a window's staff-days: all, per group (by name), per staff member (by id; made as they are read). */
export function windowSummary(w: DayWindow, days: StaffDays, staffNames: readonly string[], groupNames: readonly string[]): StreamedRoutesWindow {
  const { all, groups } = summariseGroups(days.figuresOf(), days.group, groupNames.length);
  return { from: w.from, to: w.to, days: w.days, ...all, groups: byName(groups, groupNames), perStaff: new StaffSummaries(days, staffNames, groupNames), routes: days };
}

/** A window's totals, all and per group ({@link RouteTotalsWindow}). */
export function windowTotals(w: DayWindow, days: StaffDays, groupNames: readonly string[]): RouteTotalsWindow {
  const { all, groups } = totalGroups(days.figuresOf(), days.group, groupNames.length);
  return { from: w.from, to: w.to, days: w.days, ...all, groups: byName(groups, groupNames) };
}

/** The groups with days, named, in the order of their names. */
function byName<S>(groups: readonly (S | null)[], groupNames: readonly string[]): (S & { group: string })[] {
  const order = groupNames.map((_, g) => g).filter((g) => groups[g] !== null)
    .sort((a, b) => (groupNames[a]! < groupNames[b]! ? -1 : groupNames[a]! > groupNames[b]! ? 1 : 0));
  return order.map((g) => ({ group: groupNames[g]!, ...groups[g]! }));
}

/**
 * A window's {@link RoutesWindow.perStaff}: each staff member's summary made when it is read, from
 * the member's staff-days (consecutive in {@link StaffDays}), in staff id order. A streamed array
 * like {@link StaffDays} (a log can have tens of thousands of staff, ~2.6 kB of summary each).
 *
 * @example
 * const list = new StaffSummaries(days, staffNames, groupNames);
 * list.slice(0, 1); // → [{ staff: 'S1', group: 'Norr', staffDays: 14, … }]
 */
export class StaffSummaries implements Iterable<StaffSummary> {
  readonly [STREAMED_ROWS] = true;
  /** Summaries written at once (see {@link StaffDays.batch}). */
  readonly batch = 16;
  /** Where each staff member's staff-days begin in `days` (one more entry: the end). */
  private readonly first: Int32Array;

  constructor(
    private readonly days: StaffDays,
    private readonly staffNames: readonly string[],
    private readonly groupNames: readonly string[],
  ) {
    const first = [0];
    for (let k = 1; k < days.length; k++) if (days.staff[k] !== days.staff[k - 1]) first.push(k);
    if (days.length > 0) first.push(days.length);
    this.first = Int32Array.from(first);
  }

  get length(): number {
    return this.first.length - 1;
  }

  /** Staff members [from, to) as summaries (their text noted as given up, see {@link StaffDays.slice}). */
  slice(from = 0, to = this.length): StaffSummary[] {
    const out: StaffSummary[] = [];
    for (let s = Math.max(0, from); s < Math.min(to, this.length); s++) out.push(this.summary(s));
    gaveUp(2 * TEXT_BYTES * out.length);
    return out;
  }

  *[Symbol.iterator](): Iterator<StaffSummary> {
    for (let s = 0; s < this.length; s++) yield this.summary(s);
  }

  toJSON(): StaffSummary[] {
    return this.slice();
  }

  private summary(s: number): StaffSummary {
    const a = this.first[s]!, b = this.first[s + 1]!;
    const ks = Array.from({ length: b - a }, (_, j) => a + j);
    const group = mostFrequent(ks.map((k) => this.days.group[k]!), (g) => this.groupNames[g]!);
    return { staff: this.staffNames[this.days.staff[a]!]!, group: this.groupNames[group]!, ...summariseRoutes(this.days.figuresOf(ks)) };
  }
}

/** A staff member's summary in {@link RoutesWindow.perStaff}. */
export type StaffSummary = RouteSummary & { staff: string; group: string };
