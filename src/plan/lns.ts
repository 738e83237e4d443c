/**
 * The large-neighbourhood move: free every movable row a few staff members have on one day, then
 * give the rows back among the same staff by regret insertion: a row prefers the staff member who
 * already knows its client best (most rows there on other days, or already given back that day),
 * among those with room for it (availability, no overlap, travel from the row before and to the
 * row after), the snuggest fit breaking ties; each round the row that would lose most by missing
 * its best place now takes it. The day's work stays with the same people; only who goes where
 * changes.
 *
 * @module
 */
import type { Rng } from '../generate/rng.js';
import { dayKey, sortByStart } from './model.js';
import type { PlanState } from './state.js';

/**
 * Rebuilds day `day` of the staff in `staff` inside the open transaction (the caller checks and
 * scores it). False when some row found no one with room (the transaction then holds a partial
 * change: roll it back).
 *
 * @example
 * if (!repairDay(state, rng, day, [3, 8, 11])) state.rollback();
 */
export function repairDay(state: PlanState, rng: Rng, day: number, staff: readonly number[]): boolean {
  const p = state.p;
  const freed: number[] = [];
  const fixed = new Map<number, number[]>();
  for (const s of staff) {
    const rows = state.rowsOf(s, day);
    fixed.set(s, rows.filter((r) => !p.movable[r]));
    for (const r of rows) if (p.movable[r]) freed.push(r);
  }
  if (freed.length === 0) return false;
  sortByStart(p, freed);
  const nS = staff.length, nF = freed.length;
  const client = freed.map((i) => p.rowClient[i]!);
  // the freed rows' clients, each once: slot[k] is freed row k's
  const slots = new Map<number, number>();
  const slot = Int32Array.from(client, (c) => slots.get(c) ?? slots.set(c, slots.size).get(c)!);
  // known[slot·nS + x]: rows staff[x] has at the slot's client, without the freed rows
  const known = new Int32Array(slots.size * nS);
  for (const [c, z] of slots) {
    const met = state.met[c]!;
    for (let x = 0; x < nS; x++) known[z * nS + x] = met.get(staff[x]!) ?? 0;
  }
  for (let r = 0; r < nF; r++) {
    const at = slot[r]! * nS + staff.indexOf(state.staff[freed[r]!]!);
    known[at] = Math.max(0, known[at]! - 1);
  }
  // able[k·nS + x]: staff[x] may take freed row k at all (role, group, availability)
  const able = new Uint8Array(nF * nS);
  const noise = new Float64Array(nF * nS);
  for (let k = 0; k < nF; k++) {
    for (let x = 0; x < nS; x++) {
      able[k * nS + x] = state.canTake(freed[k]!, staff[x]!) ? 1 : 0;
      noise[k * nS + x] = rng.float() * 30;
    }
  }
  const lists = staff.map((s) => fixed.get(s)!);
  // score of giving freed row k to staff[x]: −Infinity when it does not fit; known staff first
  // (more rows better, with diminishing returns), then the one free latest (snug fit), a little noise
  const scoreOf = (k: number, x: number): number => {
    if (!able[k * nS + x]) return -Infinity;
    const i = freed[k]!;
    const list = lists[x]!;
    const at = room(state, list, i);
    if (at < 0) return -Infinity;
    const n = known[slot[k]! * nS + x]!;
    const idle = at > 0 ? (p.visits[i]!.start - p.visits[list[at - 1]!]!.end) / 60_000 : 600;
    return (n > 0 ? 1e6 + 1e5 * Math.log2(1 + n) : 0) - Math.min(idle, 600) + noise[k * nS + x]!;
  };
  // Regret insertion: each round, the row that loses most if it does not get its best staff
  // member now (a row with one place left first) takes that place.
  const sc = new Float64Array(nF * nS);
  const b1 = new Float64Array(nF), b2 = new Float64Array(nF), bx = new Int32Array(nF);
  const best = (k: number) => {
    let v1 = -Infinity, v2 = -Infinity, x1 = -1;
    for (let x = 0; x < nS; x++) {
      const v = sc[k * nS + x]!;
      if (v > v1) { v2 = v1; v1 = v; x1 = x; } else if (v > v2) v2 = v;
    }
    b1[k] = v1; b2[k] = v2; bx[k] = x1;
  };
  for (let k = 0; k < nF; k++) {
    for (let x = 0; x < nS; x++) sc[k * nS + x] = scoreOf(k, x);
    best(k);
  }
  const choice = new Int32Array(nF);
  const done = new Uint8Array(nF);
  for (let round = 0; round < nF; round++) {
    let pick = -1, pickRegret = -Infinity;
    for (let k = 0; k < nF; k++) {
      if (done[k]) continue;
      if (bx[k]! < 0) return false;
      const regret = b2[k] === -Infinity ? 1e12 : b1[k]! - b2[k]!;
      if (regret > pickRegret) { pickRegret = regret; pick = k; }
    }
    const x = bx[pick]!, i = freed[pick]!, s = staff[x]!;
    done[pick] = 1;
    choice[pick] = s;
    const list = lists[x]!;
    const at = room(state, list, i);
    list.splice(at, 0, i);
    known[slot[pick]! * nS + x]!++;
    // a row's place at staff[x] depends on its neighbours there only: the row just placed is a new
    // neighbour of the rows starting from its predecessor's start up to (not with) its successor's
    const from = at > 0 ? p.visits[list[at - 1]!]!.start : -Infinity;
    const until = at + 1 < list.length ? p.visits[list[at + 1]!]!.start : Infinity;
    for (let k = 0; k < nF; k++) {
      if (done[k]) continue;
      if (client[k] !== client[pick]) {
        const start = p.visits[freed[k]!]!.start;
        if (start < from || start >= until) continue;
      }
      const old = sc[k * nS + x]!;
      const v = scoreOf(k, x);
      if (v === old) continue;
      sc[k * nS + x] = v;
      if (bx[k] === x || old >= b2[k]! || v > b2[k]!) best(k);
    }
  }
  for (let k = 0; k < freed.length; k++) state.assign(freed[k]!, choice[k]!);
  return true;
}

