/**
 * The day-by-day simulation that turns the municipality built by `./world.ts` into visit
 * records: hospital stays and absences, rosters and substitutes, and each shift's routes.
 *
 * Everything here is internal to `src/generate`; the public API is in `./index.ts`.
 */
import { isDstChangeDay, weekday } from './calendar.js';
import { DAY_START, EVENING_END, HSL_START, KIND, MEAL_START, SHIFT_CHANGE, at, clamp, type Client, type Group, type Staff, type VisitRecord } from './municipality.js';
import { type ScatterKnobs } from './profile.js';
import { Rng } from './rng.js';
import type { World } from './world.js';

/** Straight line × circuity at 40 km/h, plus 2 minutes to park and walk in. */
const CIRCUITY = 1.3;
const MIN_PER_KM = 1.5;
const PARK_MIN = 2;

/** An ordinary visit is not given to a staff member who could only start it this much later. */
const TOLERANCE = 45;
/** … but to keep continuity, a visit may wait this long for the contact person or the team. */
const TEAM_TOLERANCE = 60;

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
