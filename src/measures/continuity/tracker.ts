/**
 * The live tracker: the official staff count per client kept up to date as a planner adds and
 * removes visits and assigns and unassigns staff, by the rule of the definition (definition.ts),
 * not a copy of it. What it keeps, and why that is all the rule needs:
 * - per visit: its place in the window ({@link placeRow}, once: window, kind and day hours are the
 *   visit's, the same for every staff row), the staff assigned, and of them the counted rows (the
 *   staff whose role counts) and whether those make it double-staffed ({@link doubleStaffed});
 * - per client: the staff met, a multiset staff → counted visits at which they are met (all
 *   counted staff of a visit, or its first only: {@link firstStaffRow}); the counted visits per
 *   day of the window; and whether it is counted, redone by {@link countedOrWhyNot} whenever a visit
 *   starts or stops counting (tracker-clients.ts);
 * - over the clients: the summary's tallies (served, visits rule, counted, double-staffed, counted
 *   clients by staff count), each client taken out before it changes and put back after, so that
 *   `summary()` does not visit every client.
 * test/continuity/tracker.test.ts holds it equal to the definition after random edits.
 *
 * @module
 */
import { KontinuitetError } from '../../errors.js';
import { parseDay } from '../../windows/parse.js';
import { civilFromDays } from '../../windows/civil.js';
import { ageAtStart, firstStaffRow, placeRow, placingOf, type Placing } from './definition.js';
import { doubleStaffed, type VisitRow } from './definition-visits.js';
import { measureSettings } from './settings.js';
import { Tallies, meet, newClient, reconsider, type ClientState } from './tracker-clients.js';
import type { Candidate, TrackedClient, TrackedVisit, TrackerOptions, TrackerSummary } from './tracker-types.js';

export type { Candidate, TrackedClient, TrackedVisit, TrackerOptions, TrackerSummary } from './tracker-types.js';

interface VisitState {
  readonly client: ClientState;
  readonly start: number;
  readonly end: number;
  /** Day of the window it counts on, or -1 when it does not count (outside the window, its kind, outside the day hours). */
  readonly day: number;
  /** Every staff member assigned, in the order assigned (each one row of the log). */
  readonly staff: string[];
  /** The rows of the staff whose role counts: what the rule sees of the visit. */
  readonly rows: VisitRow[];
  double: boolean;
}

/** `[0, 1, …, n − 1]`, shared: the row indices of a whole visit. */
const ALL: number[][] = [];
const all = (n: number): number[] => (ALL[n] ??= Array.from({ length: n }, (_, i) => i));

const bad = (message: string): KontinuitetError => new KontinuitetError('BAD_VISIT', message);

/**
 * A live tracker of the official 14-day staff continuity (Kolada U21401/U21402/U21436) of one
 * window, for planning systems: add and remove visits, assign and unassign staff, and read each
 * client's count of different staff, the summary of the window, and what a candidate would do to
 * a client before assigning. Every figure equals what {@link continuity} says of the log the
 * tracker holds (one row per staff member assigned to a visit), by the same rules: which rows
 * count (window, kind, role, 07:00–22:00), one visit however many staff, double staffing, the
 * visits rule (≥ 2 visits every day) and the age rule (65+, with {@link setClientAge}).
 * A visit nobody is assigned to is not in that log: it counts once someone takes it.
 *
 * @example
 * const t = new ContinuityTracker([], { from: '2024-10-21' });
 * const at = (hh: string) => Date.parse(`2024-10-21T${hh}:00+02:00`);
 * t.addVisit({ id: 'V1', client: 'C1', start: at('08:00'), end: at('08:30') });
 * t.addVisit({ id: 'V2', client: 'C1', start: at('17:00'), end: at('17:30'), staff: ['S1'] });
 * t.assign('V1', 'S2'); // → 2 (C1 meets S1 and S2)
 * t.candidates('V1', ['S1', 'S3']).map((c) => c.staffCount); // → [2, 3]
 * t.summary().clients.eligible; // → 0 (C1 has visits on 1 of the 14 days)
 */
