/**
 * The planning problem built from a visit log: which rows may move, to whom, and what stays fixed.
 *
 * A row is movable when it is counted by the indicator for a client the measure counts (in the
 * window, kind and role not excluded, in the day hours). Moving such a row between staff of
 * counted roles never changes which clients are counted (eligibility depends on visits per day,
 * window and age, not on who made them), so the planner scores only the staff sets of the counted
 * clients. Every other row stays with its staff member and still takes their time.
 *
 * @module
 */
import { placeRow, placingOf } from '../measures/continuity/definition.js';
import { visitsOf } from '../measures/continuity/definition-visits.js';
import { mostListed } from '../measures/continuity/definition-result.js';
import { measureSettings, type MeasureOptions } from '../measures/continuity/settings.js';
import type { ClientContinuity } from '../measures/continuity/types.js';
import { EARTH_RADIUS_KM, haversineModel, type HaversineOptions } from '../measures/routes/distance.js';
import type { Visit } from '../read/types.js';

/**
 * The problem: rows (one staff member at one visit, in the order read), staff, availability and
 * the counted clients' visits (units).
 *
 * @example
 * const p: PlanProblem = buildProblem(visits, { from: '2024-10-01' }, perClient, {});
 */
export interface PlanProblem {
  visits: readonly Visit[];
  staffIds: string[];
  /** Staff index of each row in the input. */
  inputStaff: Int32Array;
  /** Local day (days since 1970-01-01) of each row's start. */
  day: Int32Array;
  /** Movable rows (counted rows of counted clients). */
  movable: Uint8Array;
  /** Counted client index of a movable row, else −1. */
  rowClient: Int32Array;
  /** Unit (visit of a counted client) of a movable row, else −1. */
  rowUnit: Int32Array;
  /** The rows of each unit. */
  units: number[][];
  /** The counted clients' ids, by index. */
  clients: string[];
  /** Each counted client's contact person (the staff id its rows list most, as the measure's contact; ties: the lower id) as a staff index, or −1 (none listed, or not among the staff). */
  contact: Int32Array;
  /** True for staff who have a row in an excluded role: they never take a counted row. */
  staffExcluded: Uint8Array;
  /** The groups each staff member worked in (for `keepGroup`). */
  staffGroups: Set<string>[];
  /** Availability of a staff member on a day as sorted disjoint spans `[from, to, from, to, …]` (ms): key `staff * 100000 + (day - day0)`. */
  available: Map<number, number[]>;
  /** Staff available on each day (key day − day0). */
  staffOnDay: Map<number, number[]>;
  day0: number;
  /** Row pairs `"i,j"` (i < j) that overlapped with one staff member in the input. */
  inputOverlaps: Set<string>;
  /** Consecutive row pairs `"i,j"` of one staff-day in the input with less time than the travel between them. */
  inputTightPairs: Set<string>;
  /** Whether both staff of a double-staffed visit count (the rule's countBothStaff). */
  countBothStaff: boolean;
  keepGroup: boolean;
  /** The clients the search picks (1), when it works on a part of the problem (split.ts); default all. */
  focus?: Uint8Array;
  /** The straight-line travel model's settings (circuity, speed). */
  distance: Required<HaversineOptions>;
  /** Travel time between two rows in ms (0 without coordinates). */
  travelMs(i: number, j: number): number;
  /** Travel minutes between two rows (0 without coordinates). */
  travelMinutes(i: number, j: number): number;
  /** Travel km between two rows (0 without coordinates). */
  travelKm(i: number, j: number): number;
}

/** Options the problem takes from the planner's options. */
export interface ProblemOptions {
  keepGroup?: boolean;
  /** The straight-line travel model (default circuity 1.3, 40 km/h). */
  distance?: HaversineOptions;
}

/** The problem's data without its travel functions (what goes to a worker thread). */
export type ProblemData = Omit<PlanProblem, 'travelMs' | 'travelMinutes' | 'travelKm'>;

/**
 * Builds the problem. `perClient` is the measure's per-client result of the input for the one
 * window of `measure.from` (who is counted).
 *
 * @example
 * buildProblem(visits, { from: '2024-10-01' }, result.windows[0].perClient, { keepGroup: true }).units.length; // → counted visits
 */
