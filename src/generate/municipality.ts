/**
 * The synthetic municipality: groups, clients and staff (built once from the seed), and the
 * day-by-day simulation that turns them into visit records.
 *
 * Everything here is internal to `src/generate`; the public API is in `./index.ts`.
 */
import { HHMM, formatEpochDay, isDstChangeDay, pad, weekday } from './calendar.js';
import { type ScatterKnobs } from './profile.js';
import { Rng } from './rng.js';

/** Town centre of the synthetic municipality (a small Norrland town, about 62.52 N 15.66 E). */
const CENTRE_LAT = 62.52;
const CENTRE_LON = 15.66;
const KM_PER_DEG_LAT = 111.32;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((CENTRE_LAT * Math.PI) / 180);

/** Straight line × circuity at 40 km/h, plus 2 minutes to park and walk in. */
const CIRCUITY = 1.3;
const MIN_PER_KM = 1.5;
const PARK_MIN = 2;

const DAY_START = 7 * 60;
const SHIFT_CHANGE = 14 * 60;
const EVENING_END = 22 * 60;
const HSL_START = 8 * 60;
const MEAL_START = 10 * 60 + 30;
/** An ordinary visit is not given to a staff member who could only start it this much later. */
const TOLERANCE = 45;
/** … but to keep continuity, a visit may wait this long for the contact person or the team. */
const TEAM_TOLERANCE = 60;

const GROUP_NAMES = [
  'Centrum',
  'Norr',
  'Söder',
  'Öster',
  'Väster',
  'Älvdalen',
  'Torpshammar',
  'Ljungaverk',
  'Fränsta',
  'Borgsjö',
  'Haverö',
  'Östavall',
];

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

type StaffType = 'regular' | 'substitute' | 'hsl' | 'night' | 'driver';

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

