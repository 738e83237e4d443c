// The route figures' result with each window's staff-days in columns (made into objects as they are read): its types, its summaries and its objects.
import { selfDisplaying } from '../../jupyter.js';
import type { DayWindow } from '../../windows/windows.js';
import { StaffDays, StaffSummaries } from './staffdays.js';
import { summariseGroups } from './summary.js';
import type { RoutesResult, RoutesWindow } from './types.js';

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
  const order = groupNames.map((_, g) => g).filter((g) => groups[g] !== null)
    .sort((a, b) => (groupNames[a]! < groupNames[b]! ? -1 : groupNames[a]! > groupNames[b]! ? 1 : 0));
  const perGroup = order.map((g) => ({ group: groupNames[g]!, ...groups[g]! }));
  return { from: w.from, to: w.to, days: w.days, ...all, groups: perGroup, perStaff: new StaffSummaries(days, staffNames, groupNames), routes: days };
}
