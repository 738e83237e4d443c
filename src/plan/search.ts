/**
 * The planner's search: exact enumeration on tiny problems, else simulated annealing over six
 * moves: rebuild a client-day among a few staff (lns.ts); eliminate a staff member from a client
 * and move one row towards a client's regulars, each by inserting a row and ejecting the rows it
 * collides with; the same two by window exchanges with an ejection chain (exchange.ts); and remove
 * a one-off staff member by an ejection chain over staff who know the ejected rows' clients
 * (chain.ts), which also runs as an improvement pass over every one-off at the end of the run.
 *
 * @module
 */
import { tell } from '../progress.js';
import type { ReadOptions } from '../read/types.js';
import { Rng } from '../generate/rng.js';
import { CHAIN_SHAPE, improveByChains, oneOff, removeByChain } from './chain.js';
import { chainExchange } from './exchange.js';
import { rebuildDay, regulars } from './lns.js';
import type { PlanProblem } from './model.js';
import { PlanState, type PlanScore } from './state.js';

/** Share of steps that rebuild a day (lns.ts). */
const LNS = 0.3;

/** Levels of the ejection chain after a window exchange. */
const CHAIN = 2;

/** Share of steps that remove a one-off staff member from the client by an ejection chain (chain.ts). */
const CHAIN_SHARE = 0.1;

/**
 * How the search runs.
 *
 * @example
 * const s: SearchSettings = { seed: 1, iterations: 200000, timeLimitMs: 30000, target: 14, maxTravelMinutes: 9500 };
 */
export interface SearchSettings {
  seed: number;
  iterations: number;
  timeLimitMs: number;
  /** Stop once the mean staff per counted client is at most this. */
  target: number | null;
  /** Travel (minutes) the plan may not exceed. */
  maxTravelMinutes: number;
  /** Enumerate every assignment when there are at most this many (default 50,000). */
  exactLimit?: number;
  /** Told every 4,096 steps of the search (see `ReadOptions.onProgress`). */
  onProgress?: ReadOptions['onProgress'];
  /** The part of the whole search this run is, as shares `[from, to]` of its steps: sets the temperature (default [0, 1]). */
  part?: [number, number];
  /** Wall-clock time (ms since 1970) at which the run stops; default the start + `timeLimitMs`. */
  deadline?: number;
}

/**
 * What the search did.
 *
 * @example
 * const r: SearchReport = { method: 'annealing', iterations: 200000, accepted: 5120, stoppedBy: 'iterations' };
 */
export interface SearchReport {
  method: 'exact' | 'annealing';
  iterations: number;
  accepted: number;
  stoppedBy: 'iterations' | 'time' | 'target' | 'exhausted';
  /** Rounds of the split search (a large problem's staff cut in two halves searched at once), when it ran. */
  rounds?: number;
}

/** Lexicographic: fewer distinct, then fewer above 20, then less travel, then more rows by the clients' contact persons. */
export function better(a: PlanScore, b: PlanScore): boolean {
  if (a.distinct !== b.distinct) return a.distinct < b.distinct;
  if (a.above20 !== b.above20) return a.above20 < b.above20;
  if (Math.abs(a.travelMinutes - b.travelMinutes) > 1e-9) return a.travelMinutes < b.travelMinutes;
  return a.contact > b.contact;
}

/** Weight of a row given to its client's contact person in the search's energy (as 5 minutes of travel). */
const CONTACT = 10;

function energy(s: PlanScore): number {
  return 1000 * s.distinct + 100 * s.above20 + 2 * s.travelMinutes - s.concentration - CONTACT * s.contact;
}

/**
 * Plans: returns the staff of every row and what the search did.
 *
 * @example
 * const { staff } = search(problem, { seed: 1, iterations: 1000, timeLimitMs: 1000, target: null, maxTravelMinutes: Infinity });
 */