export class ContinuityTracker {
  private readonly placing: Placing;
  private readonly fromDay: number;
  private readonly target: number;
  private readonly staffRole: (staff: string) => string;
  private readonly visits = new Map<string, VisitState>();
  private readonly clients = new Map<string, ClientState>();
  private readonly tallies = new Tallies();

  /**
   * A tracker of the window `options.from` holding `visits` (each as by {@link addVisit}).
   * The options are checked as the measure's: a wrong one is a `BAD_OPTION`.
   *
   * @example
   * const t = new ContinuityTracker(plannedVisits, { from: '2024-10-21', rules: { preset: 'kolada' } });
   */
  constructor(visits: Iterable<TrackedVisit>, options: TrackerOptions) {
    if (options === null || typeof options !== 'object' || typeof options.from !== 'string') {
      throw new KontinuitetError('BAD_OPTION', 'from: the tracker needs the first day of its window, YYYY-MM-DD');
    }
    if (options.staffRole !== undefined && typeof options.staffRole !== 'function') throw new KontinuitetError('BAD_OPTION', 'staffRole: must be a function from a staff id to a role');
    const settings = measureSettings({ from: options.from, ...pick(options) });
    this.placing = placingOf(settings);
    this.fromDay = settings.fixed!.fromDay;
    this.target = settings.target;
    this.staffRole = options.staffRole ?? (() => '');
    for (const v of visits) this.addVisit(v);
  }

  /**
   * Adds a visit ({@link TrackedVisit}) and assigns its `staff`. An id the tracker holds already,
   * or a visit it cannot use, is a `BAD_VISIT`.
   *
   * @example
   * tracker.addVisit({ id: 'V7', client: 'C1', start: Date.parse('2024-10-22T08:00:00+02:00'), end: Date.parse('2024-10-22T08:30:00+02:00') });
   */
  addVisit(visit: TrackedVisit): void {
    const { id, client, start, end, kind = '', staff = [] } = visit ?? ({} as TrackedVisit);
    if (typeof id !== 'string' || id === '') throw bad('visit: needs an id, a non-empty text');
    if (this.visits.has(id)) throw bad('visit: the tracker holds a visit with this id already');
    if (typeof client !== 'string' || client === '') throw bad('visit: needs a client, a non-empty text');
    if (!Number.isFinite(start) || !Number.isFinite(end) || !(end > start)) throw bad('visit: start and end must be times (epoch ms), the end after the start');
    if (typeof kind !== 'string') throw bad('visit: kind must be text');
    if (!Array.isArray(staff) || staff.some((s, k) => typeof s !== 'string' || s === '' || staff.indexOf(s) !== k)) throw bad('visit: staff must be a list of different staff ids');
    const place = placeRow({ line: 0, visitId: id, client, staff: '', start, end, kind, group: '', birthDay: null, age: null, staffRole: '', contactStaff: '' }, this.placing);
    const state: VisitState = { client: this.clientState(client), start, end, day: typeof place === 'string' ? -1 : place.day, staff: [], rows: [], double: false };
    this.visits.set(id, state);
    for (const s of staff) this.assign(id, s);
  }

  /**
   * Removes a visit and with it every assignment to it.
   *
   * @example
   * tracker.removeVisit('V7');
   */
  removeVisit(id: string): void {
    const v = this.visitOf(id);
    for (const s of [...v.staff]) this.unassign(id, s);
    this.visits.delete(id);
  }

  /**
   * Assigns a staff member to a visit and returns the client's count of different staff met
   * after it. A staff member already at the visit is a `BAD_VISIT`.
   *
   * @example
   * tracker.assign('V1', 'S2'); // → 2
   */
  assign(visitId: string, staff: string): number {
    const v = this.visitOf(visitId);
    if (typeof staff !== 'string' || staff === '') throw bad('assign: needs a staff id, a non-empty text');
    if (v.staff.includes(staff)) throw bad('assign: the staff member is assigned to this visit already');
    v.staff.push(staff);
    if (v.day >= 0 && !this.placing.excludedRole(this.staffRole(staff))) {
      this.changeRows(v, { start: v.start, end: v.end, visitId, staff }, -1);
    }
    return v.client.met.size;
  }

