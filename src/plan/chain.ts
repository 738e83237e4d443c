/**
 * The ejection chain that removes a one-off staff member from a client: the one row of client c
 * that staff member o makes goes to one of c's other staff R; the rows of R's day that then
 * collide with it (overlap, or too little room for travel) go to staff who already know their
 * own client (or to o, whose time the row freed), whose colliding rows go on the same way, up to
 * a depth. The chain is built inside the state's open transaction, so the caller scores it
 * exactly (the state's scorer: counts per client, clients above 20, travel) and checks every
 * touched staff-day.
 *
 * @module
 */
import type { PlanScore, PlanState } from './state.js';

/** How far and how wide a chain looks. */
export interface ChainShape {
  /** Rows moved in a line at most: 1 moves the one-off row only (into a free gap), 2 also one level of the rows it ejects, 3 two levels. */
  depth: number;
  /** Staff tried for each ejected row (those who know its client best first), besides the freed one-off. */
  width: number;
}

/** The default chain: three levels, four staff a level. */
export const CHAIN_SHAPE: ChainShape = { depth: 3, width: 4 };

/** Row a before row b in a staff-day's order (start, end, index), as the state keeps it. */
function before(state: PlanState, a: number, b: number): boolean {
  const v = state.p.visits, x = v[a]!, y = v[b]!;
  return x.start < y.start || (x.start === y.start && (x.end < y.end || (x.end === y.end && a < b)));
}

/** Row b may follow row a in one staff-day: a ends in time to travel to b. */
function follows(state: PlanState, a: number, b: number): boolean {
  const p = state.p;
  return p.visits[a]!.end + p.travelMs(a, b) <= p.visits[b]!.start;
}

/**
 * The rows of staff t's day that would have to leave for row i to fit there: walking back from
 * where i goes, every row that does not end in time to travel to i (up to the first that does),
 * and walking on, every row i does not leave room to reach.
 *
 * @example
 * ejected(state, row, staff); // → [] when the row fits into a gap of the staff member's day
 */
export function ejected(state: PlanState, i: number, t: number): number[] {
  const list = state.rowsOf(t, state.p.day[i]!);
  let at = 0;
  while (at < list.length && before(state, list[at]!, i)) at++;
  const out: number[] = [];
  for (let x = at - 1; x >= 0 && !follows(state, list[x]!, i); x--) out.push(list[x]!);
  for (let x = at; x < list.length && !follows(state, i, list[x]!); x++) if (list[x] !== i) out.push(list[x]!);
  return out;
}

/**
 * Builds chains inside the state's open transaction. A row is moved at most once per chain; a
 * failed branch is undone to where it began.
 */
export class ChainBuilder {
  private readonly locked = new Set<number>();
  private readonly lockLog: number[] = [];
  /** Staff whose rows this chain took away (their time is free): tried for ejected rows too. */
  freed = -1;

  constructor(private readonly state: PlanState, private readonly shape: ChainShape) {}

  /** Gives row i to staff t; the rows that then collide go on by {@link pass}; false (undone) when some finds no place within `depth` rows. */
  place(i: number, t: number, depth: number): boolean {
    const state = this.state, p = state.p;
    if (depth <= 0 || state.staff[i] === t || !state.canTake(i, t)) return false;
    const out = ejected(state, i, t);
    if (out.length > 0 && depth <= 1) return false;
    for (const e of out) if (!p.movable[e] || this.locked.has(e)) return false;
    const mark = state.mark(), lockMark = this.lockLog.length;
    state.assign(i, t);
    this.lock(i);
    let ok = true;
    for (const e of out) if (!this.pass(e, t, depth - 1)) { ok = false; break; }
    if (ok && state.dayFeasible(state.rowsOf(t, p.day[i]!))) return true;
    state.rollbackTo(mark);
    while (this.lockLog.length > lockMark) this.locked.delete(this.lockLog.pop()!);
    return false;
  }

