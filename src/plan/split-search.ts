/**
 * The search of a large problem, in rounds over two halves of the staff (split.ts) that run at the
 * same time on two threads (halves.ts). The plan depends on the seed and the steps only, never on
 * the number of threads: with one thread the halves run one after the other.
 *
 * @module
 */
import { Rng } from '../generate/rng.js';
import { collectGarbage } from '../engine/garbage.js';
import type { ProgressEvent } from '../progress.js';
import { HalfThread, runHalf, type HalfJob, type HalfResult } from './halves.js';
import type { PlanProblem } from './model.js';
import { better, search, type SearchReport, type SearchSettings } from './search.js';
import { homeGroups, joinHalves, splitStaff } from './split.js';
import { PlanState } from './state.js';

/** Counted rows from which the search runs in halves (below: one annealing run, or exact). */
export const SPLIT_ROWS = 20_000;

/** Rounds of the split search: each cuts the staff anew, so a row may cross between halves over the rounds. */
const ROUNDS = 16;

/** Milliseconds past the time limit that the second thread may take to answer before the run fails. */
const WAIT_MS = 60_000;

/**
 * Plans with the search that fits the problem: rounds over two halves of the staff once there are
 * at least {@link SPLIT_ROWS} counted rows in at least two home groups, else {@link search}.
 * `threads` (1 or 2) says how many threads run the halves.
 *
 * @example
 * const { staff } = await planSearch(problem, { seed: 1, iterations: 900000, timeLimitMs: 300000, target: null, maxTravelMinutes: 9500 }, 2);
 */
export async function planSearch(p: PlanProblem, settings: SearchSettings, threads: number): Promise<{ staff: Int32Array; report: SearchReport }> {
  let counted = 0;
  for (const m of p.movable) counted += m;
  const home = homeGroups(p);
  if (counted < SPLIT_ROWS || new Set(home).size < 2) return search(p, settings);
  const other = HalfThread.start(p, threads);
  try {
    return await inHalves(p, settings, home, other);
  } finally {
    await other?.close();
  }
}

async function inHalves(p: PlanProblem, settings: SearchSettings, home: readonly string[], other: HalfThread | null): Promise<{ staff: Int32Array; report: SearchReport }> {
  const rng = new Rng(settings.seed);
  const deadline = Date.now() + settings.timeLimitMs;
  const total = settings.iterations;
  let state = new PlanState(p);
  let best = { staff: Int32Array.from(state.staff), score: { ...state.score } };
  let iterations = 0, accepted = 0, rounds = 0;
  let stoppedBy: SearchReport['stoppedBy'] = 'iterations';
  const nClients = p.clients.length;
  for (let r = 0; r < ROUNDS; r++) {
    rounds++;
    const from = Math.floor((total * r) / ROUNDS), to = Math.floor((total * (r + 1)) / ROUNDS);
    const start = state.staff;
    const half = splitStaff(p, start, home, rng);
    const jobs = halfJobs(p, state, half, settings, [from, to], deadline, rng);
    const second = other?.run(jobs[1], Math.max(0, deadline - Date.now()) + WAIT_MS) ?? null;
    const onProgress = settings.onProgress;
    const a = runHalf(p, jobs[0], onProgress && ((e: ProgressEvent) => onProgress({ ...e, done: from + 2 * e.done, total })));
    const b = second === null ? runHalf(p, jobs[1]) : await second;
    iterations += a.report.iterations + b.report.iterations;
    accepted += a.report.accepted + b.report.accepted;
    state = new PlanState(p, joinHalves(start, half, [a.current, b.current]));
    const roundBest = new PlanState(p, joinHalves(start, half, [a.staff, b.staff]));
    if (better(roundBest.score, best.score)) best = { staff: Int32Array.from(roundBest.staff), score: { ...roundBest.score } };
    collectGarbage(); // the round's states (where the process exposes gc: the CLI's plan)
    if (stoppedByTime(a, b)) { stoppedBy = 'time'; break; }
    if (settings.target !== null && nClients > 0 && best.score.distinct / nClients <= settings.target) { stoppedBy = 'target'; break; }
  }
  return { staff: best.staff, report: { method: 'annealing', iterations, accepted, stoppedBy, rounds } };
}

/**
 * The round's two jobs: each half's steps in proportion to the counted rows it holds, its own
 * seed, and its share of the travel room left (in proportion to its staff's travel now), so the
 * two together stay within the bound.
 */
function halfJobs(p: PlanProblem, state: PlanState, half: Uint8Array, settings: SearchSettings, [from, to]: [number, number], deadline: number, rng: Rng): [HalfJob, HalfJob] {
  const rows = [0, 0], travel = [0, 0];
  for (let i = 0; i < state.staff.length; i++) if (p.movable[i]) rows[half[state.staff[i]!]!]! += 1;
  for (const [key, dayRows] of state.days) travel[half[Math.floor(key / 100000)]!]! += state.travelOf(dayRows)[0];
  const room = Math.max(0, settings.maxTravelMinutes - state.score.travelMinutes);
  const steps0 = rows[0]! + rows[1]! === 0 ? 0 : Math.round(((to - from) * rows[0]!) / (rows[0]! + rows[1]!));
  const travelShare = (h: number) => (travel[0]! + travel[1]! > 0 ? travel[h]! / (travel[0]! + travel[1]!) : 0.5);
  const job = (h: number, steps: number): HalfJob => ({
    h,
    half,
    staff: state.staff,
    settings: {
      seed: rng.int(1, 2 ** 31 - 2),
      iterations: steps,
      timeLimitMs: settings.timeLimitMs,
      deadline,
      target: null,
      maxTravelMinutes: state.score.travelMinutes + room * travelShare(h),
      part: [from / Math.max(1, settings.iterations), to / Math.max(1, settings.iterations)],
    },
  });
  return [job(0, steps0), job(1, to - from - steps0)];
}

function stoppedByTime(a: HalfResult, b: HalfResult): boolean {
  return a.report.stoppedBy === 'time' || b.report.stoppedBy === 'time';
}