  /**
   * Takes a staff member off a visit and returns the client's count of different staff met after
   * it. A staff member not at the visit is a `BAD_VISIT`.
   *
   * @example
   * tracker.unassign('V1', 'S2'); // → 1
   */
  unassign(visitId: string, staff: string): number {
    const v = this.visitOf(visitId);
    const k = v.staff.indexOf(staff);
    if (k < 0) throw bad('unassign: the staff member is not assigned to this visit');
    v.staff.splice(k, 1);
    const row = v.rows.findIndex((r) => r.staff === staff);
    if (row >= 0) this.changeRows(v, null, row);
    return v.client.met.size;
  }

  /**
   * The client's count of different staff met at counted visits in the window (0 for a client the
   * tracker does not know): the measure's `staff` of the client, counted or not.
   *
   * @example
   * tracker.staffCount('C1'); // → 2
   */
  staffCount(client: string): number {
    return this.clients.get(client)?.met.size ?? 0;
  }

  /**
   * A client as the measure would report it now ({@link TrackedClient}): counted visits, staff met,
   * whether it is counted and why not, its age at the window start, its double-staffed visits.
   *
   * @example
   * tracker.client('C1').reason; // → 'too_few_visits_on_a_day'
   */
  client(client: string): TrackedClient {
    const c = this.clients.get(client) ?? this.clientState(client, false);
    return {
      client,
      eligible: c.reason === null,
      visits: c.counted,
      staff: c.met.size,
      reason: c.reason,
      firstShortDay: c.shortDay >= 0 ? civilFromDays(this.fromDay + c.shortDay) : null,
      age: c.age,
      doubleStaffedVisits: c.doubleStaffed,
    };
  }

  /**
   * What the log says of a client's age (README: a birth date wins over an age): its age in whole
   * years, or its birth date (`YYYY-MM-DD`), at the window start the rule's minimum age (65) applies
   * to; both null or absent: unknown, no age filter (the default).
   *
   * @example
   * tracker.setClientAge('C1', { birthDate: '1940-05-05' });
   */
  setClientAge(client: string, facts: { age?: number | null; birthDate?: string | null }): void {
    const { age = null, birthDate = null } = facts ?? {};
    if (age !== null && !(Number.isFinite(age) && age >= 0)) throw bad('age: must be a number of years ≥ 0');
    const birthDay = birthDate === null ? null : parseDay(String(birthDate));
    if (birthDay !== null && Number.isNaN(birthDay)) throw bad('birthDate: must be a YYYY-MM-DD date');
    const c = this.clientState(client);
    this.tallies.add(c, -1);
    c.age = ageAtStart({ birthDay, age, contacts: new Map() }, this.fromDay);
    reconsider(c, this.placing.rules);
    this.tallies.add(c, 1);
  }

  /**
   * What each candidate would do to the client of a visit if assigned to it ({@link Candidate}):
   * the client's count after, whether the candidate is a new face, and the candidate's share of
   * the client's counted visits so far. Nothing is changed.
   *
   * @example
   * tracker.candidates('V1', ['S1', 'S3']); // → [{ staff: 'S1', counts: true, staffCount: 2, newFace: false, share: 0.5 }, { staff: 'S3', counts: true, staffCount: 3, newFace: true, share: 0 }]
   */
  candidates(visitId: string, staff: readonly string[]): Candidate[] {
    const v = this.visitOf(visitId);
    const c = v.client;
    const before = this.metAt(v.rows);
    return staff.map((s) => {
      const share = c.counted === 0 ? null : (c.met.get(s) ?? 0) / c.counted;
      const assigned = v.staff.includes(s);
      if (assigned || v.day < 0 || this.placing.excludedRole(this.staffRole(s))) {
        return { staff: s, counts: assigned && v.rows.some((r) => r.staff === s), staffCount: c.met.size, newFace: false, share };
      }
      const after = this.metAt([...v.rows, { start: v.start, end: v.end, visitId, staff: s }]);
      let count = c.met.size;
      for (const x of after) if (!before.includes(x) && !c.met.has(x)) count++; // met for the first time
      for (const x of before) if (!after.includes(x) && c.met.get(x) === 1) count--; // met only here, and no more
      return { staff: s, counts: true, staffCount: count, newFace: after.includes(s) && !c.met.has(s), share };
    });
  }

