import { groupBy, sortedKeys } from '../../summary/groupBy.js';
import { selfDisplaying } from '../../jupyter.js';
import { ContinuityAccumulator } from '../../engine/accumulator.js';
import { materialise, type StreamedResult } from '../../engine/clientlist.js';
import type { MeasureOptions } from '../continuity/settings.js';
import type { ContinuityRules } from '../continuity/rules.js';
import type { ContinuityResult, ContinuityWindow } from '../continuity/types.js';
import { fillAccumulator } from '../../engine/door.js';
import type { SpareThread } from '../../engine/filled.js';
import { KontinuitetError } from '../../errors.js';
import { checkVisitList } from '../../options.js';
import { spread } from '../../summary/spread.js';
import { MS_PER_HOUR } from '../../windows/civil.js';
import type { CodedSink } from '../../engine/fast.js';
import type { ReadLedger, ReadOptions, Visit, VisitInput, VisitSource } from '../../read/types.js';
import type { ClientWindowStaffing } from './client.js';
import type { RecurringSlot, StaffingResult, StaffingScope, StaffingSummary, StaffingWindow } from './types.js';

/**
 * Options of the double-staffing figures: the measure's options (window, series, rules, target,
 * zone, and `engine`, the engine's settings, every one of which the figures follow: see
 * {@link measureStaffing}) but the indices, plus the scope and the slot search. The handover
 * threshold is `rules.handoverMinutes` (default 5).
 *
 * @example
 * const options: StaffingOptions = { from: '2024-10-01', rules: { handoverMinutes: 3 }, scope: 'all', engine: { threads: 2 } };
 */
export interface StaffingOptions extends Omit<MeasureOptions, 'indices'> {
  /** `'counted'` (default): the visits the continuity measure counts; `'all'`: every visit starting in the window, any hour, kind or role. */
  scope?: StaffingScope;
  /** A double-staffed visit belongs to a recurring slot when it starts within this many minutes of the slot's time. Default 30. */
  slotToleranceMinutes?: number;
  /** A recurring slot needs double-staffed visits on at least this share of the window's days. Default 0.5. */
  slotMinDayShare?: number;
  /** How many duplicate registrations to list per window (all are counted). Default 1000. */
  maxListed?: number;
}

/**
 * The rules that make the measure's "counted visits" every visit of the window: any hour of the
 * day, no excluded kinds or roles, placed by start day. Used by `scope: 'all'`.
 *
 * @example
 * resolveRules({ ...ALL_VISITS_RULES }).dayEndMinute; // → 1440
 */
export const ALL_VISITS_RULES: Readonly<Partial<ContinuityRules>> = Object.freeze({
  dayStartMinute: 0, dayEndMinute: 1440, inWindowBy: 'start', excludedKinds: [], excludedRoles: [],
});

/**
 * The staffing options checked, with the options of the continuity accumulator the figures run
 * on (the scope's rules; no indices).
 */
interface StaffingSettings {
  scope: StaffingScope;
  tolerance: number;
  minDayShare: number;
  maxListed: number;
  /** Whether the windows list every double-staffed visit (`doubleStaffed`); the report needs only the counts. */
  listVisits: boolean;
  target: number;
  /** The options of the measure's accumulator (and the reader's, as given). */
  measure: MeasureOptions & ReadOptions;
}

