/**
 * Planning toward the goal: reassign staff to visits so that counted clients meet fewer staff,
 * every visit still covered and every hard rule kept (docs/plan.md).
 *
 * @module
 */
import { KontinuitetError } from '../errors.js';
import { placingOf } from '../measures/continuity/definition.js';
import { continuity } from '../measures/continuity/measure.js';
import { measureSettings, type MeasureOptions } from '../measures/continuity/settings.js';
import type { ContinuityResult } from '../measures/continuity/types.js';
import type { HaversineOptions } from '../measures/routes/distance.js';
import { readVisits } from '../read/read.js';
import type { ReadOptions, Visit, VisitSource } from '../read/types.js';
import { clientLowerBounds } from './bound.js';
import { planBrukartid } from './brukartid.js';
import { buildProblem } from './model.js';
import { clientPools, poolCoverage } from './pools.js';
import { readRoster, type RosterLedger, type RosterSource } from './roster.js';
import { applyRoster, type RosterEffect } from './roster-model.js';
import type { SearchReport } from './search.js';
import { planSearch } from './split-search.js';
import { defaultThreads, type EngineSettings } from '../engine-settings.js';
import { checkEngineSettings } from '../options.js';
import { PlanState } from './state.js';

/**
 * Options of {@link planContinuity}: the measure's (one window: `from` is required), the reader's
 * (zone, delimiter, encoding, columns) and the planner's own.
 *
 * @example
 * const o: PlanOptions = { from: '2024-10-01', keepGroup: true, maxTravelIncrease: 0.05, target: 14, timeLimit: 30, seed: 1 };
 */
export interface PlanOptions extends Omit<MeasureOptions, 'every' | 'engine' | 'indices'>, Pick<ReadOptions, 'zone' | 'delimiter' | 'encoding' | 'columns' | 'onProgress'> {
  /**
   * How the search runs, not what it finds: `threads`, the threads that search a large problem's
   * two halves at once (1 or 2 are used; default 2 when the machine has 2 cores). The plan is the
   * same for any number of threads.
   */
  engine?: Pick<EngineSettings, 'threads'>;
  /** Keep every visit inside its home-care group (a staff member takes only visits of groups they worked in). Default false. */
  keepGroup?: boolean;
  /** Travel may grow by at most this share of the input's (0.05: +5 %). Default 0.05. */
  maxTravelIncrease?: number;
  /** Stop once the mean staff per counted client is at most this (e.g. 14). Default: no early stop. */
  target?: number;
  /** Seconds the search may run at most. Default 30. */
  timeLimit?: number;
  /** Search steps (the plan is the same for the same seed and steps, unless the time limit stops it first). Default 15 × counted rows, at least 20,000. */
  iterations?: number;
  /** Seed of the search. Default 1. */
  seed?: number;
  /** The straight-line travel model (as the routes measure's). Default circuity 1.3, 40 km/h. */
  distance?: HaversineOptions;
  /**
   * A roster (a CSV file's path, or rows in memory; src/plan/roster.ts): the availability of the
   * staff in it, staff only in it join the plan, its groups feed `keepGroup` and an excluded role
   * keeps a staff member from counted rows (docs/plan.md). Default: availability from the visits.
   */
  roster?: RosterSource;
  /** Give each counted client's pool of at most this many staff (`clients[i].pool`, `pools`). Default: no pools. */
  pools?: number;
}

/**
 * The measure's headline figures of one plan (or of the input).
 *
 * @example
 * const f: PlanFigures = { clients: 190, mean: 21.6, median: 20, shareAbove20: 0.463, max: 41 };
 */
export interface PlanFigures {
  clients: number;
  mean: number | null;
  median: number | null;
  shareAbove20: number | null;
  max: number | null;
}

/**
 * One reassigned row: its line in the input (1-based), visit id, and the staff before and after.
 *
 * @example
 * const c: PlanChange = { line: 17, visitId: 'V000123', from: 'S0017', to: 'S0004' };
 */
export interface PlanChange {
  line: number;
  visitId: string;
  from: string;
  to: string;
}

/**
 * The result of {@link planContinuity}; serialised as `kontinuitet/plan@1` (without `visits`).
 *
 * @example
 * const r: PlanResult = await planContinuity('visits.csv', { from: '2024-10-01' });
 * [r.before.mean, r.after.mean]; // → e.g. [21.6, 17.9]
 */