  /** Passes row e (ejected from staff `from`) to one of the staff who know its client best, or to the freed staff member. */
  private pass(e: number, from: number, depth: number): boolean {
    const state = this.state;
    const d = state.p.rowClient[e]!;
    let tried = 0;
    if (d >= 0) {
      for (const x of state.regulars(d)) {
        if (tried >= this.shape.width) break;
        if (x === from || x === this.freed || !state.canTake(e, x)) continue;
        tried++;
        if (this.place(e, x, depth)) return true;
      }
    }
    return this.freed >= 0 && this.freed !== from && this.place(e, this.freed, depth);
  }

  private lock(i: number): void {
    this.locked.add(i);
    this.lockLog.push(i);
  }

  /** Forgets the rows moved so far (a new chain may move them again). */
  reset(): void {
    this.locked.clear();
    this.lockLog.length = 0;
    this.freed = -1;
  }
}

/**
 * Removes staff member o from client c by chains: each of o's rows among `rows` (c's movable
 * rows) goes to the first of c's other staff (most rows there first) for whom a chain fits.
 * Inside the open transaction; false when some row found no chain (the transaction may then hold
 * a partial change: roll it back).
 *
 * @example
 * if (removeByChain(state, client, oneOff, rowsOfClient, CHAIN_SHAPE)) { score it } else state.rollback();
 */
export function removeByChain(state: PlanState, c: number, o: number, rows: readonly number[], shape: ChainShape, builder = new ChainBuilder(state, shape)): boolean {
  builder.reset();
  builder.freed = o;
  const targets = state.regulars(c).filter((t) => t !== o);
  let moved = false;
  for (const i of rows) {
    if (state.staff[i] !== o) continue;
    if (!targets.some((t) => builder.place(i, t, shape.depth))) return false;
    moved = true;
  }
  return moved;
}

/**
 * A staff member of client c who makes only one of its counted contributions (a one-off), drawn
 * by `pick` among them (an index below their number), or −1 when c has none.
 *
 * @example
 * oneOff(state, client, (n) => rng.int(0, n - 1)); // → a staff index, or −1
 */
export function oneOff(state: PlanState, c: number, pick: (n: number) => number): number {
  const ranked = state.regulars(c);
  const met = state.met[c]!;
  let first = ranked.length;
  while (first > 0 && met.get(ranked[first - 1]!) === 1) first--;
  const n = ranked.length - first;
  return n === 0 ? -1 : ranked[first + pick(n)]!;
}

/**
 * The chains' improvement pass: for each of `clients` and each of its one-off staff, the first of
 * the client's other staff (most rows there first) whose chain lowers `energy` with travel within
 * `maxTravel` and every touched staff-day feasible is kept. Returns the chains kept.
 *
 * @example
 * improveByChains(state, [0, 1, 2], rowsOfClient, 9500, (s) => 1000 * s.distinct + 2 * s.travelMinutes, CHAIN_SHAPE);
 */
export function improveByChains(state: PlanState, clients: readonly number[], clientRows: readonly (readonly number[])[], maxTravel: number, energy: (s: PlanScore) => number, shape: ChainShape): number {
  const builder = new ChainBuilder(state, shape);
  let kept = 0;
  for (const c of clients) {
    const met = state.met[c]!;
    const once = [...met.keys()].filter((s) => met.get(s) === 1).sort((a, b) => a - b);
    for (const o of once) {
      if (met.get(o) !== 1) continue;
      const rows = clientRows[c]!.filter((i) => state.staff[i] === o);
      if (rows.length !== 1) continue;
      const i = rows[0]!;
      const e0 = energy(state.score);
      for (const t of state.regulars(c)) {
        if (t === o) continue;
        builder.reset();
        builder.freed = o;
        if (builder.place(i, t, shape.depth) && state.valid()) {
          state.settleTravel();
          if (state.score.travelMinutes <= maxTravel + 1e-9 && energy(state.score) < e0) { state.commit(false); kept++; break; }
        }
        state.rollback();
      }
    }
  }
  return kept;
}