/** Checks the staffing options (`BAD_OPTION`) and derives the measure's. */
function staffingSettings(options: StaffingOptions & ReadOptions, listVisits = true): StaffingSettings {
  const scope = options.scope ?? 'counted';
  if (scope !== 'counted' && scope !== 'all') throw new KontinuitetError('BAD_OPTION', `scope: must be 'counted' or 'all'`);
  const tolerance = options.slotToleranceMinutes ?? 30;
  if (!(tolerance >= 0 && tolerance <= 720)) throw new KontinuitetError('BAD_OPTION', 'slotToleranceMinutes: must be from 0 to 720');
  const minDayShare = options.slotMinDayShare ?? 0.5;
  if (!(minDayShare > 0 && minDayShare <= 1)) throw new KontinuitetError('BAD_OPTION', 'slotMinDayShare: must be above 0 and at most 1');
  const maxListed = options.maxListed ?? 1000;
  if (!(Number.isInteger(maxListed) && maxListed >= 0)) throw new KontinuitetError('BAD_OPTION', 'maxListed: must be a whole number ≥ 0');
  const rules = scope === 'all' ? { ...options.rules, ...ALL_VISITS_RULES } : options.rules;
  // the indices are not among the figures: a caller's `indices` (not in the type) is dropped
  const { scope: _s, slotToleranceMinutes: _t, slotMinDayShare: _m, maxListed: _l, indices: _i, ...measure } = options as StaffingOptions & ReadOptions & { indices?: unknown };
  return { scope, tolerance, minDayShare, maxListed, listVisits, target: options.target ?? 14, measure: { ...measure, ...(rules !== undefined ? { rules } : {}) } };
}

/**
 * Accumulates visits one at a time into the double-staffing figures. It runs the continuity
 * measure's own accumulator (same window placement, exclusions and counted rows), so the staff
 * counts with and without the second staff member equal the measure's `staff` with
 * `countBothStaff` true and false.
 *
 * @example
 * const acc = new StaffingAccumulator({ from: '2024-10-01' });
 * for (const v of visits) acc.add(v);
 * acc.finish().windows[0].clients.doubleStaffed; // → clients with at least one double-staffed visit
 */
export class StaffingAccumulator {
  private readonly measure: ContinuityAccumulator;
  private readonly figures: StaffingFigures;

  constructor(options: StaffingOptions = {}) {
    const settings = staffingSettings(options);
    this.measure = new ContinuityAccumulator(settings.measure);
    this.figures = new StaffingFigures(settings, this.measure);
    this.figures.staffAlong();
  }

  /** The zone of the log's local times and of the windows. */
  get zone(): string {
    return this.measure.zone.name;
  }

  /** Takes one visit row. */
  add(v: Visit | VisitInput): void {
    this.measure.add(v);
  }

  /** What the byte-level reader feeds (the continuity measure's accumulator this one runs). */
  get sink(): CodedSink {
    return this.measure;
  }

  /** Evaluates every window; `ledger` (from the reader) completes the row accounting. */
  finish(ledger?: ReadLedger): StaffingResult {
    return this.figures.result(this.measure.finish(ledger));
  }
}

/**
 * The double-staffing figures over the counted rows of a continuity accumulator (filled by
 * {@link StaffingAccumulator.add} or by the engine's door): the accumulator's evaluation staffs
 * each client where it evaluates it ({@link StaffingFigures.staffAlong}: partition by partition,
 * in every thread that evaluates), then the windows are summed up with the measure's result
 * ({@link StaffingFigures.result}).
 *
 * @example
 * const figures = new StaffingFigures(staffingSettings({ from: '2024-10-01' }), acc);
 * figures.staffAlong();
 * figures.result(acc.finish(ledger)).windows[0].doubleStaffedVisits; // → double-staffed counted visits
 */
class StaffingFigures {
  constructor(private readonly settings: StaffingSettings, private readonly measure: ContinuityAccumulator) {}

  /** Has the measure's evaluation staff each client with counted rows by the measure's own rules (call before it evaluates). */
  staffAlong(): void {
    const s = this.settings;
    this.measure.staffAlong({ slots: { toleranceMinutes: s.tolerance, minDayShare: s.minDayShare }, listVisits: s.listVisits });
  }

  /** The figures from the measure's result over the same accumulator, whose evaluation staffed the clients. */
  result(measured: StreamedResult | ContinuityResult): StaffingResult {
    const s = this.settings;
    const perWindow = this.measure.staffed();
    return selfDisplaying({
      schema: 'kontinuitet/staffing@1',
      scope: s.scope,
      rule: { ...measured.rule, slotToleranceMinutes: s.tolerance, slotMinDayShare: s.minDayShare },
      zone: measured.zone,
      // copies: the report gives the measure's result beside these figures
      rows: { ...measured.rows, excluded: { ...measured.rows.excluded } },
      issues: [...measured.issues],
      warnings: [...measured.warnings],
      windows: measured.windows.map((w, k) => this.evaluateWindow(w, perWindow[k] ?? [])),
    });
  }

