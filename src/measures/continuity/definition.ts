/**
 * The definition of the staff-continuity indicator (Kolada U21401/U21402/U21436): the whole rule
 * once, in plain TypeScript over visits in memory, to be read beside domain.md ("The official
 * indicator") and README "The indicator, rule by rule". The engine (accumulator.ts and what it
 * calls) computes the same from a streamed file; test/continuity/definition.test.ts holds them equal.
 *
 * @module
 */
import type { RowIssue } from '../../errors.js';
import { ageOn, civilFromDays, civilNumber, daysFromCivil } from '../../windows/civil.js';
import { seriesWindows, type DayWindow, type MonthAnchor } from '../../windows/windows.js';
import type { LocalZone } from '../../windows/zone.js';
import type { ReadLedger, ReadOptions } from '../../read/types.js';
import { mostListed, noteClient, resultOf, usedRows, type ClientFacts, type ReadLog } from './definition-result.js';
import { doubleStaffed, visitsOf, type CountedVisitRow, type VisitRow } from './definition-visits.js';

export type { CountedVisitRow } from './definition-visits.js';
import { clientIndices } from './indices.js';
import { kindMatcher, type ContinuityRules } from './rules.js';
import { measureSettings, type MeasureOptions, type MeasureSettings, type RowFacts } from './settings.js';
import type { ClientContinuity, ContinuityResult, ExclusionReason, IneligibleReason } from './types.js';


/**
 * The first day of the monthly window a local day falls in (domain.md: "a series of windows, e.g.
 * one per month"; "some start on the first Monday of the month"): the first day of its month, or
 * that month's first Monday. Day numbers count from 1970-01-01 (a Thursday).
 *
 * @example
 * monthWindowStart(daysFromCivil(2024, 10, 20), 'first-monday') === daysFromCivil(2024, 10, 7); // → true
 */
export function monthWindowStart(day: number, anchor: MonthAnchor): number {
  const ymd = civilNumber(day);
  const first = daysFromCivil(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100, 1);
  const weekday = (((first + 3) % 7) + 7) % 7; // Monday 0 … Sunday 6
  return anchor === 'first-day' ? first : first + ((7 - weekday) % 7);
}

/**
 * The local day whose day hours (domain.md: "only those in 07:00–22:00 local time", the rules'
 * [dayStartMinute, dayEndMinute)) hold a row, or null when none does. By its start (default): the
 * start's local day, when the start's local time is within the hours. By overlap
 * (`inWindowBy: 'overlap'`): the first local day, from the start's on, whose hours overlap
 * [start, end), so a row from 23:30 to 07:30 counts on the next day.
 *
 * @example
 * dayOfHours({ start: Date.parse('2024-10-21T21:30:00+02:00'), end: Date.parse('2024-10-21T22:30:00+02:00') }, rules, zone); // → the day of 2024-10-21
 */
export function dayOfHours(row: { start: number; end: number }, rules: ContinuityRules, zone: LocalZone): number | null {
  const startDay = zone.localDay(row.start);
  if (rules.inWindowBy === 'start') {
    const minute = zone.localMinuteOfDay(row.start);
    return minute >= rules.dayStartMinute && minute < rules.dayEndMinute ? startDay : null;
  }
  for (let day = startDay; ; day++) {
    if (zone.atLocalMinute(day, rules.dayStartMinute) >= row.end) return null; // over before the hours open
    if (zone.atLocalMinute(day, rules.dayEndMinute) > row.start) return day;
  }
}

/**
 * What {@link placeRow} needs: the rules, the zone, the one window of `from` (null: monthly), the
 * series' anchor, and whether a kind or a role is excluded ({@link kindMatcher} of the rules' lists).
 *
 * @example
 * const p: Placing = placingOf(measureSettings({ from: '2024-10-21' }));
 */
export interface Placing {
  rules: ContinuityRules;
  zone: LocalZone;
  fixed: DayWindow | null;
  anchor: MonthAnchor;
  excludedKind: (kind: string) => boolean;
  excludedRole: (role: string) => boolean;
}

/**
 * The {@link Placing} of a measure's settings: the rules' excluded kinds and roles as matchers
 * (a kind's whole value or its first word, normalised: `'Trygghetslarm - utryckning'` is excluded).
 *
 * @example
 * placingOf(measureSettings({})).excludedKind('Larm utryckning'); // → true
 */
