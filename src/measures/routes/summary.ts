/**
 * Summaries of staff-day routes: totals, pooled ratios and spreads.
 *
 * @module
 */

import { spreadOfSorted, type Spread } from '../../summary/spread.js';
import { sortTagged } from './sortTagged.js';
import { FIGURE, FLAGS, objectDays, REASONS, SEARCHES, type Figure, type SummarisedDay, type SummaryDays } from './summaryDays.js';
import type { RouteSpread, RouteSummary, RouteTotals } from './types.js';


/**
 * {@link spread} without the threshold shares.
 *
 * @example
 * routeSpread([1, 2, 3]).median; // → 2
 */
export function routeSpread(values: readonly number[]): RouteSpread {
  return withoutShares(spreadOfSorted(Float64Array.from(values.filter((v) => Number.isFinite(v))).sort()));
}

function withoutShares(s: Spread): RouteSpread {
  const { shareAbove20: _a, shareAboveTarget: _b, ...rest } = s;
  return rest;
}

const isSummaryDays = (days: Iterable<SummarisedDay> | SummaryDays): days is SummaryDays =>
  typeof (days as Partial<SummaryDays>).column === 'function';

/** The figures {@link RouteSummary.spread} spreads (in its keys' order), and where each comes from. */
const SPREADS: readonly [keyof RouteSummary['spread'], Figure][] = [
  ['clientTimeShare', FIGURE.clientTimeShare],
  ['detourRatio', FIGURE.detourRatio],
  ['detourRatioWindows', FIGURE.detourRatioWindows],
  ['travelMinutesPerVisit', FIGURE.travelMinutesPerVisit],
  ['kmPerVisit', FIGURE.kmPerVisit],
  ['travelMinutesPerDay', FIGURE.travelMinutes],
  ['waitingMinutesPerDay', FIGURE.waitingMinutes],
];

const NOT_SAMPLED = REASONS.indexOf('not_sampled'), MISSING = REASONS.indexOf('missing_coordinates');
const HEURISTIC = SEARCHES.indexOf('heuristic'), QUICK = SEARCHES.indexOf('quick');
const INFEASIBLE = FLAGS.indexOf(false);
const has = (x: number): boolean => !Number.isNaN(x);

/** The sums and counts a summary pools over its days, a day at a time (the sums in the days' order). */
class Totals {
  staffDays = 0; withoutCoordinates = 0; windowsInfeasible = 0; heuristic = 0; quick = 0;
  visits = 0; working = 0; client = 0; waiting = 0;
  travelMin = 0; travelKm = 0; travelVisits = 0;
  detourDays = 0; modelMin = 0; bestMin = 0; savingMin = 0; savingKm = 0;
  windowDays = 0; modelMinW = 0; bestMinW = 0; savingMinW = 0; savingKmW = 0;
  // the seeded best-order sample: days searched, days left out, and the model travel of each
  searched = 0; notSampled = 0; modelMinAll = 0; modelKmAll = 0; modelMinSearched = 0; modelKmSearched = 0;

  /** Adds day `j` of a block's figures (`c[f][j]`: figure `f`, see {@link DayBlock}). */
  add(c: readonly Float64Array[], j: number): void {
    const F = FIGURE;
    this.staffDays++;
    const reason = c[F.reason]![j]!, search = c[F.bestSearch]![j]!;
    const modelMinutes = c[F.modelMinutes]![j]!, modelKm = c[F.modelKm]![j]!;
    if (reason === NOT_SAMPLED) this.notSampled++;
    if (has(modelMinutes) && has(modelKm)) {
      this.modelMinAll += modelMinutes;
      this.modelKmAll += modelKm;
      if (search > 0) {
        this.searched++;
        this.modelMinSearched += modelMinutes;
        this.modelKmSearched += modelKm;
      }
    }
    if (reason === MISSING) this.withoutCoordinates++;
    if (c[F.windowsFeasible]![j]! === INFEASIBLE) this.windowsInfeasible++;
    if (search === HEURISTIC || search === QUICK) this.heuristic++;
    if (search === QUICK) this.quick++;
    const dayVisits = c[F.visits]![j]!;
    this.visits += dayVisits;
    this.working += c[F.workingMinutes]![j]!;
    this.client += c[F.clientMinutes]![j]!;
    const waitingMinutes = c[F.waitingMinutes]![j]!;
    if (has(waitingMinutes)) this.waiting += waitingMinutes;
    const travelMinutes = c[F.travelMinutes]![j]!;
    if (has(travelMinutes)) {
      this.travelMin += travelMinutes;
      const km = c[F.travelKm]![j]!;
      if (has(km)) this.travelKm += km;
      this.travelVisits += dayVisits;
    }
    const bestMinutes = c[F.bestMinutes]![j]!;
    if (has(bestMinutes)) {
      this.detourDays++;
      if (has(modelMinutes)) this.modelMin += modelMinutes;
      this.bestMin += bestMinutes;
      const sm = c[F.savingMinutes]![j]!, sk = c[F.savingKm]![j]!;
      if (has(sm)) this.savingMin += sm;
      if (has(sk)) this.savingKm += sk;
    }
    const bestMinutesWindows = c[F.bestMinutesWindows]![j]!;
    if (has(bestMinutesWindows)) {
      this.windowDays++;
      if (has(modelMinutes)) this.modelMinW += modelMinutes;
      this.bestMinW += bestMinutesWindows;
      const sm = c[F.savingMinutesWindows]![j]!, sk = c[F.savingKmWindows]![j]!;
      if (has(sm)) this.savingMinW += sm;
      if (has(sk)) this.savingKmW += sk;
    }
  }