export function search(p: PlanProblem, settings: SearchSettings): { staff: Int32Array; report: SearchReport } {
  const state = new PlanState(p);
  const exact = exactSearch(state, settings);
  if (exact !== null) return exact;
  return anneal(state, settings);
}

/** The candidate staff of each movable row (role, group, availability); null when the product is too large. */
function exactSearch(state: PlanState, settings: SearchSettings): { staff: Int32Array; report: SearchReport } | null {
  const p = state.p;
  const rows: number[] = [];
  const options: number[][] = [];
  let product = 1;
  const limit = settings.exactLimit ?? 50_000;
  for (let i = 0; i < p.visits.length; i++) {
    if (!p.movable[i]) continue;
    const cand = (p.staffOnDay.get(p.day[i]! - p.day0) ?? []).filter((s) => state.canTake(i, s));
    if (cand.length <= 1) continue;
    rows.push(i);
    options.push(cand);
    product *= cand.length;
    if (product > limit) return null;
  }
  let best: { staff: Int32Array; score: PlanScore } = { staff: Int32Array.from(state.staff), score: { ...state.score } };
  const pick = new Array<number>(rows.length).fill(0);
  let iterations = 0;
  for (;;) {
    iterations++;
    rows.forEach((i, k) => state.assign(i, options[k]![pick[k]!]!));
    if (state.valid()) {
      state.settleTravel();
      if (state.score.travelMinutes <= settings.maxTravelMinutes + 1e-9 && better(state.score, best.score)) best = { staff: Int32Array.from(state.staff), score: { ...state.score } };
    }
    state.rollback();
    let k = 0;
    while (k < rows.length && ++pick[k]! === options[k]!.length) pick[k++] = 0;
    if (k === rows.length) break;
  }
  return { staff: best.staff, report: { method: 'exact', iterations, accepted: 0, stoppedBy: 'exhausted' } };
}

/**
 * Simulated annealing from the state's plan: the best plan met and the plan it ended at
 * (`current`; the split search goes on from it).
 *
 * @example
 * anneal(new PlanState(problem), { seed: 1, iterations: 1000, timeLimitMs: 1000, target: null, maxTravelMinutes: Infinity }).staff;
 */
