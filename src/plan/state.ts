/**
 * The planner's working state: who takes each row, each staff-day's rows in time order, and the
 * incremental score (per counted client the multiset staff → counted rows; travel per staff-day).
 * Changes are made in transactions: any sequence of assignments, then {@link PlanState.commit}
 * (which checks every touched staff-day in full) or {@link PlanState.rollback}.
 *
 * @module
 */
import { availableFor, dayKey, pairKey, sortByStart, type PlanProblem } from './model.js';

/**
 * The score of a state, compared in this order: distinct staff summed over counted clients (the
 * mean × clients), clients above 20, then travel minutes, then contributions by the clients'
 * contact persons (`contact`, more is better). `concentration` (Σ n² of counted rows per client
 * and staff) only guides the search.
 *
 * @example
 * const s: PlanScore = { distinct: 4100, above20: 60, travelMinutes: 9000, travelKm: 6000, concentration: 123456, contact: 900 };
 */
export interface PlanScore {
  distinct: number;
  above20: number;
  travelMinutes: number;
  travelKm: number;
  concentration: number;
  contact: number;
}

/** The working state. */
export class PlanState {
  readonly staff: Int32Array;
  /** Rows of each staff-day, in start order. */
  readonly days = new Map<number, number[]>();
  /** Per counted client: staff → contributions (counted rows, or visits' first staff). */
  readonly met: Map<number, number>[];
  readonly score: PlanScore = { distinct: 0, above20: 0, travelMinutes: 0, travelKm: 0, concentration: 0, contact: 0 };
  private readonly dayTravel = new Map<number, [number, number]>();
  private journal: [number, number][] = [];
  /** Per client: changes to its multiset so far, and its staff ranked when last asked (see {@link regulars}). */
  private readonly metVersion: Int32Array;
  private readonly ranked: { version: number; staff: number[] }[];
  private touched = new Set<number>();
  private oldTravel = new Map<number, [number, number]>();

  constructor(readonly p: PlanProblem, staff: Int32Array = p.inputStaff) {
    this.staff = Int32Array.from(staff);
    this.met = p.clients.map(() => new Map());
    this.metVersion = new Int32Array(p.clients.length);
    this.ranked = p.clients.map(() => ({ version: -1, staff: [] }));
    for (let i = 0; i < this.staff.length; i++) {
      const key = dayKey(p, this.staff[i]!, p.day[i]!);
      (this.days.get(key) ?? this.days.set(key, []).get(key)!).push(i);
    }
    for (const [key, rows] of this.days) {
      sortByStart(p, rows);
      const t = this.travelOf(rows);
      this.dayTravel.set(key, t);
      this.score.travelMinutes += t[0];
      this.score.travelKm += t[1];
    }
    for (let u = 0; u < p.units.length; u++) this.contribute(u, +1);
  }

  /** The staff counted at a unit: each row's, or (countBothStaff false) the first staff row's (earliest start, end, lowest id). */
  counted(u: number): number[] {
    const rows = this.p.units[u]!;
    if (this.p.countBothStaff) return rows.map((i) => this.staff[i]!);
    let best = rows[0]!;
    for (const i of rows) {
      const a = this.p.visits[i]!, b = this.p.visits[best]!;
      if (a.start < b.start || (a.start === b.start && (a.end < b.end || (a.end === b.end && this.idOf(i) < this.idOf(best))))) best = i;
    }
    return [this.staff[best]!];
  }

  private idOf(i: number): string {
    return this.p.staffIds[this.staff[i]!]!;
  }

  private contribute(u: number, sign: 1 | -1): void {
    const c = this.p.rowClient[this.p.units[u]![0]!]!;
    const met = this.met[c]!;
    this.metVersion[c]!++;
    const before = met.size;
    for (const s of this.counted(u)) {
      const n = met.get(s) ?? 0;
      const m = n + sign;
      this.score.concentration += m * m - n * n;
      if (s === this.p.contact[c]) this.score.contact += sign;
      if (m === 0) met.delete(s);
      else met.set(s, m);
    }
    this.score.distinct += met.size - before;
    this.score.above20 += (met.size > 20 ? 1 : 0) - (before > 20 ? 1 : 0);
  }

  /**
   * Client c's staff sorted by contributions, most first (ties: lower index). The array is kept
   * until c's multiset changes: read it, do not change it.
   */
  regulars(c: number): readonly number[] {
    const r = this.ranked[c]!;
    if (r.version !== this.metVersion[c]) {
      r.staff = [...this.met[c]!.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).map(([s]) => s);
      r.version = this.metVersion[c]!;
    }
    return r.staff;
  }

  /**
   * Of the counted contributions (rows, or visits' first staff) of the clients with a contact
   * person, the share their contact person makes; null when no client has one.
   */
  contactShare(): number | null {
    let mine = 0, all = 0;
    this.met.forEach((met, c) => {
      const k = this.p.contact[c]!;
      if (k < 0) return;
      mine += met.get(k) ?? 0;
      for (const n of met.values()) all += n;
    });
    return all === 0 ? null : mine / all;
  }

  /** Gives row `i` to staff `s` (no check: {@link commit} checks). */
  assign(i: number, s: number): void {
    const from = this.staff[i]!;
    if (from === s) return;
    this.journal.push([i, from]);
    this.move(i, s);
  }