  private evaluateWindow(measured: Pick<ContinuityWindow, 'from' | 'to'>, evaluated: ClientWindowStaffing[]): StaffingWindow {
    const clients = evaluated.sort((a, b) => (a.client.client < b.client.client ? -1 : a.client.client > b.client.client ? 1 : 0));
    const slots: RecurringSlot[] = [];
    for (const c of clients) for (const s of c.slots) slots.push({ client: c.client.client, group: c.client.group, ...s });
    const byGroup = groupBy(clients, (c) => c.client.group);
    return {
      from: measured.from,
      to: measured.to,
      ...this.summarise(clients),
      groups: sortedKeys(byGroup).map((group) => ({ group, ...this.summarise(byGroup.get(group)!) })),
      perClient: clients.map((c) => c.client),
      doubleStaffed: clients.flatMap((c) => c.doubleStaffed),
      recurringSlots: slots,
      duplicates: clients.flatMap((c) => c.duplicates).slice(0, this.settings.maxListed),
    };
  }

  private summarise(clients: readonly ClientWindowStaffing[]): StaffingSummary {
    let visits = 0, doubleStaffedVisits = 0, handovers = 0, duplicates = 0, staffMs = 0, doubleMs = 0;
    for (const { client: c, staffMs: s, doubleStaffedMs: d } of clients) {
      visits += c.visits;
      doubleStaffedVisits += c.doubleStaffedVisits;
      handovers += c.handovers;
      duplicates += c.duplicateRegistrations;
      staffMs += s;
      doubleMs += d;
    }
    const withDouble = clients.filter((c) => c.client.doubleStaffedVisits > 0).map((c) => c.client);
    const eligible = clients.filter((c) => c.client.eligible).map((c) => c.client);
    const target = this.settings.target;
    return {
      clients: { served: clients.length, doubleStaffed: withDouble.length },
      visits,
      doubleStaffedVisits,
      doubleStaffedShare: visits === 0 ? null : doubleStaffedVisits / visits,
      handovers,
      duplicateRegistrations: duplicates,
      staffHours: staffMs / MS_PER_HOUR,
      doubleStaffedHours: doubleMs / MS_PER_HOUR,
      doubleStaffedHoursShare: staffMs === 0 ? null : doubleMs / staffMs,
      doubleStaffedSharePerClient: spread(withDouble.map((c) => c.doubleStaffedShare), target),
      staffPerClient: {
        withSecond: spread(eligible.map((c) => c.staffWithSecond), target),
        withoutSecond: spread(eligible.map((c) => c.staffWithoutSecond), target),
      },
      addedBySecond: spread(eligible.map((c) => c.staffWithSecond - c.staffWithoutSecond), target),
    };
  }
}

/**
 * Double staffing (dubbelbemanning) over a visit log, streamed: per window, the double-staffed
 * visits (two or more different staff together at least `rules.handoverMinutes`, default 5),
 * handovers and duplicate registrations told apart; clients with double staffing; the count and
 * share of double-staffed visits; staff hours on them and their share; per client the staff
 * count with and without the second staff member (the price in continuity); recurring
 * double-staffed slots; all per municipality and per group. By default over the visits the
 * continuity measure counts (07:00–22:00, kind and role exclusions); `scope: 'all'` takes every
 * visit in the window. The log is read as the measure reads it, through the engine's door (the
 * fast path, `engine.threads` threads, spilling, the watchdog: {@link measureStaffingWithContinuity}).
 *
 * @example
 * const r = await measureStaffing('data/sample-visits.csv', { from: '2024-10-01' });
 * r.windows[0].doubleStaffedShare; // → share of counted visits that were double-staffed
 */
export async function measureStaffing(source: VisitSource, options: StaffingOptions & ReadOptions = {}): Promise<StaffingResult> {
  // the measure's clients are not wanted: left in the engine's columns, never made into objects
  return (await measureStaffingStreamed(source, options, false, true)).staffing;
}