export function anneal(state: PlanState, settings: SearchSettings): { staff: Int32Array; current: Int32Array; report: SearchReport } {
  const p = state.p;
  const rng = new Rng(settings.seed);
  const deadline = settings.deadline ?? Date.now() + settings.timeLimitMs;
  const [partFrom, partTo] = settings.part ?? [0, 1];
  const nClients = p.clients.length;
  let best = { staff: Int32Array.from(state.staff), score: { ...state.score } };
  let current = energy(state.score);
  let accepted = 0;
  let iterations = 0;
  let stoppedBy: SearchReport['stoppedBy'] = 'iterations';
  const reached = () => settings.target !== null && nClients > 0 && state.score.distinct / nClients <= settings.target;
  const clientRows = p.clients.map(() => [] as number[]);
  for (let i = 0; i < p.visits.length; i++) if (p.movable[i]) clientRows[p.rowClient[i]!]!.push(i);
  // the clients with a row that may move (all of them, but in one half of the split search: its focus)
  const active = clientRows.flatMap((rows, c) => (rows.length > 0 && (p.focus?.[c] ?? 1) === 1 ? [c] : []));
  if (active.length === 0) return { staff: best.staff, current: state.staff, report: { method: 'annealing', iterations, accepted, stoppedBy: 'exhausted' } };
  for (; iterations < settings.iterations; iterations++) {
    if ((iterations & 255) === 0 && Date.now() > deadline) { stoppedBy = 'time'; break; }
    if ((iterations & 4095) === 0) tell(settings.onProgress, 'plan', iterations, settings.iterations);
    if (reached()) { stoppedBy = 'target'; break; }
    const temperature = 300 * (1 - (partFrom + ((partTo - partFrom) * iterations) / settings.iterations));
    const c = pickClient(state, rng, active);
    let r = rng.float();
    const rows = clientRows[c]!;
    const chain = r < CHAIN_SHARE;
    if (!chain) r = (r - CHAIN_SHARE) / (1 - CHAIN_SHARE);
    const moved = chain ? chainStep(state, rng, c, rows) : r < LNS ? rebuildDay(state, rng, c, rows) : r < LNS + (1 - LNS) / 4 ? eliminate(state, rng, c, rows) : r < LNS + (1 - LNS) / 2 ? consolidate(state, rng, c, rows) : r < LNS + (3 * (1 - LNS)) / 4 ? swapRow(state, rng, c, rows, settings.maxTravelMinutes) : eliminateByExchange(state, rng, c, rows, settings.maxTravelMinutes);
    if (!moved) { state.rollback(); continue; }
    if (!state.valid()) { state.rollback(); continue; }
    state.settleTravel();
    const e = energy(state.score);
    const delta = e - current;
    if (state.score.travelMinutes <= settings.maxTravelMinutes + 1e-9 && (delta < 0 || (temperature > 0 && rng.float() < Math.exp(-delta / temperature)))) {
      state.commit(false);
      current = e;
      accepted++;
      // the best plan is copied into one buffer (a new array per improvement left hundreds of MB for the collector at 2,000 clients)
      if (better(state.score, best.score) && state.score.distinct <= best.score.distinct) { best.staff.set(state.staff); best.score = { ...state.score }; }
    } else state.rollback();
  }
  // the chains' improvement pass over every client's one-off staff (chain.ts), on the plan the run ends at
  if (stoppedBy !== 'time') {
    improveByChains(state, active, clientRows, settings.maxTravelMinutes, energy, CHAIN_SHAPE);
    if (better(state.score, best.score) && state.score.distinct <= best.score.distinct) { best.staff.set(state.staff); best.score = { ...state.score }; }
  }
  if (reached()) stoppedBy = 'target';
  return { staff: best.staff, current: state.staff, report: { method: 'annealing', iterations, accepted, stoppedBy } };
}

/** Removes one of client c's one-off staff by an ejection chain (chain.ts). */
function chainStep(state: PlanState, rng: Rng, c: number, rows: readonly number[]): boolean {
  const o = oneOff(state, c, (n) => rng.int(0, n - 1));
  return o >= 0 && removeByChain(state, c, o, rows, CHAIN_SHAPE);
}

/** The larger-count of two clients drawn at random (the search works where the count is high). */
function pickClient(state: PlanState, rng: Rng, clients: readonly number[]): number {
  const a = clients[rng.int(0, clients.length - 1)]!, b = clients[rng.int(0, clients.length - 1)]!;
  return state.met[a]!.size >= state.met[b]!.size ? a : b;
}

/** Moves every row a staff member with few contributions has at client c to the client's other staff. */
function eliminate(state: PlanState, rng: Rng, c: number, rows: readonly number[]): boolean {
  const ranked = regulars(state, c);
  if (ranked.length < 2) return false;
  const tail = Math.min(ranked.length - 1, 3);
  const s = ranked[ranked.length - 1 - rng.int(0, tail - 1)]!;
  const targets = ranked.filter((t) => t !== s);
  for (const i of rows) {
    if (state.staff[i] !== s) continue;
    if (!targets.some((t) => relocate(state, rng, i, t))) return false;
  }
  return state.pending > 0;
}

/** Moves one row of client c from a staff member with few contributions to one with more. */
function consolidate(state: PlanState, rng: Rng, c: number, rows: readonly number[]): boolean {
  if (rows.length === 0) return false;
  const i = rows[rng.int(0, rows.length - 1)]!;
  const ranked = regulars(state, c);
  const s = state.staff[i]!;
  const mine = state.met[c]!.get(s) ?? 0;
  const targets = ranked.filter((t) => t !== s && (state.met[c]!.get(t) ?? 0) >= mine);
  if (targets.length === 0) return false;
  return relocate(state, rng, i, targets[rng.int(0, Math.min(targets.length, 4) - 1)]!);
}