export function buildProblem(visits: readonly Visit[], measure: MeasureOptions, perClient: readonly ClientContinuity[], options: ProblemOptions): PlanProblem {
  const settings = measureSettings(measure);
  const placing = placingOf(settings);
  const zone = settings.zone;
  const model = haversineModel(options.distance);
  const n = visits.length;
  const staffIndex = new Map<string, number>();
  const staffIds: string[] = [];
  const inputStaff = new Int32Array(n);
  const day = new Int32Array(n);
  const movable = new Uint8Array(n);
  const rowClient = new Int32Array(n).fill(-1);
  const rowUnit = new Int32Array(n).fill(-1);
  const counted = new Set(perClient.filter((c) => c.eligible).map((c) => c.client));
  const clientIndex = new Map<string, number>();
  const clients: string[] = [];
  const clientRows: number[][] = [];
  const fixedFrom = settings.fixed?.fromDay ?? null;
  let day0 = Infinity;
  for (let i = 0; i < n; i++) {
    const v = visits[i]!;
    let s = staffIndex.get(v.staff);
    if (s === undefined) staffIndex.set(v.staff, (s = staffIds.push(v.staff) - 1));
    inputStaff[i] = s;
    day[i] = zone.localDay(v.start);
    day0 = Math.min(day0, day[i]!);
    if (!counted.has(v.client)) continue;
    const place = placeRow(v, placing);
    if (typeof place === 'string' || place.fromDay !== fixedFrom) continue;
    let c = clientIndex.get(v.client);
    if (c === undefined) {
      clientIndex.set(v.client, (c = clients.push(v.client) - 1));
      clientRows.push([]);
    }
    clientRows[c]!.push(i);
  }
  if (!Number.isFinite(day0)) day0 = 0;
  const staffExcluded = new Uint8Array(staffIds.length);
  const staffGroups = staffIds.map(() => new Set<string>());
  // Availability per staff-day: the rows without shift columns give one span (first start to last
  // end), each row with a shift gives its shift; overlapping spans merge, separate ones stay apart
  // (a night shift ending at 07:00 and one beginning at 22:00 leave the day between unavailable).
  const spans = new Map<number, [number, number][]>();
  const hull = new Map<number, [number, number]>();
  for (let i = 0; i < n; i++) {
    const v = visits[i]!;
    const s = inputStaff[i]!;
    if (placing.excludedRole(v.staffRole)) staffExcluded[s] = 1;
    staffGroups[s]!.add(v.group);
    const key = s * 100000 + (day[i]! - day0);
    const list = spans.get(key) ?? spans.set(key, []).get(key)!;
    if (v.shiftStart === null && v.shiftEnd === null) {
      const h = hull.get(key);
      if (h === undefined) hull.set(key, [v.start, v.end]);
      else { h[0] = Math.min(h[0], v.start); h[1] = Math.max(h[1], v.end); }
    } else list.push([Math.min(v.start, v.shiftStart ?? v.start), Math.max(v.end, v.shiftEnd ?? v.end)]);
  }
  const available = new Map<number, number[]>();
  for (const [key, list] of spans) {
    const h = hull.get(key);
    if (h !== undefined) list.push(h);
    list.sort((a, b) => a[0] - b[0]);
    const flat: number[] = [];
    for (const [lo, hi] of list) {
      if (flat.length > 0 && lo <= flat[flat.length - 1]!) flat[flat.length - 1] = Math.max(flat[flat.length - 1]!, hi);
      else flat.push(lo, hi);
    }
    available.set(key, flat);
  }
  const staffOnDay = new Map<number, number[]>();
  for (const key of [...available.keys()].sort((a, b) => a - b)) {
    const d = key % 100000;
    (staffOnDay.get(d) ?? staffOnDay.set(d, []).get(d)!).push(Math.floor(key / 100000));
  }
  const units: number[][] = [];
  clientRows.forEach((rows, c) => {
    for (const unit of visitsOf(rows.map((i) => visits[i]!))) {
      const u = units.push(unit.map((k) => rows[k]!)) - 1;
      for (const k of unit) {
        const i = rows[k]!;
        rowUnit[i] = u;
        rowClient[i] = c;
        movable[i] = staffExcluded[inputStaff[i]!] ? 0 : 1;
      }
    }
  });
  const listed = clients.map(() => new Map<string, number>());
  for (const v of visits) {
    const c = clientIndex.get(v.client);
    if (c !== undefined && v.contactStaff !== '') listed[c]!.set(v.contactStaff, (listed[c]!.get(v.contactStaff) ?? 0) + 1);
  }
  const contact = Int32Array.from(listed, (m) => staffIndex.get(mostListed(m) ?? '') ?? -1);
  const problem = withTravel({
    visits, staffIds, inputStaff, day, movable, rowClient, rowUnit, units, clients, contact, staffExcluded, staffGroups, available, staffOnDay, day0,
    inputOverlaps: new Set(), inputTightPairs: new Set(), countBothStaff: settings.rules.countBothStaff, keepGroup: options.keepGroup === true,
    distance: { circuity: model.circuity, speedKmh: model.speedKmh },
  });
  noteInputTolerances(problem);
  return problem;
}