  /**
   * The summary of the window as the measure gives it for the municipality ({@link TrackerSummary}):
   * clients served, meeting the visits rule, counted and with double staffing; the spread of staff
   * per counted client (n, mean U21401, median U21402, shareAbove20 U21436, shareAboveTarget, …)
   * computed by the same function from the same values; the histogram.
   *
   * @example
   * tracker.summary().staffPerClient.median; // → the U21402 figure of the schedule as it stands
   */
  summary(): TrackerSummary {
    return this.tallies.summary(this.target);
  }

  private visitOf(id: string): VisitState {
    const v = this.visits.get(id);
    if (v === undefined) throw bad('visit: the tracker holds no visit with this id');
    return v;
  }

  private clientState(id: string, keep = true): ClientState {
    let c = this.clients.get(id);
    if (c === undefined) {
      c = newClient(this.placing.rules);
      if (keep) this.clients.set(id, c);
    }
    return c;
  }

  /** The staff met at a visit of these counted rows: all of them, or the first only (`countBothStaff: false`). */
  private metAt(rows: readonly VisitRow[]): string[] {
    if (rows.length === 0) return [];
    if (this.placing.rules.countBothStaff) return rows.map((r) => r.staff);
    return [firstStaffRow(rows, all(rows.length)).staff];
  }

  /**
   * Adds a counted row to a visit (`add`) or takes out its row `remove`, and brings the client up
   * to date: the staff met (the staff of the row, or the visit's first staff member when only the
   * first counts), double staffing, the counted visits per day and whether the client is counted.
   */
  private changeRows(v: VisitState, add: VisitRow | null, remove: number): void {
    const c = v.client;
    const wasCounted = v.rows.length > 0;
    const wasDouble = v.double;
    this.tallies.add(c, -1);
    if (this.placing.rules.countBothStaff) {
      const staff = add?.staff ?? v.rows[remove]!.staff;
      if (add !== null) v.rows.push(add);
      else v.rows.splice(remove, 1);
      meet(c.met, staff, add !== null ? 1 : -1);
    } else {
      const [before] = this.metAt(v.rows);
      if (add !== null) v.rows.push(add);
      else v.rows.splice(remove, 1);
      const [after] = this.metAt(v.rows);
      if (before !== after) {
        if (before !== undefined) meet(c.met, before, -1);
        if (after !== undefined) meet(c.met, after, 1);
      }
    }
    v.double = doubleStaffed(v.rows, all(v.rows.length), this.placing.rules.handoverMinutes * 60_000);
    c.doubleStaffed += Number(v.double) - Number(wasDouble);
    const isCounted = v.rows.length > 0;
    if (isCounted !== wasCounted) {
      const step = isCounted ? 1 : -1;
      c.perDay[v.day]! += step;
      c.counted += step;
      reconsider(c, this.placing.rules);
    }
    this.tallies.add(c, 1);
  }
}

function pick(options: TrackerOptions): Pick<TrackerOptions, 'rules' | 'target' | 'zone'> {
  const out: Pick<TrackerOptions, 'rules' | 'target' | 'zone'> = {};
  if (options.rules !== undefined) out.rules = options.rules;
  if (options.target !== undefined) out.target = options.target;
  if (options.zone !== undefined) out.zone = options.zone;
  return out;
}