/** Gives one row of client c to one of the client's staff with at least as many rows there, by the best window exchange. */
function swapRow(state: PlanState, rng: Rng, c: number, rows: readonly number[], maxTravel: number): boolean {
  if (rows.length === 0) return false;
  const i = rows[rng.int(0, rows.length - 1)]!;
  const s = state.staff[i]!;
  const mine = state.met[c]!.get(s) ?? 0;
  const targets = regulars(state, c).filter((t) => t !== s && (state.met[c]!.get(t) ?? 0) >= mine).slice(0, 4);
  return targets.length > 0 && chainExchange(state, i, targets, maxTravel, CHAIN, (k) => regulars(state, k));
}

/** Removes a staff member with few rows from client c: each of their rows goes by the best window exchange to the client's other staff. */
function eliminateByExchange(state: PlanState, rng: Rng, c: number, rows: readonly number[], maxTravel: number): boolean {
  const ranked = regulars(state, c);
  if (ranked.length < 2) return false;
  const tail = Math.min(ranked.length - 1, 3);
  const s = ranked[ranked.length - 1 - rng.int(0, tail - 1)]!;
  const targets = ranked.filter((t) => t !== s).slice(0, 8);
  for (const i of rows) {
    if (state.staff[i] !== s) continue;
    if (!chainExchange(state, i, targets, maxTravel, CHAIN, (k) => regulars(state, k))) return false;
  }
  return state.pending > 0;
}

/**
 * Gives row i to staff t; the rows of t's day that collide with it (overlap, or too little room for
 * travel) go to i's old staff member, or to one of their own client's staff, or to anyone free.
 * Undone (to the savepoint) and false when some row finds no place.
 */
export function relocate(state: PlanState, rng: Rng, i: number, t: number): boolean {
  const p = state.p;
  if (!state.canTake(i, t)) return false;
  const mark = state.mark();
  const s = state.staff[i]!;
  state.assign(i, t);
  const day = p.day[i]!;
  const dayRows = state.rowsOf(t, day);
  const at = dayRows.indexOf(i);
  const v = p.visits[i]!;
  const clash: number[] = [];
  for (let x = 0; x < dayRows.length; x++) {
    const j = dayRows[x]!;
    if (j === i) continue;
    const w = p.visits[j]!;
    const overlaps = w.start < v.end && v.start < w.end;
    const tightBefore = x === at - 1 && w.end + p.travelMs(j, i) > v.start;
    const tightAfter = x === at + 1 && v.end + p.travelMs(i, j) > w.start;
    if (overlaps || tightBefore || tightAfter) clash.push(j);
  }
  for (const j of clash) {
    if (!p.movable[j] || !placeElsewhere(state, rng, j, t, s)) {
      state.rollbackTo(mark);
      return false;
    }
  }
  if (clash.length > 0 && !state.dayFeasible(state.rowsOf(t, day))) {
    state.rollbackTo(mark);
    return false;
  }
  return true;
}

function placeElsewhere(state: PlanState, rng: Rng, j: number, from: number, first: number): boolean {
  const p = state.p;
  const c = p.rowClient[j]!;
  const day = p.day[j]!;
  const tried = new Set<number>([from]);
  const candidates = [first, ...regulars(state, c).slice(0, 6)];
  const onDay = p.staffOnDay.get(day - p.day0) ?? [];
  for (let k = 0; k < 3 && onDay.length > 0; k++) candidates.push(onDay[rng.int(0, onDay.length - 1)]!);
  for (const r of candidates) {
    if (tried.has(r)) continue;
    tried.add(r);
    if (!state.canTake(j, r)) continue;
    const mark = state.mark();
    state.assign(j, r);
    if (state.dayFeasible(state.rowsOf(r, day))) return true;
    state.rollbackTo(mark);
  }
  return false;
}