  private move(i: number, s: number): void {
    const p = this.p;
    const u = p.rowUnit[i]!;
    if (u >= 0) this.contribute(u, -1);
    const oldKey = dayKey(p, this.staff[i]!, p.day[i]!);
    const rows = this.days.get(oldKey)!;
    rows.splice(rows.indexOf(i), 1);
    this.touch(oldKey);
    this.staff[i] = s;
    const key = dayKey(p, s, p.day[i]!);
    const target = this.days.get(key) ?? this.days.set(key, []).get(key)!;
    let at = target.length;
    const v = p.visits[i]!;
    while (at > 0) {
      const w = p.visits[target[at - 1]!]!;
      if (w.start < v.start || (w.start === v.start && (w.end < v.end || (w.end === v.end && target[at - 1]! < i)))) break;
      at--;
    }
    target.splice(at, 0, i);
    this.touch(key);
    if (u >= 0) this.contribute(u, +1);
  }

  private touch(key: number): void {
    if (!this.oldTravel.has(key)) this.oldTravel.set(key, this.dayTravel.get(key) ?? [0, 0]);
    this.touched.add(key);
  }

  /** Travel minutes and km of a staff-day's rows in order. */
  travelOf(rows: readonly number[]): [number, number] {
    let minutes = 0, km = 0;
    for (let x = 1; x < rows.length; x++) {
      minutes += this.p.travelMinutes(rows[x - 1]!, rows[x]!);
      km += this.p.travelKm(rows[x - 1]!, rows[x]!);
    }
    return [minutes, km];
  }

  /** Whether staff `s` may take row `i` at all: role, group, availability that day (not the other rows). */
  canTake(i: number, s: number): boolean {
    const p = this.p;
    if (p.staffExcluded[s]) return false;
    if (p.keepGroup && !p.staffGroups[s]!.has(p.visits[i]!.group)) return false;
    return availableFor(p, s, i);
  }

  /** Whether a staff-day's rows keep the rules: no overlap (unless in the input), room for travel (unless tight in the input). */
  dayFeasible(rows: readonly number[]): boolean {
    const p = this.p;
    for (let y = 1; y < rows.length; y++) {
      const b = rows[y]!, vb = p.visits[b]!;
      for (let x = y - 1; x >= 0; x--) {
        const a = rows[x]!;
        if (p.visits[a]!.end > vb.start && !this.keptOverlap(a, b)) return false;
      }
      const a = rows[y - 1]!;
      if (p.visits[a]!.end + p.travelMs(a, b) > vb.start && !p.inputTightPairs.has(`${a},${b}`) && !p.inputOverlaps.has(pairKey(a, b))) return false;
    }
    return true;
  }

  /** An overlap the input had, both rows still with their input staff member. */
  private keptOverlap(a: number, b: number): boolean {
    const p = this.p;
    return p.inputOverlaps.has(pairKey(a, b)) && this.staff[a] === p.inputStaff[a] && this.staff[b] === p.inputStaff[b];
  }

  /** The rows of a staff-day. */
  rowsOf(staff: number, day: number): readonly number[] {
    return this.days.get(dayKey(this.p, staff, day)) ?? [];
  }

  /** Whether every staff-day the transaction touched keeps the rules. */
  valid(): boolean {
    for (const key of this.touched) if (!this.dayFeasible(this.days.get(key) ?? [])) return false;
    return true;
  }

  /** A savepoint inside a transaction, for {@link rollbackTo}. */
  mark(): number {
    return this.journal.length;
  }

  /** Undoes the assignments made since a savepoint (their days stay touched, so they are checked). */
  rollbackTo(mark: number): void {
    while (this.journal.length > mark) {
      const [i, s] = this.journal.pop()!;
      this.move(i, s);
    }
  }

  /** Ends a transaction: true and kept when every touched staff-day is feasible (or `check` is false), else rolled back. */
  commit(check = true): boolean {
    if (check && !this.valid()) {
      this.rollback();
      return false;
    }
    this.settleTravel();
    this.journal = [];
    this.touched.clear();
    this.oldTravel.clear();
    return true;
  }

  /** Brings the travel of touched days up to date (inside a transaction, to compare scores). */
  settleTravel(): void {
    for (const key of this.touched) {
      const t = this.travelOf(this.days.get(key) ?? []);
      const old = this.dayTravel.get(key) ?? [0, 0];
      this.score.travelMinutes += t[0] - old[0];
      this.score.travelKm += t[1] - old[1];
      this.dayTravel.set(key, t);
    }
  }

  /** Undoes the transaction's assignments. */
  rollback(): void {
    for (let k = this.journal.length - 1; k >= 0; k--) this.move(this.journal[k]![0], this.journal[k]![1]);
    for (const [key, old] of this.oldTravel) {
      const now = this.dayTravel.get(key) ?? [0, 0];
      this.score.travelMinutes += old[0] - now[0];
      this.score.travelKm += old[1] - now[1];
      this.dayTravel.set(key, old);
    }
    this.journal = [];
    this.touched.clear();
    this.oldTravel.clear();
  }

  /** Whether a transaction holds changes. */
  get pending(): number {
    return this.journal.length;
  }
}