  /** The summary of the days added, with their spreads. */
  summary(spread: RouteSummary['spread']): RouteSummary {
    return { ...this.totals(), spread };
  }

  /** The summary of the days added but their spreads. */
  totals(): RouteTotals {
    const t = this;
    // a sample's savings scaled up by the share of model travel searched (see RouteSummary.bestOrderSample)
    const sampled = t.notSampled > 0;
    const upMin = !sampled ? 1 : t.modelMinSearched > 0 ? t.modelMinAll / t.modelMinSearched : 0;
    const upKm = !sampled ? 1 : t.modelKmSearched > 0 ? t.modelKmAll / t.modelKmSearched : 0;
    return {
      staffDays: t.staffDays,
      staffDaysWithoutCoordinates: t.withoutCoordinates,
      windowsInfeasible: t.windowsInfeasible,
      daysHeuristic: t.heuristic,
      daysQuick: t.quick,
      visits: t.visits,
      workingHours: t.working / 60,
      clientHours: t.client / 60,
      travelHours: t.travelMin / 60,
      travelKm: t.travelKm,
      waitingHours: t.waiting / 60,
      clientTimeShare: t.working > 0 ? t.client / t.working : null,
      travelMinutesPerVisit: t.travelVisits > 0 ? t.travelMin / t.travelVisits : null,
      kmPerVisit: t.travelVisits > 0 ? t.travelKm / t.travelVisits : null,
      detourRatio: t.bestMin > 0 ? t.modelMin / t.bestMin : t.detourDays > 0 && t.modelMin === 0 ? 1 : null,
      detourRatioWindows: t.bestMinW > 0 ? t.modelMinW / t.bestMinW : t.windowDays > 0 && t.modelMinW === 0 ? 1 : null,
      savingMinutes: sampled ? t.savingMin * upMin : t.savingMin,
      savingKm: sampled ? t.savingKm * upKm : t.savingKm,
      savingMinutesWindows: sampled ? t.savingMinW * upMin : t.savingMinW,
      savingKmWindows: sampled ? t.savingKmW * upKm : t.savingKmW,
      ...(sampled ? { bestOrderSample: { searched: t.searched, of: t.searched + t.notSampled } } : {}),
    };
  }
}

/** Days whose figures are read at once into a {@link DayBlock}. */
const BLOCK = 1024;

/** The figures {@link Totals.add} reads. */
const TOTALLED: readonly Figure[] = [
  FIGURE.reason, FIGURE.bestSearch, FIGURE.modelMinutes, FIGURE.modelKm, FIGURE.windowsFeasible, FIGURE.visits,
  FIGURE.workingMinutes, FIGURE.clientMinutes, FIGURE.waitingMinutes, FIGURE.travelMinutes, FIGURE.travelKm,
  FIGURE.bestMinutes, FIGURE.savingMinutes, FIGURE.savingKm, FIGURE.bestMinutesWindows, FIGURE.savingMinutesWindows,
  FIGURE.savingKmWindows,
];

/** The figures {@link Totals.add} reads of up to {@link BLOCK} days, by figure number (one block refilled for each run of days). */
class DayBlock {
  readonly columns: Float64Array[] = Object.values(FIGURE).map((f) => new Float64Array(TOTALLED.includes(f) ? BLOCK : 0));

  /** Reads days `from …` (up to {@link BLOCK} of them); gives how many. */
  read(days: SummaryDays, from: number): number {
    const to = Math.min(days.count, from + BLOCK);
    for (const f of TOTALLED) days.column(f, from, to, this.columns[f]!);
    return to - from;
  }
}

const block = new DayBlock();

/** A spread's figure of every day of a summary: finite values in the days' order (refilled for each spread; grown as needed). */
let values = new Float64Array(BLOCK);

/** Figure `f`'s finite values of `days`, in their order (in {@link values}). */
function finiteValues(days: SummaryDays, f: Figure): Float64Array {
  if (values.length < days.count) values = new Float64Array(Math.max(days.count, 2 * values.length));
  days.column(f, 0, days.count, values);
  let n = 0;
  for (let i = 0; i < days.count; i++) {
    const x = values[i]!;
    if (Number.isFinite(x)) values[n++] = x;
  }
  return values.subarray(0, n);
}