export function placingOf(settings: MeasureSettings): Placing {
  const { rules, zone, fixed, anchor } = settings;
  return { rules, zone, fixed, anchor, excludedKind: kindMatcher(rules.excludedKinds), excludedRole: kindMatcher(rules.excludedRoles) };
}

/**
 * Where a row goes: the first day of its window and the day of the window it counts on, or the
 * first reason it does not count, checked in this order (README "Rows are excluded for the first
 * reason that applies"):
 * 1. `outside_window`: its day is not one of the window's 14 days. Its day is the start's local
 *    day (with `inWindowBy: 'overlap'` the day it counts on, when it has one); its window the one
 *    window of `from`, or the window of its day's month.
 * 2. `excluded_kind`: safety alarm, meal delivery, home health care (domain.md: "do not count").
 * 3. `excluded_role`: home health care staff (domain.md: "HSL staff are not counted").
 * 4. `outside_day_hours`: outside 07:00–22:00 ({@link dayOfHours}; domain.md: night patrol is outside).
 *
 * A row that would count in a month the series does not report becomes `window_partly_covered`
 * or `before_series` afterwards ({@link usedRows}); a row there excluded by 2–4 keeps that reason.
 *
 * @example
 * placeRow(visit, placingOf(measureSettings({ from: '2024-10-21' }))); // → { fromDay: 20017, day: 3 } or e.g. 'excluded_kind'
 */
export function placeRow(row: RowFacts, p: Placing): { fromDay: number; day: number } | ExclusionReason {
  const hoursDay = dayOfHours(row, p.rules, p.zone);
  const day = p.rules.inWindowBy === 'overlap' ? hoursDay ?? p.zone.localDay(row.start) : p.zone.localDay(row.start);
  const fromDay = p.fixed?.fromDay ?? monthWindowStart(day, p.anchor);
  if (day < fromDay || day >= fromDay + p.rules.days) return 'outside_window';
  if (p.excludedKind(row.kind)) return 'excluded_kind';
  if (p.excludedRole(row.staffRole)) return 'excluded_role';
  if (hoursDay === null) return 'outside_day_hours';
  return { fromDay, day: hoursDay - fromDay };
}

/**
 * One client in one window, from its counted rows there (README "The indicator, rule by rule"):
 * - visits: rows sharing a visit id, or without one overlapping by half ({@link visitsOf});
 *   domain.md: "a double-staffed visit counts as one visit". A visit counts on the day of its
 *   earliest row, and for the group of its first staff member's row ({@link firstStaffRow});
 * - the visits rule: at least `minVisitsPerDay` visits every day (`kolada`; the first short day is
 *   given), or on average (`ange`); then the age rule: `minAge` (65) at the window start, when known;
 * - staff: the different staff met at counted visits, both of a double-staffed visit
 *   (`countBothStaff`, default) or each visit's first staff member only;
 * - double-staffed visits: two different staff together ≥ `handoverMinutes` ({@link doubleStaffed});
 * - group: that of most of its visits (ties: the first name in sort order; '' without visits).
 *
 * @example
 * evaluateClient('C1', rows, 84, window, rules).staff; // → different staff met in the window
 */
export function evaluateClient(client: string, rows: readonly CountedVisitRow[], age: number | null, window: DayWindow, rules: ContinuityRules): ClientContinuity {
  const visits = visitsOf(rows);
  const perDay = new Array<number>(window.days).fill(0);
  const visitsOfGroup = new Map<string, number>();
  const staff = new Set<string>();
  let doubleStaffedVisits = 0;
  for (const visit of visits) {
    const first = firstStaffRow(rows, visit);
    perDay[rows[visit[0]!]!.day]!++; // a visit's rows are in start order
    visitsOfGroup.set(first.group, (visitsOfGroup.get(first.group) ?? 0) + 1);
    if (doubleStaffed(rows, visit, rules.handoverMinutes * 60_000)) doubleStaffedVisits++;
    if (rules.countBothStaff) for (const i of visit) staff.add(rows[i]!.staff);
    else staff.add(first.staff);
  }
  const { reason, shortDay } = countedOrWhyNot(perDay, visits.length, age, rules);
  return {
    client,
    group: majority(visitsOfGroup),
    eligible: reason === null,
    visits: visits.length,
    staff: staff.size,
    reason,
    firstShortDay: shortDay >= 0 ? civilFromDays(window.fromDay + shortDay) : null,
    age,
    doubleStaffedVisits,
  };
}

