/**
 * Builds the synthetic municipality from the seed: group bases, clients with their fixed needs,
 * staff pools sized from the expected work, sub-teams, contact persons and initial hospital stays.
 *
 * Everything here is internal to `src/generate`; the public API is in `./index.ts`.
 */
import { formatEpochDay, pad } from './calendar.js';
import { KIND, ROLE, SHIFT_CHANGE, at, clamp, type Client, type Group, type Slot, type Staff, type StaffType } from './municipality.js';
import { type ScatterKnobs } from './profile.js';
import { Rng } from './rng.js';

/** Town centre of the synthetic municipality (a small Norrland town, about 62.52 N 15.66 E). */
const CENTRE_LAT = 62.52;
const CENTRE_LON = 15.66;
const KM_PER_DEG_LAT = 111.32;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((CENTRE_LAT * Math.PI) / 180);

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