/**
 * Totals and spreads over staff-days; definitions in {@link RouteSummary}. Travel totals and
 * per-visit figures are over the days with travel figures; detour figures over the days with
 * them. Sums are taken in the days' order; a spread's mean and deviation in the sorted order of
 * its values. Days read a figure at a time for a run of days ({@link SummaryDays}), or day
 * objects (see {@link objectDays}).
 *
 * @example
 * summariseRoutes([]).staffDays; // → 0
 */
export function summariseRoutes(input: Iterable<SummarisedDay> | SummaryDays): RouteSummary {
  const days = isSummaryDays(input) ? input : objectDays(input);
  const totals = new Totals();
  for (let from = 0; from < days.count; from += BLOCK) {
    const n = block.read(days, from);
    for (let j = 0; j < n; j++) totals.add(block.columns, j);
  }
  const spreads = {} as RouteSummary['spread'];
  for (const [name, figure] of SPREADS) spreads[name] = withoutShares(spreadOfSorted(finiteValues(days, figure).sort()));
  return totals.summary(spreads);
}

/**
 * {@link summariseGroups} without the spreads: the totals and pooled ratios of all the days and
 * of each group's days (`null` for a group without days), in one reading of the days.
 *
 * @example
 * const { all, groups } = totalGroups(days, Int32Array.of(0, 1, 0), 2);
 * all.staffDays; // → 3
 */
export function totalGroups(days: SummaryDays, groupOf: ArrayLike<number>, groups: number): { all: RouteTotals; groups: (RouteTotals | null)[] } {
  const { all, each } = addGroups(days, groupOf, groups);
  return { all: all.totals(), groups: each.map((t) => (t.staffDays > 0 ? t.totals() : null)) };
}

/** Every day added to the totals of all and to those of its group, in the days' order. */
function addGroups(days: SummaryDays, groupOf: ArrayLike<number>, groups: number): { all: Totals; each: Totals[] } {
  const all = new Totals(), each = Array.from({ length: groups }, () => new Totals());
  for (let from = 0; from < days.count; from += BLOCK) {
    const n = block.read(days, from);
    for (let j = 0; j < n; j++) {
      all.add(block.columns, j);
      each[groupOf[from + j]!]!.add(block.columns, j);
    }
  }
  return { all, each };
}

/**
 * {@link summariseRoutes} of all the days and of each group's days (`groupOf[i]`: day `i`'s group,
 * `0 … groups − 1`; `null` for a group without days), in one reading of the days: a group's
 * totals are added with all the days' (in the days' order), and a group's values of a spread are
 * all the days' sorted values taken by group (a stable pass).
 *
 * @example
 * const { all, groups } = summariseGroups(days, Int32Array.of(0, 1, 0), 2);
 * groups[1]!.staffDays; // → 1
 */
export function summariseGroups(days: SummaryDays, groupOf: ArrayLike<number>, groups: number): { all: RouteSummary; groups: (RouteSummary | null)[] } {
  const count = days.count;
  const { all, each } = addGroups(days, groupOf, groups);
  const spreads = {} as RouteSummary['spread'];
  const groupSpreads = each.map(() => ({}) as RouteSummary['spread']);
  // a figure's finite values and their groups, sorted once; then by group (a stable pass), each group's sorted
  const values = new Float64Array(count), tags = new Int32Array(count), spare = new Float64Array(count), spareTags = new Int32Array(count);
  const first = new Int32Array(groups + 1), next = new Int32Array(groups);
  for (const [name, figure] of SPREADS) {
    days.column(figure, 0, count, values);
    // the finite values with their groups, and how many each group has
    first.fill(0);
    let n = 0;
    for (let i = 0; i < count; i++) {
      const x = values[i]!;
      if (!Number.isFinite(x)) continue;
      const g = groupOf[i]!;
      values[n] = x;
      tags[n++] = g;
      first[g + 1]! += 1;
    }
    const sorted = sortTagged(values, tags, n, spare, spareTags);
    spreads[name] = withoutShares(spreadOfSorted(sorted.values.subarray(0, n)));
    for (let g = 0; g < groups; g++) first[g + 1]! += first[g]!;
    next.set(first.subarray(0, groups));
    const byGroup = sorted.spare;
    for (let j = 0; j < n; j++) byGroup[next[sorted.tags[j]!]!++] = sorted.values[j]!;
    for (let g = 0; g < groups; g++) {
      if (each[g]!.staffDays > 0) groupSpreads[g]![name] = withoutShares(spreadOfSorted(byGroup.subarray(first[g]!, first[g + 1]!)));
    }
  }
  return { all: all.summary(spreads), groups: each.map((t, g) => (t.staffDays > 0 ? t.summary(groupSpreads[g]!) : null)) };
}