/**
 * The double-staffing figures and the continuity measure of the same accumulator, from one
 * reading of the log through the engine's door ({@link fillAccumulator}: the fast path, the
 * threads, the spilling, as `options.engine` says): the measure's evaluation staffs each client
 * from its counted rows where it evaluates it, partition by partition (in the threads that read
 * the log when `engine.shareEvaluation` keeps them). With `indices` the measure computes the
 * indices too (the report's one pass).
 *
 * @example
 * const { continuity, staffing } = await measureStaffingWithContinuity('visits.csv', { from: '2024-10-01' }, true);
 */
export async function measureStaffingWithContinuity(source: VisitSource, options: StaffingOptions & ReadOptions, indices: boolean): Promise<{ continuity: ContinuityResult; staffing: StaffingResult }> {
  const { continuity, staffing } = await measureStaffingStreamed(source, options, indices, true);
  return { continuity: materialise(continuity), staffing };
}

/**
 * {@link measureStaffingWithContinuity} with the measure's clients left in the engine's columns
 * (a {@link StreamedResult}: made into objects when read) and, with `listVisits` false, the
 * windows' `doubleStaffed` lists left empty (every count stays): what the report's page reads of
 * a national log, whose clients and double-staffed visits run to tens and hundreds of thousands.
 *
 * @example
 * const { continuity, staffing } = await measureStaffingStreamed('visits.csv', { from: '2024-10-01' }, true, false);
 */
export async function measureStaffingStreamed(source: VisitSource, options: StaffingOptions & ReadOptions, indices: boolean, listVisits: boolean, beside?: Beside): Promise<{ continuity: StreamedResult; staffing: StaffingResult }> {
  const settings = staffingSettings(options, listVisits);
  // with `engine.shareEvaluation` the reader threads staff the clients of the partitions they take;
  // not by default: measured on the 2M-row log, a worker's share crossing back costs 15–80 MB of
  // peak memory (the report's pass), the visit lists' objects more (the staffing command)
  return fillAccumulator(source, { ...settings.measure, ...(indices ? { indices: true } : {}) }, async ({ acc, evaluate, spare }) => {
    const figures = new StaffingFigures(settings, acc);
    figures.staffAlong();
    // the command's own work on a reader thread the evaluation leaves idle: under way before the
    // evaluation (which holds this thread); not waited for (the thread ends once it is done), so
    // the measure's memory goes while it runs on
    if (spare !== null && beside !== undefined) await beside(spare, acc);
    const continuity = await evaluate();
    return { continuity, staffing: figures.result(continuity) };
  }, beside !== undefined);
}

/**
 * Work of a command on a reader thread of the measure's read while this thread evaluates the
 * clients (the report reads its route rows so): given the thread and the filled accumulator
 * (its windows known) before the evaluation, it resolves once the work is under way. The work
 * may go on after the measure returns (the thread ends once it is done); its owner awaits it.
 *
 * @example
 * const beside: Beside = async (spare, acc) => { ahead = await readRoutesBeside(spare, path, routesFor(acc)); };
 */
export type Beside = (spare: SpareThread, acc: ContinuityAccumulator) => Promise<void>;

/**
 * The same figures over visits in memory (e.g. from {@link readVisits}) or plain rows of a
 * planning system ({@link VisitRowInput}, as `continuity` takes them); a pure function. Each is
 * checked as the reader checks a row (a bad one is rejected and listed in `issues`); anything but
 * an iterable is a `BAD_SOURCE`.
 *
 * @example
 * staffing(visits, { from: '2024-10-01' }).windows[0].doubleStaffedVisits; // → double-staffed counted visits
 */
export function staffing(visits: Iterable<Visit | VisitInput>, options: StaffingOptions = {}, ledger?: ReadLedger): StaffingResult {
  checkVisitList(visits);
  const acc = new StaffingAccumulator(options);
  for (const v of visits) acc.add(v);
  return acc.finish(ledger);
}