export interface PlanResult {
  schema: 'kontinuitet/plan@1';
  from: string;
  to: string;
  /** The measure on the input and on the plan (the definition, `continuity`). */
  before: PlanFigures;
  after: PlanFigures;
  /** Visits left without staff: always 0 (every visit keeps its staff count). */
  unassigned: number;
  /** Travel between consecutive visits of each staff-day (minutes, km) under the distance model. */
  travel: { before: { minutes: number; km: number }; after: { minutes: number; km: number }; change: number | null };
  /**
   * Per counted client: staff met before and after, a lower bound no plan can beat (docs/plan.md),
   * and with `pools` its pool (the at most K staff with most of its counted rows in the plan, ranked).
   */
  clients: { client: string; before: number; after: number; lowerBound: number; pool?: string[] }[];
  /**
   * Of the counted rows (one staff member per double-staffed visit when `rules.countBothStaff` is false) of the
   * clients with a contact person listed, the share made by their contact person, in the input
   * and in the plan (null: no counted client lists one). The search prefers the contact person
   * once the count, the clients above 20 and travel are equal.
   */
  contactShare: { before: number | null; after: number | null };
  /** Brukartid (client-time share of worked time, the routes measure's definition) of the input and of the plan (src/plan/brukartid.ts). */
  brukartid: { before: number | null; after: number | null };
  /** With `pools`: K, and the share of counted rows whose staff in the plan is in their client's pool. */
  pools?: { k: number; covered: number | null };
  /** With a roster: what became of its rows, and what it did (staff in it, of them new, counted rows pinned outside their staff's roster). */
  roster?: RosterLedger & RosterEffect;
  /** The mean of the lower bounds, and the gap of the plan's mean to it. */
  lowerBound: { mean: number | null; gap: number | null };
  changes: PlanChange[];
  search: SearchReport & { seconds: number };
  /** Rows the reader rejected: they stay in plan.csv as they were. */
  rejectedRows: number;
  /** The planned visits (the input's, staff reassigned); not serialised. */
  visits: Visit[];
  /** Per counted client (as `clients`), its counted rows: indices into `visits`; not serialised. */
  countedRows: number[][];
}

/**
 * Plans the visits of one 14-day window toward fewer staff per counted client (Kolada U21401): the
 * same visits at the same times with the same number of staff, reassigned so that nobody is at two
 * overlapping visits or outside their working span that day, travel between visits fits, roles
 * stay, and travel grows at most `maxTravelIncrease`. The objective is the official mean, then the
 * clients above 20, then travel. Before and after are the measure's own figures.
 *
 * @example
 * const plan = await planContinuity('visits.csv', { from: '2024-10-01', maxTravelIncrease: 0.05, timeLimit: 10 });
 * plan.after.mean; // → mean staff per counted client in the plan (≤ plan.before.mean)
 */