/** Where row i goes into a staff-day's sorted rows when it fits (no overlap, travel both sides), else −1. */
function room(state: PlanState, list: readonly number[], i: number): number {
  const p = state.p;
  const v = p.visits[i]!;
  let at = 0;
  while (at < list.length && p.visits[list[at]!]!.start <= v.start) at++;
  if (at > 0) {
    const a = list[at - 1]!;
    if (p.visits[a]!.end + p.travelMs(a, i) > v.start) return -1;
  }
  if (at < list.length) {
    const b = list[at]!;
    if (v.end + p.travelMs(i, b) > p.visits[b]!.start) return -1;
  }
  return at;
}

/** Staff a rebuild frees at most. */
export const LNS_STAFF = 10;

/** The client's staff sorted by contributions, most first (ties: lower index); not to be changed. */
export function regulars(state: PlanState, c: number): readonly number[] {
  return state.regulars(c);
}

/**
 * The staff a rebuild of client c's day frees, at most {@link LNS_STAFF}: those holding c's rows
 * that day, then c's other staff working then (best known first); when these do not fill it, for
 * each other client the set's staff serve that day (in the set's order, then the day's), that
 * client's best-known staff member working then who is not in the set yet: the people the rows
 * freed for c's sake could go to without being new there.
 *
 * @example
 * rebuildSet(state, client, day, rowsOfClient); // → [4, 9, 2, …] (staff indices)
 */
export function rebuildSet(state: PlanState, c: number, day: number, rows: readonly number[]): number[] {
  const p = state.p;
  const set: number[] = [];
  const free = (t: number) => !set.includes(t) && !p.staffExcluded[t] && p.available.has(dayKey(p, t, day));
  for (const i of rows) if (p.day[i] === day && !set.includes(state.staff[i]!)) set.push(state.staff[i]!);
  for (const t of regulars(state, c)) if (set.length < LNS_STAFF && free(t)) set.push(t);
  for (let k = 0; k < set.length && set.length < LNS_STAFF; k++) {
    for (const i of state.rowsOf(set[k]!, day)) {
      if (set.length >= LNS_STAFF) break;
      const d = p.rowClient[i]!;
      if (d < 0 || d === c || !p.movable[i]) continue;
      const t = regulars(state, d).find(free);
      if (t !== undefined) set.push(t);
    }
  }
  return set;
}

/**
 * Frees the day of one of client c's rows (`rows`: c's movable rows) for the staff holding c's
 * rows that day and c's other staff working then, and gives the rows back ({@link repairDay}).
 *
 * @example
 * if (!rebuildDay(state, rng, client, rowsOfClient)) state.rollback();
 */
export function rebuildDay(state: PlanState, rng: Rng, c: number, rows: readonly number[]): boolean {
  if (rows.length === 0) return false;
  const day = state.p.day[rows[rng.int(0, rows.length - 1)]!]!;
  const set = rebuildSet(state, c, day, rows);
  return set.length >= 2 && repairDay(state, rng, day, set);
}