/**
 * Whether a client is counted, from its counted visits per day of the window, their number and its
 * age at the window start, or the first reason it is not (README "The indicator, rule by rule"):
 * no counted visits; the visits rule, at least `minVisitsPerDay` visits every day (`kolada`; the
 * first short day is given, 0-based, else -1) or on average over the window's days (`ange`);
 * then the age rule, `minAge` at the window start when the age is known.
 *
 * @example
 * countedOrWhyNot([2, 1, 3], 6, 84, resolveRules({ days: 3 })); // → { reason: 'too_few_visits_on_a_day', shortDay: 1 }
 */
export function countedOrWhyNot(perDay: ArrayLike<number>, visits: number, age: number | null, rules: ContinuityRules): { reason: IneligibleReason | null; shortDay: number } {
  let reason: IneligibleReason | null = null;
  let shortDay = -1;
  if (visits === 0) reason = 'no_counted_visits';
  else if (rules.dailyRule === 'every-day') {
    for (let d = 0; d < perDay.length && shortDay < 0; d++) if (perDay[d]! < rules.minVisitsPerDay) shortDay = d;
    if (shortDay >= 0) reason = 'too_few_visits_on_a_day';
  } else if (visits < rules.minVisitsPerDay * perDay.length) reason = 'too_few_visits_on_average';
  if (reason === null && rules.minAge !== null && age !== null && age < rules.minAge) reason = 'under_min_age';
  return { reason, shortDay };
}

/**
 * The row of a visit's first staff member (the one counted with `countBothStaff: false`): earliest
 * start, then end, then lowest staff id (as text); of equal rows the first given.
 *
 * @example
 * firstStaffRow([{ start: 0, end: 60, visitId: 'V', staff: 'S2' }, { start: 0, end: 60, visitId: 'V', staff: 'S10' }], [0, 1]).staff; // → 'S10'
 */
export function firstStaffRow<R extends VisitRow>(rows: readonly R[], visit: readonly number[]): R {
  let best = rows[visit[0]!]!;
  for (const i of visit) {
    const r = rows[i]!;
    if (r.start < best.start || (r.start === best.start && (r.end < best.end || (r.end === best.end && r.staff < best.staff)))) best = r;
  }
  return best;
}

/** The name counted most often (ties: the first in sort order); '' for none. */
function majority(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let most = 0;
  for (const [name, n] of counts) if (n > most || (n === most && name < best)) [best, most] = [name, n];
  return best;
}

/**
 * A client's age at a window's start (README: "a client with several values: the youngest"): from
 * the latest birth date given, else the lowest age given, else null (unknown: no age filter).
 *
 * @example
 * ageAtStart({ birthDay: daysFromCivil(1959, 10, 25), age: null, contacts: new Map() }, daysFromCivil(2024, 10, 21)); // → 64
 */
export function ageAtStart(facts: ClientFacts, fromDay: number): number | null {
  return facts.birthDay !== null ? ageOn(facts.birthDay, fromDay) : facts.age;
}

/**
 * Reads the rows: each is noted for its client ({@link noteClient}) and placed ({@link placeRow}):
 * kept as a counted row of its window, or counted by the reason it is excluded.
 *
 * @example
 * readLog(visits, placingOf(measureSettings({ from: '2024-10-21' }))).excluded; // → { outside_window: 12, … }
 */
export function readLog(visits: Iterable<RowFacts>, placing: Placing): ReadLog {
  const log = emptyLog();
  for (const v of visits) readRow(log, v, placing);
  return log;
}

/**
 * A {@link ReadLog} before any row: for {@link readRow}, when the rows come one at a time (a
 * callback of `scanVisits`).
 *
 * @example
 * const log = emptyLog(); scanVisits(path, (v) => readRow(log, v, placing));
 */
export function emptyLog(): ReadLog {
  return { clients: new Map(), counted: new Map(), excluded: {}, firstDay: Infinity, lastDay: -Infinity };
}

/**
 * Reads one row into a log ({@link readLog}'s step): noted for its client, its local start day
 * widening the log's days, kept as a counted row of its window or counted by its reason.
 *
 * @example
 * readRow(log, visit, placing); log.counted.get(fromDay)?.get(visit.client)?.length; // → one more
 */