export async function planContinuity(source: VisitSource, options: PlanOptions): Promise<PlanResult> {
  if (options?.from === undefined) throw new KontinuitetError('BAD_OPTION', 'from: the plan needs the first day of its window (YYYY-MM-DD)');
  const increase = options.maxTravelIncrease ?? 0.05;
  if (!(increase >= 0)) throw new KontinuitetError('BAD_OPTION', `maxTravelIncrease: must be a number ≥ 0, got ${increase}`);
  const timeLimit = options.timeLimit ?? 30;
  if (!(timeLimit > 0)) throw new KontinuitetError('BAD_OPTION', `timeLimit: must be a number of seconds above 0, got ${timeLimit}`);
  if (options.iterations !== undefined && !(Number.isInteger(options.iterations) && options.iterations >= 0)) throw new KontinuitetError('BAD_OPTION', 'iterations: must be a whole number ≥ 0');
  checkEngineSettings(options.engine);
  if (options.engine !== undefined && Object.keys(options.engine).some((k) => k !== 'threads')) throw new KontinuitetError('BAD_OPTION', 'engine: the plan takes only engine.threads');
  if (options.pools !== undefined && !(Number.isInteger(options.pools) && options.pools >= 1)) throw new KontinuitetError('BAD_OPTION', 'pools: must be a whole number ≥ 1');
  const measure: MeasureOptions = { from: options.from, ...(options.rules ? { rules: options.rules } : {}), ...(options.zone ? { zone: options.zone } : {}), ...(options.target !== undefined ? { target: options.target } : {}) };
  const { zone, delimiter, encoding, columns } = options;
  const { visits, ledger } = await readVisits(source, { ...(zone ? { zone } : {}), ...(delimiter ? { delimiter } : {}), ...(encoding ? { encoding } : {}), ...(columns ? { columns } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const settings = measureSettings(measure);
  const roster = options.roster === undefined ? null : await readRoster(options.roster, settings.zone.name, options.encoding ?? 'utf8');
  const started = Date.now();
  const before = continuity(visits, measure);
  const window = before.windows[0]!;
  const problem = buildProblem(visits, measure, window.perClient, { keepGroup: options.keepGroup === true, ...(options.distance ? { distance: options.distance } : {}) });
  const rosterEffect = roster === null ? null : applyRoster(problem, roster.shifts, (t) => settings.zone.localDay(t), placingOf(settings).excludedRole);
  const initial = new PlanState(problem);
  const counted = problem.movable.reduce((a, b) => a + b, 0);
  const { staff, report } = await planSearch(problem, {
    seed: options.seed ?? 1,
    iterations: options.iterations ?? Math.max(20_000, 15 * counted),
    timeLimitMs: timeLimit * 1000,
    target: options.target ?? null,
    maxTravelMinutes: initial.score.travelMinutes * (1 + increase),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  }, options.engine?.threads ?? defaultThreads());
  const planned = new PlanState(problem, staff);
  const plannedVisits = visits.map((v, i) => (staff[i] === problem.inputStaff[i] ? v : { ...v, staff: problem.staffIds[staff[i]!]! }));
  const after = continuity(plannedVisits, measure);
  const changes: PlanChange[] = [];
  visits.forEach((v, i) => { if (staff[i] !== problem.inputStaff[i]) changes.push({ line: v.line, visitId: v.visitId, from: v.staff, to: plannedVisits[i]!.staff }); });
  const bounds = clientLowerBounds(problem);
  const afterOf = new Map(after.windows[0]!.perClient.map((c) => [c.client, c.staff]));
  const beforeOf = new Map(window.perClient.map((c) => [c.client, c.staff]));
  const clients: PlanResult['clients'] = problem.clients.map((client, c) => ({ client, before: beforeOf.get(client) ?? 0, after: afterOf.get(client) ?? 0, lowerBound: bounds[c]! }));
  const boundMean = clients.length === 0 ? null : bounds.reduce((a, b) => a + b, 0) / clients.length;
  const afterFigures = figures(after);
  const t0 = initial.score, t1 = planned.score;
  const countedRows = problem.clients.map(() => [] as number[]);
  problem.rowUnit.forEach((u, i) => { if (u >= 0) countedRows[problem.rowClient[i]!]!.push(i); });
  const brukartidWindow = { from: window.from, days: settings.rules.days, zone: settings.zone.name };
  const pools = options.pools === undefined ? null : clientPools({ visits: plannedVisits, clients, countedRows }, options.pools);
  if (pools !== null) clients.forEach((c, k) => { c.pool = pools[k]!; });
  return {
    schema: 'kontinuitet/plan@1',
    from: window.from,
    to: window.to,
    before: figures(before),
    after: afterFigures,
    unassigned: 0,
    travel: {
      before: { minutes: round(t0.travelMinutes), km: round(t0.travelKm) },
      after: { minutes: round(t1.travelMinutes), km: round(t1.travelKm) },
      change: t0.travelMinutes > 0 ? round((t1.travelMinutes - t0.travelMinutes) / t0.travelMinutes, 4) : null,
    },
    clients,
    contactShare: { before: share(initial.contactShare()), after: share(planned.contactShare()) },
    brukartid: { before: share(planBrukartid(problem, problem.inputStaff, brukartidWindow)), after: share(planBrukartid(problem, staff, brukartidWindow)) },
    ...(pools === null ? {} : { pools: { k: options.pools!, covered: share(poolCoverage({ visits: plannedVisits, clients, countedRows }, pools)) } }),
    ...(roster === null || rosterEffect === null ? {} : { roster: { ...roster.ledger, ...rosterEffect } }),
    lowerBound: { mean: boundMean === null ? null : round(boundMean, 3), gap: boundMean === null || afterFigures.mean === null ? null : round(afterFigures.mean - boundMean, 3) },
    changes,
    search: { ...report, seconds: round((Date.now() - started) / 1000, 2) },
    rejectedRows: ledger.rejected,
    visits: plannedVisits,
    countedRows,
  };
}

function figures(result: ContinuityResult): PlanFigures {
  const w = result.windows[0]!;
  const s = w.staffPerClient;
  return { clients: w.clients.eligible, mean: s.mean, median: s.median, shareAbove20: s.shareAbove20, max: s.max };
}

function share(x: number | null): number | null {
  return x === null ? null : round(x, 4);
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
