/**
 * The synthetic municipality's model: its groups, clients, staff and produced visit records, the
 * kinds, roles and shift hours written to the rows, and the small helpers shared by the world
 * builder (`./world.ts`) and the day-by-day simulation (`./simulation.ts`).
 *
 * Everything here is internal to `src/generate`; the public API is in `./index.ts`.
 */
import { HHMM } from './calendar.js';

export const DAY_START = 7 * 60;
export const SHIFT_CHANGE = 14 * 60;
export const EVENING_END = 22 * 60;
export const HSL_START = 8 * 60;
export const MEAL_START = 10 * 60 + 30;

/**
 * Kinds of visit, as written to the `kind` column: ordinary care (`omvårdnad`, `service`,
 * `tillsyn`) and the kinds the official indicator leaves out or that fall outside its hours.
 *
 * @example
 * KIND.alarm; // → 'trygghetslarm'
 */
export const KIND = {
  care: 'omvårdnad',
  service: 'service',
  check: 'tillsyn',
  alarm: 'trygghetslarm',
  meal: 'matleverans',
  hsl: 'hsl',
  night: 'nattpatrull',
} as const;

/**
 * Staff roles, as written to the `staff_role` column.
 *
 * @example
 * ROLE.hsl; // → 'hsl' (home health care nurse; not counted by the indicator)
 */
export const ROLE = {
  assistantNurse: 'undersköterska',
  careAide: 'vårdbiträde',
  hsl: 'hsl',
} as const;

export type StaffType = 'regular' | 'substitute' | 'hsl' | 'night' | 'driver';

/**
 * One staff member of the simulation. Route state (`free`, `x`, `y`) is reset at the start of
 * each shift; duty fields say where the staff member works on the current day.
 *
 * @example
 * const s: Staff = world.staff[0]!; // s.id → 'S0001', s.type → 'regular'
 */
export interface Staff {
  readonly n: number;
  /** `S` + at least four digits, numbered in creation order (set once all staff exist). */
  id: string;
  readonly role: string;
  readonly type: StaffType;
  /** Home shift of a regular: 0 day, 1 evening. */
  readonly lane: 0 | 1;
  /** Schedule phase (0–6) and length of the working week (5 full time, 3 part time). */
  phase: number;
  readonly workDays: number;
  absentUntil: number;
  /** Day index on which the staff member is on duty, and the shift (0 day, 1 evening). */
  dutyDay: number;
  dutyLane: number;
  /** The substitute standing in for this regular on day `standInDay` (the regular is off sick or on leave). */
  standIn: Staff | null;
  standInDay: number;
  free: number;
  x: number;
  y: number;
}

export interface Slot {
  pref: number;
  dur: number;
  kind: string;
  double: boolean;
}

/**
 * One client with fixed needs: daily care slots at fixed times, weekly service, meals, home
 * health care, safety alarm rate and night patrol visits, the client's sub-teams and contact person.
 *
 * @example
 * const c: Client = world.clients[0]!; // c.id → 'C00001', c.slots.length → 1…6
 */
export interface Client {
  readonly n: number;
  readonly id: string;
  readonly group: number;
  readonly birth: string;
  readonly x: number;
  readonly y: number;
  readonly lat: string;
  readonly lon: string;
  readonly slots: Slot[];
  readonly serviceWeekday: number;
  readonly servicePref: number;
  readonly serviceDur: number;
  readonly mealMask: number;
  readonly mealPref: number;
  readonly hslMask: number;
  readonly hslPref: number;
  readonly hslDur: number;
  readonly alarmRate: number;
  readonly night: number[];
  teams: [Staff[], Staff[]];
  /** The neighbouring sub-team of each shift, asked when the client's own team is busy or off. */
  nearTeams: [Staff[], Staff[]];
  contact: Staff | null;
  hospitalUntil: number;
  everInHospital: boolean;
}

/**
 * One home-care group (hemtjänstgrupp) with its base (km from the town centre), its clients and
 * staff pools.
 *
 * @example
 * const g: Group = world.groups[0]!; // g.name → 'Centrum'
 */
export interface Group {
  readonly n: number;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly clients: Client[];
  readonly regulars: [Staff[], Staff[]];
  readonly substitutes: Staff[];
  readonly hsl: Staff[];
  readonly night: Staff[];
  /** Night patrol staff on duty per night. */
  nightPerShift: number;
  readonly drivers: Staff[];
}

/**
 * One produced row before formatting: one staff member at one visit, times in minutes of the day.
 *
 * @example
 * const r: VisitRecord = sim.groupDay(world.groups[0]!, 0)[0]!; // r.start → 67 (01:07)
 */
export interface VisitRecord {
  start: number;
  end: number;
  staff: Staff;
  client: Client;
  kind: string;
  visit: number;
  /** Visit id text, shared by the rows of one visit. */
  visitId: string;
  /** Double-staffed visit; `primary` marks exactly one of its two rows. */
  double: boolean;
  primary: boolean;
  /** The shift the row belongs to: 0 day, 1 evening, 2 home health care, 3 meals, 4 night 00–07, 5 night 22–24 (see {@link ROSTER_SHIFTS}). */
  shift: number;
}

/**
 * The rostered hours of each shift (minutes of the day; `from` below 0 begins the evening
 * before, `to` above 1440 ends the next morning), indexed by {@link VisitRecord.shift}. A staff
 * member's shift on a day spans these hours, widened to their first and last visit.
 *
 * @example
 * ROSTER_SHIFTS[0]; // → { from: 420, to: 870 } (07:00–14:30)
 */
export const ROSTER_SHIFTS: readonly { from: number; to: number }[] = Object.freeze([
  { from: 7 * 60, to: 14 * 60 + 30 },
  { from: 14 * 60, to: 22 * 60 },
  { from: 8 * 60, to: 16 * 60 + 30 },
  { from: 10 * 60 + 30, to: 13 * 60 + 30 },
  { from: -2 * 60, to: 7 * 60 },
  { from: 22 * 60, to: 24 * 60 + 7 * 60 },
]);

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range`);
  return v;
}


/**
 * Formats a minute of the day on a date as `YYYY-MM-DD HH:mm`.
 *
 * @example
 * wallTime('2024-10-01', 7 * 60 + 5); // → '2024-10-01 07:05'
 */
export function wallTime(date: string, minute: number): string {
  return `${date} ${at(HHMM, minute)}`;
}