/**
 * The problem with its travel functions: the straight-line model of `data.distance` between two
 * rows' coordinates (0 when either has none).
 *
 * @example
 * withTravel(data).travelMinutes(0, 1); // → minutes from row 0's place to row 1's
 */
export function withTravel(data: ProblemData): PlanProblem {
  const model = haversineModel(data.distance);
  // the model's leg (haversine × circuity at a speed), its terms kept per row: the same numbers,
  // no object per call (the search asks for millions of legs)
  const rad = Math.PI / 180;
  const n = data.visits.length;
  const lat = new Float64Array(n), lon = new Float64Array(n), cosLat = new Float64Array(n), placed = new Uint8Array(n);
  data.visits.forEach((v, i) => {
    if (v.lat === null || v.lon === null) return;
    lat[i] = v.lat; lon[i] = v.lon; cosLat[i] = Math.cos(v.lat * rad); placed[i] = 1;
  });
  const km = (i: number, j: number): number => {
    if (!placed[i] || !placed[j]) return 0;
    const dLat = (lat[j]! - lat[i]!) * rad;
    const dLon = (lon[j]! - lon[i]!) * rad;
    const h = Math.sin(dLat / 2) ** 2 + cosLat[i]! * cosLat[j]! * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))) * model.circuity;
  };
  const minutes = (i: number, j: number): number => (km(i, j) / model.speedKmh) * 60;
  return { ...data, travelMs: (i, j) => minutes(i, j) * 60_000, travelMinutes: minutes, travelKm: km };
}

/** Whether staff `s` is available for the whole of row i (inside one of their spans that day). */
export function availableFor(p: PlanProblem, s: number, i: number): boolean {
  const spans = p.available.get(dayKey(p, s, p.day[i]!));
  if (spans === undefined) return false;
  const v = p.visits[i]!;
  for (let k = 0; k < spans.length; k += 2) if (spans[k]! <= v.start && v.end <= spans[k + 1]!) return true;
  return false;
}

/** The staff-day key of a staff member and a local day. */
export function dayKey(p: PlanProblem, staff: number, day: number): number {
  return staff * 100000 + (day - p.day0);
}

/** Notes the overlaps and the too-tight consecutive pairs the input already had (they stay allowed). */
function noteInputTolerances(p: PlanProblem): void {
  const byDay = new Map<number, number[]>();
  for (let i = 0; i < p.visits.length; i++) {
    const key = dayKey(p, p.inputStaff[i]!, p.day[i]!);
    (byDay.get(key) ?? byDay.set(key, []).get(key)!).push(i);
  }
  for (const rows of byDay.values()) {
    sortByStart(p, rows);
    for (let x = 0; x < rows.length; x++) {
      const a = rows[x]!;
      for (let y = x + 1; y < rows.length; y++) {
        const b = rows[y]!;
        if (p.visits[b]!.start >= p.visits[a]!.end) break;
        p.inputOverlaps.add(pairKey(a, b));
      }
      if (x + 1 < rows.length) {
        const b = rows[x + 1]!;
        if (p.visits[a]!.end + p.travelMs(a, b) > p.visits[b]!.start) p.inputTightPairs.add(`${a},${b}`);
      }
    }
  }
}

/** The key of an unordered row pair. */
export function pairKey(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

/** Sorts row indices by start, then end, then index (in place). */
export function sortByStart(p: PlanProblem, rows: number[]): number[] {
  return rows.sort((a, b) => p.visits[a]!.start - p.visits[b]!.start || p.visits[a]!.end - p.visits[b]!.end || a - b);
}