export function readRow(log: ReadLog, v: RowFacts, placing: Placing): void {
  noteClient(log.clients, v);
  const startDay = placing.zone.localDay(v.start);
  log.firstDay = Math.min(log.firstDay, startDay);
  log.lastDay = Math.max(log.lastDay, startDay);
  const place = placeRow(v, placing);
  if (typeof place === 'string') log.excluded[place] = (log.excluded[place] ?? 0) + 1;
  else {
    const byClient = log.counted.get(place.fromDay) ?? log.counted.set(place.fromDay, new Map()).get(place.fromDay)!;
    const rows = byClient.get(v.client) ?? byClient.set(v.client, []).get(v.client)!;
    rows.push({ start: v.start, end: v.end, staff: v.staff, visitId: v.visitId, group: v.group, day: place.day });
  }
}

/**
 * The windows reported: the one of `from`; or one per month the log covers wholly, from its first
 * to its last day (domain.md: "a series of windows, e.g. one per month"; a month covered in part
 * would make clients ineligible for days without data), the latest `maxWindows` of them, the
 * earlier ones `dropped` (with a warning to `onWarning`). A log with rows but no whole window
 * gives no window and a warning saying why (`warnings`, also to `onWarning`).
 *
 * @example
 * reportedWindows(measureSettings({}), log).windows.map((w) => w.from); // → ['2024-10-01', '2024-11-01']
 */
export function reportedWindows(settings: MeasureSettings, log: Pick<ReadLog, 'firstDay' | 'lastDay'>): { windows: DayWindow[]; dropped: DayWindow[]; warnings: string[] } {
  if (settings.fixed !== null) return { windows: [settings.fixed], dropped: [], warnings: [] };
  const series = seriesWindows(log.firstDay, log.lastDay, settings.rules.days, settings.anchor, settings.zone, settings.maxWindows);
  if (series.warning !== null) settings.onWarning?.(series.warning);
  return { windows: series.windows, dropped: series.dropped, warnings: series.warning === null ? [] : [series.warning] };
}

/**
 * The continuity measure over visits in memory, as the reader gives them (e.g. `readVisits`; the
 * public `continuity` in measure.ts checks each visit first and passes its rejects as `rejected`):
 * the rows are read and placed ({@link readLog}), the windows chosen ({@link reportedWindows}),
 * every client of the log is evaluated in every window ({@link evaluateClient}; with `indices`,
 * its continuity indices too), and the result summarised (definition-result.ts).
 *
 * @example
 * const { visits, ledger } = await readVisits('data/sample-visits.csv');
 * continuity(visits, { from: '2024-10-01' }, ledger).windows[0].staffPerClient.mean; // → the U21401 figure
 */
export function continuity(
  visits: Iterable<RowFacts>,
  options: MeasureOptions & Pick<ReadOptions, 'onWarning'> = {},
  ledger?: ReadLedger,
  rejected: { readonly rejected: number; readonly issues: readonly RowIssue[] } = { rejected: 0, issues: [] },
): ContinuityResult {
  const settings = measureSettings(options);
  return evaluateLog(settings, readLog(visits, placingOf(settings)), ledger, rejected);
}

/**
 * The measure over a log already read ({@link readLog}, or {@link readRow} row by row): the
 * windows chosen ({@link reportedWindows}), every client of the log evaluated in every window
 * ({@link evaluateClient}; with `indices`, its continuity indices too), and the result
 * summarised (definition-result.ts). {@link continuity} is this after {@link readLog}.
 *
 * @example
 * evaluateLog(settings, log, ledger).windows[0].staffPerClient.mean; // → the U21401 figure
 */
export function evaluateLog(
  settings: MeasureSettings,
  log: ReadLog,
  ledger?: ReadLedger,
  rejected: { readonly rejected: number; readonly issues: readonly RowIssue[] } = { rejected: 0, issues: [] },
): ContinuityResult {
  const reported = reportedWindows(settings, log);
  const used = usedRows(log, reported);
  const ids = [...log.clients.keys()].sort();
  const windows = reported.windows.map((window) => ({
    window,
    perClient: ids.map((id) => {
      const facts = log.clients.get(id)!;
      const rows = log.counted.get(window.fromDay)?.get(id) ?? [];
      const result = evaluateClient(id, rows, ageAtStart(facts, window.fromDay), window, settings.rules);
      if (settings.withIndices) result.indices = clientIndices(rows.map((r) => ({ ...r, staffId: r.staff })), mostListed(facts.contacts), visitsOf);
      return result;
    }),
  }));
  return resultOf(settings, { used, excluded: log.excluded, clients: log.clients, windows, warnings: reported.warnings }, ledger, rejected);
}