interface Slot {
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
 * The municipality built from a seed by {@link buildWorld}.
 *
 * @example
 * const world: World = buildWorld(new Rng(1), 200, 5, startDay, knobsFor(0.5));
 */
export interface World {
  readonly groups: Group[];
  readonly clients: Client[];
  readonly staff: Staff[];
  readonly sharedSubstitutes: Staff[];
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

interface Task {
  client: Client;
  pref: number;
  dur: number;
  kind: string;
  double: boolean;
  /** 0 ordinary (continuity rules), 1 urgent / pooled (whoever can start first). */
  mode: 0 | 1;
  seq: number;
}

/** Travel minutes between two points (km coordinates). */
function travel(x1: number, y1: number, x2: number, y2: number): number {
  const dx = x1 - x2;
  const dy = y1 - y2;
  if (dx === 0 && dy === 0) return 0;
  return Math.ceil(Math.sqrt(dx * dx + dy * dy) * CIRCUITY * MIN_PER_KM) + PARK_MIN;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

const SLOT_WINDOWS = {
  morning: [7 * 60, 10 * 60],
  late: [9 * 60 + 45, 10 * 60 + 45],
  lunch: [11 * 60, 13 * 60],
  afternoon: [14 * 60 + 15, 16 * 60],
  dinner: [16 * 60 + 30, 18 * 60],
  evening: [18 * 60 + 45, 20 * 60 + 45],
} as const;
type SlotName = keyof typeof SLOT_WINDOWS;

const TEMPLATES: readonly (readonly SlotName[])[] = [
  ['morning'],
  ['morning', 'evening'],
  ['morning', 'lunch', 'evening'],
  ['morning', 'lunch', 'dinner', 'evening'],
  ['morning', 'lunch', 'afternoon', 'dinner', 'evening'],
  ['morning', 'late', 'lunch', 'afternoon', 'dinner', 'evening'],
];
const VISITS_PER_DAY_WEIGHTS = [0.24, 0.22, 0.2, 0.18, 0.1, 0.06];

function weighted(rng: Rng, weights: readonly number[]): number {
  let u = rng.float();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i] ?? 0;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range`);
  return v;
}

/**
 * Builds the municipality. Consumes the random stream in a fixed order: groups, clients, staff,
 * teams, initial hospital stays. Does not depend on the number of days, so a longer run starts
 * with exactly the same days as a shorter one.
 *
 * @example
 * const world = buildWorld(new Rng(1), 200, 5, parseEpochDay('2024-10-01')!, knobsFor(0.46));
 */
export function buildWorld(
  rng: Rng,
  clientCount: number,
  groupCount: number,
  startDay: number,
  knobs: ScatterKnobs,
): World {
  const groups: Group[] = [];
  const staff: Staff[] = [];
  const clientIdWidth = Math.max(5, String(clientCount).length);

  const newStaff = (type: StaffType, role: string, lane: 0 | 1, workDays: number): Staff => {
    const s: Staff = {
      n: staff.length,
      id: '',
      role,
      type,
      lane,
      phase: rng.int(0, 6),
      workDays,
      absentUntil: -1,
      dutyDay: -1,
      dutyLane: -1,
      standIn: null,
      standInDay: -1,
      free: 0,
      x: 0,
      y: 0,
    };
    staff.push(s);
    return s;
  };

  // Group bases: the first in the town centre, the others in villages 4–25 km away.
  const bases: [number, number][] = [[0, 0]];
  while (bases.length < groupCount) {
    const x = (rng.float() * 2 - 1) * 25;
    const y = (rng.float() * 2 - 1) * 25;
    const r2 = x * x + y * y;
    if (r2 >= 16 && r2 <= 625) bases.push([x, y]);
  }

  const clients: Client[] = [];
  for (let g = 0; g < groupCount; g++) {
    const [bx, by] = at(bases, g);
    const name = g < GROUP_NAMES.length ? at(GROUP_NAMES, g) : `Grupp ${g + 1}`;
    groups.push({
      n: g,
      name,
      x: bx,
      y: by,
      clients: [],
      regulars: [[], []],
      substitutes: [],
      hsl: [],
      night: [],
      nightPerShift: 1,
      drivers: [],
    });
  }

  for (let i = 0; i < clientCount; i++) {
    const g = Math.floor((i * groupCount) / clientCount);
    const group = at(groups, g);
    const old = rng.chance(0.9);
    const age = old ? clamp(Math.round(85 + rng.normal() * 7), 65, 103) : rng.int(25, 64);
    const birthDay = startDay - Math.round((age + 0.02 + rng.float() * 0.96) * 365.2425);
    const x = group.x + clamp(rng.normal() * 1.6, -5, 5);
    const y = group.y + clamp(rng.normal() * 1.6, -5, 5);
    const perDay = weighted(rng, VISITS_PER_DAY_WEIGHTS) + 1;
    const heavy = perDay >= 4 && rng.chance(0.3);
    const template = perDay === 1 && rng.chance(0.25) ? (['lunch'] as const) : at(TEMPLATES, perDay - 1);
    const slots: Slot[] = template.map((name) => {
      const [lo, hi] = SLOT_WINDOWS[name];
      const pref = rng.int(lo, hi);
      let dur: number;
      let kind: string;
      switch (name) {
        case 'morning':
          dur = rng.int(25, heavy ? 60 : 45);
          kind = KIND.care;
          break;
        case 'late':
        case 'afternoon':
          dur = rng.int(10, 25);
          kind = KIND.check;
          break;
        case 'lunch':
          dur = rng.int(15, 40);
          kind = rng.chance(0.6) ? KIND.care : KIND.check;
          break;
        case 'dinner':
          dur = rng.int(20, 35);
          kind = KIND.care;
          break;
        case 'evening':
          dur = rng.int(20, heavy ? 50 : 40);
          kind = KIND.care;
          break;
      }
      const double = heavy && (name === 'morning' || name === 'evening' || (name === 'lunch' && rng.chance(0.4)));
      return { pref, dur, kind, double };
    });
    const hasService = rng.chance(0.6);
    const serviceWeekday = hasService ? rng.int(0, 4) : -1;
    const servicePref = rng.int(9 * 60, 12 * 60 + 30);
    const serviceDur = rng.int(40, 60);
    const meal = rng.chance(perDay <= 2 ? 0.45 : 0.12);
    const mealMask = meal ? (rng.chance(0.5) ? 0b0111111 : 0b1111111) : 0;
    const mealPref = rng.int(10 * 60 + 45, 12 * 60 + 30);
    const hsl = rng.chance(0.25);
    let hslMask = 0;
    if (hsl) {
      if (rng.chance(0.3)) hslMask = 0b1111111;
      else for (let k = rng.int(1, 3); k > 0; k--) hslMask |= 1 << rng.int(0, 4);
    }
    const hslPref = rng.int(8 * 60 + 15, 15 * 60 + 15);
    const hslDur = rng.int(15, 30);
    const alarmRate = rng.chance(0.55) ? 0.02 + rng.float() * 0.2 : 0;
    const night: number[] = [];
    if (perDay >= 3 && rng.chance(0.35)) {
      const k = rng.int(1, 2);
      for (let j = 0; j < k; j++) {
        night.push(rng.chance(0.4) ? rng.int(22 * 60 + 15, 23 * 60 + 20) : rng.int(30, 6 * 60 + 20));
      }
    }
    const client: Client = {
      n: i,
      id: `C${pad(i + 1, clientIdWidth)}`,
      group: g,
      birth: formatEpochDay(birthDay),
      x,
      y,
      lat: (CENTRE_LAT + y / KM_PER_DEG_LAT).toFixed(5),
      lon: (CENTRE_LON + x / KM_PER_DEG_LON).toFixed(5),
      slots,
      serviceWeekday,
      servicePref,
      serviceDur,
      mealMask,
      mealPref,
      hslMask,
      hslPref,
      hslDur,
      alarmRate,
      night,
      teams: [[], []],
      nearTeams: [[], []],
      contact: null,
      hospitalUntil: -1,
      everInHospital: false,
    };
    clients.push(client);
    group.clients.push(client);
  }

  // Staff pools sized from each group's expected daily work.
  for (const group of groups) {
    const load = [0, 0];
    let hslLoad = 0;
    let nightClients = 0;
    let mealLoad = 0;
    for (const c of group.clients) {
      for (const s of c.slots) {
        const lane = s.pref < SHIFT_CHANGE ? 0 : 1;
        load[lane] = (load[lane] ?? 0) + (s.dur + 8) * (s.double ? 2 : 1);
      }
      if (c.serviceWeekday >= 0) load[0] = (load[0] ?? 0) + (c.serviceDur + 8) / 7;
      if (c.hslMask) hslLoad += ((c.hslDur + 8) * popcount(c.hslMask)) / 7;
      if (c.mealMask) mealLoad += 15;
      if (c.night.length) nightClients++;
    }
    const laneCap = [240, 240];
    for (const lane of [0, 1] as const) {
      const need = Math.max(1, Math.ceil((load[lane] ?? 0) / (laneCap[lane] ?? 300)));
      const total = Math.max(2, Math.ceil((need * knobs.fill) / (0.7 * (5 / 7) + 0.3 * (3 / 7))));
      for (let k = 0; k < total; k++) {
        const part = k % 10 >= 7;
        const role = rng.chance(0.72) ? ROLE.assistantNurse : ROLE.careAide;
        group.regulars[lane].push(newStaff('regular', role, lane, part ? 3 : 5));
      }
    }
    for (let k = 0; k < knobs.groupSubstitutes; k++) {
      group.substitutes.push(newStaff('substitute', rng.chance(0.7) ? ROLE.careAide : ROLE.assistantNurse, 0, 0));
    }
    const hslCount = Math.max(2, Math.ceil(hslLoad / 240) + 1);
    for (let k = 0; k < hslCount; k++) group.hsl.push(newStaff('hsl', ROLE.hsl, 0, 5));
    const nightPerShift = Math.max(1, Math.ceil(nightClients / 15));
    group.nightPerShift = nightPerShift;
    for (let k = 0; k < nightPerShift * 3 + 1; k++) group.night.push(newStaff('night', ROLE.assistantNurse, 1, 5));
    const drivers = Math.max(1, Math.ceil(mealLoad / 200));
    for (let k = 0; k < drivers * 2; k++) group.drivers.push(newStaff('driver', ROLE.careAide, 0, 5));
  }
  const sharedSubstitutes: Staff[] = [];
  const sharedCount = Math.round(groupCount * (2 + 10 * knobs.sharedPoolUse));
  for (let k = 0; k < sharedCount; k++) {
    sharedSubstitutes.push(newStaff('substitute', rng.chance(0.6) ? ROLE.careAide : ROLE.assistantNurse, 0, 0));
  }
  const staffIdWidth = Math.max(4, String(staff.length).length);
  for (const s of staff) s.id = `S${pad(s.n + 1, staffIdWidth)}`;

  // Sub-teams: each shift's regulars split into teams of about `teamSize`; a group's clients are
  // split into the same number of districts by bearing from the base.
  for (const group of groups) {
    const bearing = (c: Client): number => Math.atan2(c.y - group.y, c.x - group.x);
    const order = group.clients.slice().sort((a, b) => bearing(a) - bearing(b) || a.n - b.n);
    for (const lane of [0, 1] as const) {
      const regs = group.regulars[lane];
      const teams = Math.max(1, Math.round(regs.length / knobs.teamSize));
      const teamLists: Staff[][] = [];
      for (let t = 0; t < teams; t++) {
        const members = regs.filter((_, j) => j % teams === t);
        // Rosters within a team are staggered so that someone of the team works every day.
        const base = rng.int(0, 6);
        members.forEach((m, i) => {
          m.phase = (base + Math.floor((i * 7) / members.length)) % 7;
        });
        teamLists.push(members);
      }
      const offset = rng.int(0, order.length);
      order.forEach((c, k) => {
        const t = Math.floor((((k + (lane ? offset : 0)) % order.length) * teams) / order.length);
        c.teams[lane] = at(teamLists, t);
        c.nearTeams[lane] = at(teamLists, (t + 1) % teams);
      });
    }
    // Contact person: a full-time day regular of the client's own day team, taken in turn.
    const turn = new Map<Staff[], number>();
    for (const c of order) {
      const fullTime = c.teams[0].filter((s) => s.workDays === 5);
      const pool = fullTime.length ? fullTime : c.teams[0];
      const k = turn.get(c.teams[0]) ?? 0;
      turn.set(c.teams[0], k + 1);
      c.contact = pool.length ? at(pool, k % pool.length) : null;
    }
  }

  for (const c of clients) {
    if (rng.chance(0.03)) {
      c.hospitalUntil = rng.int(1, 10);
    }
  }

  return { groups, clients, staff, sharedSubstitutes };
}

function popcount(m: number): number {
  let k = 0;
  for (let v = m; v; v &= v - 1) k++;
  return k;
}

/**
 * Counters the simulation keeps while producing records.
 *
 * @example
 * const counters: SimCounters = { visits: 0, hospitalDays: 0, hospitalStays: 0 };
 */
export interface SimCounters {
  visits: number;
  hospitalDays: number;
  hospitalStays: number;
}

/**
 * The day-by-day simulation. For d = 0, 1, 2 … in order, call `beginDay(d)` once and then
 * `groupDay(group, d)` for every group in order; each returns the group's records of that calendar
 * day sorted by start, staff and visit number.
 *
 * Each shift is a set of routes: the shift's visits are taken in order of preferred time and each
 * is given to a staff member on duty (contact person, else the client's sub-team or the standing-in
 * substitute, else the neighbouring sub-team, else anyone who can come within 45 minutes, else
 * whoever can come first), starting when both the client's preferred time has come and the staff
 * member has finished the previous visit and travelled there.
 *
 * @example
 * const sim = new Simulation(rng, world, startDay, knobs, counters);
 * sim.beginDay(0);
 * for (const g of world.groups) for (const rec of sim.groupDay(g, 0)) console.log(rec.staff.id, rec.start);
 */
export class Simulation {
  private readonly inHospital: Uint8Array;
  private readonly wasInHospital: Uint8Array;
  private readonly tasksByLane: Task[][] = [[], [], [], [], [], []];

  constructor(
    private readonly rng: Rng,
    private readonly world: World,
    private readonly startDay: number,
    private readonly knobs: ScatterKnobs,
    private readonly counters: SimCounters,
  ) {
    this.inHospital = new Uint8Array(world.clients.length);
    this.wasInHospital = new Uint8Array(world.clients.length);
  }

  /** Advances hospital stays and staff absences to day index `d` (call once per day, in order). */
  beginDay(d: number): void {
    const { rng, world, knobs } = this;
    for (const c of world.clients) {
      if (c.hospitalUntil <= d && rng.chance(0.004)) c.hospitalUntil = d + rng.int(3, 14);
      const inH = c.hospitalUntil > d ? 1 : 0;
      if (inH) {
        this.counters.hospitalDays++;
        if (!this.wasInHospital[c.n]) this.counters.hospitalStays++;
        c.everInHospital = true;
      }
      this.inHospital[c.n] = inH;
      this.wasInHospital[c.n] = inH;
    }
    for (const group of world.groups) {
      for (const lane of [0, 1] as const) {
        for (const s of group.regulars[lane]) {
          if (this.scheduled(s, d) && s.absentUntil <= d && rng.chance(knobs.absenceStart)) {
            s.absentUntil = d + (rng.chance(0.15) ? 7 : rng.int(1, 5));
          }
        }
      }
    }
  }

  private scheduled(s: Staff, d: number): boolean {
    return (d + s.phase) % 7 < s.workDays;
  }

  /** Records of one group on day index `d`, sorted by (start, staff, visit). */
  groupDay(group: Group, d: number): VisitRecord[] {
    const { rng, knobs } = this;
    const epochDay = this.startDay + d;
    const wd = weekday(epochDay);
    const bit = 1 << wd;
    const lanes = this.tasksByLane;
    for (const l of lanes) l.length = 0;
    // Lanes: 0 day, 1 evening, 2 hsl, 3 meals, 4 night 00–07, 5 night 22–24.
    let seq = 0;
    const add = (lane: number, client: Client, pref: number, dur: number, kind: string, double: boolean, mode: 0 | 1): void => {
      at(lanes, lane).push({ client, pref, dur, kind, double, mode, seq: seq++ });
    };
    for (const c of group.clients) {
      if (this.inHospital[c.n]) continue;
      for (const s of c.slots) {
        // Now and then a visit is cancelled by the client (never a client's only visit of the day).
        if (!s.double && rng.chance(0.004) && c.slots.length > 1) continue;
        const pref = clamp(s.pref + rng.int(-10, 10), DAY_START, EVENING_END - 60);
        add(pref < SHIFT_CHANGE ? 0 : 1, c, pref, s.dur, s.kind, s.double, 0);
      }
      if (c.serviceWeekday === wd) {
        add(0, c, c.servicePref, c.serviceDur, KIND.service, false, 0);
      }
      if (c.mealMask & bit) {
        add(3, c, c.mealPref, rng.int(5, 10), KIND.meal, false, 1);
      }
      if (c.hslMask & bit) {
        const pref = c.hslPref + rng.int(-20, 20);
        add(2, c, pref, c.hslDur, KIND.hsl, false, 1);
      }
      if (c.alarmRate > 0) {
        let k = rng.chance(c.alarmRate) ? (rng.chance(0.15) ? 2 : 1) : 0;
        for (; k > 0; k--) {
          const t = rng.int(0, 1439);
          const lane = t < DAY_START ? 4 : t < SHIFT_CHANGE ? 0 : t < EVENING_END ? 1 : 5;
          add(lane, c, lane === 5 ? Math.min(t, 23 * 60 + 30) : t, rng.int(10, 25), KIND.alarm, false, 1);
        }
      }
      for (const t of c.night) {
        const pref = t + rng.int(-10, 10);
        add(t >= EVENING_END ? 5 : 4, c, pref, rng.int(10, 20), KIND.night, false, 1);
      }
    }

    const out: VisitRecord[] = [];
    const dst = isDstChangeDay(epochDay);

    // Day and evening shifts: regulars on duty, topped up with substitutes.
    const onDuty: [Staff[], Staff[]] = [[], []];
    for (const lane of [0, 1] as const) {
      for (const s of group.regulars[lane]) {
        if (!this.scheduled(s, d)) continue;
        if (s.absentUntil > d) {
          // An absent regular's shift goes to a substitute, who takes over the regular's clients.
          const sub = this.drawSubstitute(group, d);
          if (sub) {
            sub.dutyDay = d;
            sub.dutyLane = lane;
            s.standIn = sub;
            s.standInDay = d;
            at(onDuty, lane).push(sub);
          }
          continue;
        }
        const l = rng.chance(knobs.rotation) ? 1 - lane : lane;
        s.dutyDay = d;
        s.dutyLane = l;
        at(onDuty, l).push(s);
      }
    }
    const caps = [240, 240];
    for (const lane of [0, 1] as const) {
      let load = 0;
      let doubles = false;
      for (const t of at(lanes, lane)) {
        load += (t.dur + 8) * (t.double ? 2 : 1);
        if (t.double) doubles = true;
      }
      const need = Math.max(doubles ? 2 : 1, Math.ceil(load / (caps[lane] ?? 300)));
      const duty = onDuty[lane];
      while (duty.length < need) {
        const s = this.drawSubstitute(group, d);
        if (!s) break;
        s.dutyDay = d;
        s.dutyLane = lane;
        duty.push(s);
      }
    }
    this.runShift(at(lanes, 0), onDuty[0], 0, 0, d, DAY_START, 24 * 60 - 1, group, dst, out);
    this.runShift(at(lanes, 1), onDuty[1], 1, 1, d, SHIFT_CHANGE, 24 * 60 - 1, group, dst, out);

    // Home health care: weekdays all but one nurse, weekends one.
    const hslDuty: Staff[] = [];
    const hslCount = wd < 5 ? Math.max(1, group.hsl.length - 1) : 1;
    for (let k = 0; k < hslCount; k++) hslDuty.push(at(group.hsl, (d + k) % group.hsl.length));
    this.runShift(at(lanes, 2), hslDuty, -1, 2, d, HSL_START, 24 * 60 - 1, group, dst, out);

    // Meal delivery: drivers alternate week by week.
    const half = group.drivers.length / 2;
    const week = Math.floor((this.startDay + d + 3) / 7) % 2;
    this.runShift(at(lanes, 3), group.drivers.slice(week * half, week * half + half), -1, 3, d, MEAL_START, 24 * 60 - 1, group, dst, out);

    // Night patrol: the night that began yesterday (00–07) and the one beginning today (22–24).
    this.runShift(at(lanes, 4), this.nightCrew(group, d - 1), -1, 4, d, 0, DAY_START, group, dst, out);
    this.runShift(at(lanes, 5), this.nightCrew(group, d), -1, 5, d, EVENING_END, 24 * 60 - 1, group, dst, out);

    out.sort((a, b) => a.start - b.start || a.staff.n - b.staff.n || a.visit - b.visit);
    return out;
  }

  private nightCrew(group: Group, night: number): Staff[] {
    const crew: Staff[] = [];
    const pool = group.night;
    const base = ((night * group.nightPerShift) % pool.length + pool.length) % pool.length;
    for (let k = 0; k < group.nightPerShift; k++) crew.push(at(pool, (base + k) % pool.length));
    return crew;
  }

  private drawSubstitute(group: Group, d: number): Staff | null {
    const { rng, knobs } = this;
    const pools = rng.chance(knobs.sharedPoolUse)
      ? [this.world.sharedSubstitutes, group.substitutes]
      : [group.substitutes, this.world.sharedSubstitutes];
    for (const pool of pools) {
      if (!pool.length) continue;
      for (let attempt = 0; attempt < 6; attempt++) {
        const s = at(pool, Math.floor(pool.length * Math.pow(rng.float(), knobs.substituteSkew)));
        if (s.dutyDay !== d) return s;
      }
      for (const s of pool) if (s.dutyDay !== d) return s;
    }
    return null;
  }

  private runShift(
    tasks: Task[],
    crew: Staff[],
    lane: number,
    shift: number,
    d: number,
    shiftStart: number,
    limit: number,
    group: Group,
    dst: boolean,
    out: VisitRecord[],
  ): void {
    if (!tasks.length || !crew.length) return;
    for (const s of crew) {
      s.free = shiftStart;
      s.x = group.x;
      s.y = group.y;
    }
    tasks.sort((a, b) => a.pref - b.pref || a.seq - b.seq);
    const { rng } = this;
    for (const t of tasks) {
      const c = t.client;
      const first =
        t.mode === 0 && lane >= 0 ? this.chooseOrdinary(t, crew, lane, d, null) : this.chooseFastest(t, crew, null);
      if (!first) continue;
      let second: Staff | null = null;
      let start = this.earliest(first, t);
      if (t.double && lane >= 0) {
        second = this.chooseOrdinary(t, crew, lane, d, first);
        if (second) start = Math.max(start, this.earliest(second, t));
      }
      let end = start + t.dur;
      if (dst && start < 180 && end >= 120) {
        start = 180;
        end = start + t.dur;
      }
      if (end > limit) continue; // does not fit in this shift (night patrol only, in practice)
      const visit = ++this.counters.visits;
      const visitId = 'V' + String(visit).padStart(6, '0');
      first.free = end;
      first.x = c.x;
      first.y = c.y;
      out.push({ start, end, staff: first, client: c, kind: t.kind, visit, visitId, double: second !== null, primary: true, shift });
      if (second) {
        let s2 = start;
        let e2 = end;
        if (rng.chance(0.3)) {
          s2 = start + rng.int(1, 4);
          e2 = end + rng.int(0, 4);
        }
        second.free = e2;
        second.x = c.x;
        second.y = c.y;
        out.push({ start: s2, end: e2, staff: second, client: c, kind: t.kind, visit, visitId, double: true, primary: false, shift });
      }
    }
  }

  private earliest(s: Staff, t: Task): number {
    const arrive = s.free + travel(s.x, s.y, t.client.x, t.client.y);
    return arrive > t.pref ? arrive : t.pref;
  }

  /** Whoever can start first (alarms, home health care, meals, night patrol). */
  private chooseFastest(t: Task, crew: Staff[], not: Staff | null): Staff | null {
    let best: Staff | null = null;
    let bestStart = Infinity;
    for (const s of crew) {
      if (s === not) continue;
      const e = this.earliest(s, t);
      if (e < bestStart) {
        best = s;
        bestStart = e;
      }
    }
    return best;
  }

  /** Ordinary visits: the contact person, else the client's team, else anyone free in time. */
  private chooseOrdinary(t: Task, crew: Staff[], lane: number, day: number, not: Staff | null): Staff | null {
    const { rng, knobs } = this;
    const c = t.client;
    let tolerance = TEAM_TOLERANCE;
    const ok = (s: Staff): boolean =>
      s !== not && s.dutyDay === day && s.dutyLane === lane && this.earliest(s, t) - t.pref <= tolerance;
    const contact = c.contact;
    if (contact && rng.chance(knobs.contactPreference) && ok(contact)) {
      return contact;
    }
    if (rng.chance(knobs.loyalty)) {
      const team = c.teams[lane === 1 ? 1 : 0];
      let n = 0;
      let chosen: Staff | null = null;
      for (const m of team) {
        const s = m.dutyDay === day ? m : m.standInDay === day ? m.standIn : null;
        if (s && ok(s)) {
          n++;
          if (rng.float() * n < 1) chosen = s; // reservoir sampling: uniform among the team on duty
        }
      }
      if (!chosen) {
        for (const m of c.nearTeams[lane === 1 ? 1 : 0]) {
          const s = m.dutyDay === day ? m : m.standInDay === day ? m.standIn : null;
          if (s && ok(s)) {
            n++;
            if (rng.float() * n < 1) chosen = s;
          }
        }
      }
      if (chosen) return chosen;
    }
    tolerance = TOLERANCE;
    let n = 0;
    let chosen: Staff | null = null;
    for (const s of crew) {
      if (ok(s)) {
        n++;
        if (rng.float() * n < 1) chosen = s;
      }
    }
    if (chosen) return chosen;
    return this.chooseFastest(t, crew, not);
  }
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
