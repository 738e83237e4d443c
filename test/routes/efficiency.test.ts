import { describe, expect, it } from 'vitest';
import { routeDay, unionMinutes, type RouteStop } from '../../src/measures/routes/day.js';
import { haversineKm, haversineModel, type DistanceModel } from '../../src/measures/routes/distance.js';
import { measureRoutes, routes } from '../../src/measures/routes/measure.js';
import { staffing } from '../../src/measures/staffing/measure.js';
import { at, greatCircleKm, permutations, visit } from './routes-fixture.js';

const BASE: [number, number] = [62.0, 15.0];
const A: [number, number] = [62.0, 15.1];
const B: [number, number] = [62.02, 15.2];
const C: [number, number] = [61.99, 15.3];

/** Road minutes and km of the default model (circuity 1.3, 40 km/h), computed here. */
const km = (p: [number, number], q: [number, number]) => greatCircleKm(p[0], p[1], q[0], q[1]) * 1.3;
const min = (p: [number, number], q: [number, number]) => (km(p, q) / 40) * 60;

describe('haversine model', () => {
  it('agrees with an independent great-circle formula', () => {
    expect(haversineKm({ lat: A[0], lon: A[1] }, { lat: C[0], lon: C[1] })).toBeCloseTo(greatCircleKm(...A, ...C), 9);
    const leg = haversineModel().leg({ lat: A[0], lon: A[1] }, { lat: B[0], lon: B[1] });
    expect(leg.km).toBeCloseTo(km(A, B), 9);
    expect(leg.minutes).toBeCloseTo(min(A, B), 9);
  });
  it('one degree of longitude on the equator is 2πR/360', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo((2 * Math.PI * 6371) / 360, 9);
  });
  it('rejects a circuity below 1 and a speed of 0', () => {
    expect(() => haversineModel({ circuity: 0.9 })).toThrow(/circuity/);
    expect(() => haversineModel({ speedKmh: 0 })).toThrow(/speedKmh/);
  });
});

describe('a three-visit day from and back to a base, by hand', () => {
  // Driven: base → B (08:00–08:30) → A (09:00–09:45) → C (10:30–11:00) → base.
  const day = [visit('S1', 'cB', '08:00', '08:30', B), visit('S1', 'cA', '09:00', '09:45', A), visit('S1', 'cC', '10:30', '11:00', C)];
  const r = routes(day, { zone: 'UTC', all: true, base: BASE });
  const d = r.windows[0]!.routes[0]!;
  const driven = min(BASE, B) + min(B, A) + min(A, C) + min(C, BASE);
  const drivenKm = km(BASE, B) + km(B, A) + km(A, C) + km(C, BASE);
  const tours = permutations([A, B, C]).map(([p, q, s]) => ({ m: min(BASE, p!) + min(p!, q!) + min(q!, s!) + min(s!, BASE), k: km(BASE, p!) + km(p!, q!) + km(q!, s!) + km(s!, BASE) }));
  const best = tours.reduce((x, y) => (y.m < x.m ? y : x));

  it('working time runs from leaving the base to coming back', () => {
    expect(d.workingMinutes).toBeCloseTo(180 + min(BASE, B) + min(C, BASE), 6); // times are whole ms
    expect(d.clientMinutes).toBe(105);
    expect(d.clientTimeShare).toBeCloseTo(105 / (180 + min(BASE, B) + min(C, BASE)), 9);
  });
  it('travel, waiting and per-visit figures', () => {
    expect(d.travelSource).toBe('model');
    expect(d.travelMinutes).toBeCloseTo(driven, 9);
    expect(d.travelKm).toBeCloseTo(drivenKm, 9);
    expect(d.waitingMinutes).toBeCloseTo(30 - min(B, A) + 45 - min(A, C), 9);
    expect(d.travelMinutesPerVisit).toBeCloseTo(driven / 3, 9);
    expect(d.kmPerVisit).toBeCloseTo(drivenKm / 3, 9);
  });
  it('the free best order is the shortest of the six tours', () => {
    expect(d.bestMinutes).toBeCloseTo(best.m, 9);
    expect(d.bestKm).toBeCloseTo(best.k, 9);
    expect(d.bestExact).toBe(true);
    expect(d.detourRatio).toBeCloseTo(driven / best.m, 9);
    expect(d.detourRatio!).toBeGreaterThan(1.1);
    expect(d.savingMinutes).toBeCloseTo(driven - best.m, 9);
    expect(d.savingKm).toBeCloseTo(drivenKm - best.k, 9);
  });
  it('±30 min windows leave only the order driven: no saving', () => {
    // A first would start at 08:30 at the earliest and end 09:15, so B (latest 08:30) is missed;
    // B, C, A reaches C before its window and A (latest 09:30) only after 10:30.
    expect(d.windowsFeasible).toBe(true);
    expect(d.bestMinutesWindows).toBeCloseTo(driven, 9);
    expect(d.detourRatioWindows).toBe(1);
    expect(d.savingMinutesWindows).toBeCloseTo(0, 9);
  });
  it('±120 min windows admit the best tour', () => {
    const wide = routes(day, { zone: 'UTC', all: true, base: BASE, windowMinutes: 120 }).windows[0]!.routes[0]!;
    expect(wide.bestMinutesWindows).toBeCloseTo(best.m, 9);
    expect(wide.detourRatioWindows).toBeCloseTo(driven / best.m, 9);
  });
  it('the summary pools the day', () => {
    const w = r.windows[0]!;
    expect(w.staffDays).toBe(1);
    expect(w.clientTimeShare).toBeCloseTo(d.clientTimeShare!, 12);
    expect(w.detourRatio).toBeCloseTo(d.detourRatio!, 12);
    expect(w.spread.detourRatio.median).toBeCloseTo(d.detourRatio!, 12);
    expect(w.groups.map((g) => g.group)).toEqual(['G']);
    expect(w.perStaff.map((s) => [s.staff, s.staffDays])).toEqual([['S1', 1]]);
  });
});

describe('a day with a wait, logged legs and shift times', () => {
  const P: [number, number] = [62.0, 15.0], Q: [number, number] = [62.0, 15.05];
  const legs = { travelMinutes: 10, travelKm: 7 };
  it('without shift times: first start to last end; the logged leg is the travel', () => {
    const day = [visit('S1', 'c1', '09:00', '09:30', P), visit('S1', 'c2', '10:00', '10:30', Q, legs)];
    const d = routes(day, { zone: 'UTC', all: true }).windows[0]!.routes[0]!;
    expect([d.workStart, d.workEnd, d.workingMinutes, d.clientMinutes]).toEqual(['2024-10-01T09:00', '2024-10-01T10:30', 90, 60]);
    expect(d.clientTimeShare).toBeCloseTo(2 / 3, 12);
    expect([d.travelMinutes, d.travelKm, d.travelSource, d.waitingMinutes]).toEqual([10, 7, 'logged', 20]);
    // the order comparison uses the model for both orders: two stops, nothing to reorder
    expect(d.modelMinutes).toBeCloseTo(min(P, Q), 9);
    expect(d.detourRatio).toBe(1);
  });
  it('with shift times 08:30–11:00 the time before and after the visits is waiting', () => {
    const shift = { shiftStart: at('08:30'), shiftEnd: at('11:00') };
    const day = [visit('S1', 'c1', '09:00', '09:30', P, shift), visit('S1', 'c2', '10:00', '10:30', Q, { ...legs, ...shift })];
    const d = routes(day, { zone: 'UTC', all: true }).windows[0]!.routes[0]!;
    expect([d.workingMinutes, d.waitingMinutes]).toEqual([150, 30 + 20 + 30]);
    expect(d.clientTimeShare).toBeCloseTo(60 / 150, 12);
  });
  it('overlapping visits of one staff member are client time once', () => {
    expect(unionMinutes([{ start: at('09:00'), end: at('10:00') }, { start: at('09:30'), end: at('10:30') }, { start: at('11:00'), end: at('11:10') }])).toBe(100);
  });
  it('a visit without coordinates: no model figures, a reason, and a count', () => {
    const day = [visit('S1', 'c1', '09:00', '09:30', P), visit('S1', 'c2', '10:00', '10:30', null), visit('S2', 'c3', '10:00', '10:30', P)];
    const w = routes(day, { zone: 'UTC', all: true }).windows[0]!;
    const d = w.routes[0]!;
    expect([d.reason, d.travelMinutes, d.waitingMinutes, d.detourRatio, d.detourRatioWindows]).toEqual(['missing_coordinates', null, null, null, null]);
    expect(d.clientTimeShare).toBeCloseTo(60 / 90, 12);
    expect(w.staffDaysWithoutCoordinates).toBe(1);
    expect(w.staffDays).toBe(2);
  });
});

describe('double-staffed visits', () => {
  // A line model: minutes = km = |Δlon| × 100 (so x = lon × 100).
  const line: DistanceModel = { kind: 'haversine', leg: (a, b) => ({ minutes: Math.abs(a.lon - b.lon) * 100, km: Math.abs(a.lon - b.lon) * 100 }) };
  const stop = (x: number, from: string, to: string, double = false): RouteStop => ({
    start: at(from), end: at(to), lat: 0, lon: x / 100, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null, double,
  });
  // x = 0 (08:00), 20 (08:20), 5 (08:40), 25 (09:00), 10 minutes each. Driven 20 + 15 + 20 = 55;
  // best with the same ends: 0, 5, 20, 25 = 25.
  const day = (pinned: boolean) => [stop(0, '08:00', '08:10'), stop(20, '08:20', '08:30', pinned), stop(5, '08:40', '08:50'), stop(25, '09:00', '09:10')];
  it('within ±30 min the stops can be swapped: 0 at 07:30, 5 at 08:10, 20 at 08:35, 25 at 08:50', () => {
    const d = routeDay(day(false), { model: line });
    expect([d.modelMinutes, d.bestMinutes, d.bestMinutesWindows]).toEqual([55, 25, 25]);
    expect(d.detourRatioWindows).toBe(2.2);
  });
  it('pinned at its actual 08:20, the double-staffed visit forbids the swap', () => {
    const d = routeDay(day(true), { model: line });
    expect(d.doubleStaffedVisits).toBe(1);
    expect([d.bestMinutes, d.bestMinutesWindows, d.detourRatioWindows, d.savingMinutesWindows]).toEqual([25, 55, 1, 0]);
  });
  it('count for each staff member: the shared visit is on both days', () => {
    const v = (s: string, c: string, f: string, t: string, id: string) => visit(s, c, f, t, A, { visitId: id });
    const rows = [v('S1', 'c1', '08:00', '08:30', 'V1'), v('S1', 'c2', '09:00', '09:30', 'V2'), v('S2', 'c2', '09:00', '09:30', 'V2'), v('S2', 'c3', '10:00', '10:20', 'V3')];
    const w = routes(rows, { zone: 'UTC', all: true }).windows[0]!;
    expect(w.routes.map((d) => [d.staff, d.visits, d.doubleStaffedVisits, d.clientMinutes])).toEqual([['S1', 2, 1, 60], ['S2', 2, 1, 50]]);
    expect(w.visits).toBe(4);
    // without a visit id, rows of one client overlapping by half are one visit
    const loose = rows.map((r) => ({ ...r, visitId: '' }));
    expect(routes(loose, { zone: 'UTC', all: true }).windows[0]!.routes.map((d) => d.doubleStaffedVisits)).toEqual([1, 1]);
  });
});

describe('a handover is not double staffing (one definition with the staffing figures)', () => {
  // On the equator with circuity 1 at 60 km/h a leg's minutes are its km: x km east is
  // lon = x / (6371 π / 180). Staff A: P0 at x = 0 (09:20–09:30), the shared visit H at x = 3
  // (10:00–10:30), P2 at x = 1 (10:35–10:45), P3 at x = 4 (11:20–11:30). Driven 0→3→1→4 = 3 + 2 + 3
  // = 8 min; best with the same ends 0→1→3→4 = 1 + 2 + 1 = 4. Within ±30 min (minutes after 09:20:
  // P0 [−30, 30], H [10, 70], P2 [45, 105], P3 [90, 150]; service 10, 30, 10, 10) the best order is
  // feasible: P0 at −30, P2 at 45 (arrive −19), H at 57 (≤ 70), P3 at 90 (arrive 88): 4 min. H pinned
  // at 40 forbids it (P2 cannot start before 45), leaving the driven 8.
  const x = (km: number): [number, number] => [0, km / ((6371 * Math.PI) / 180)];
  const day = (hA: [string, string], hB: [string, string]) => [
    visit('A', 'c0', '09:20', '09:30', x(0)),
    visit('A', 'cH', hA[0], hA[1], x(3), { visitId: 'H1' }),
    visit('A', 'c2', '10:35', '10:45', x(1)),
    visit('A', 'c3', '11:20', '11:30', x(4)),
    visit('B', 'cH', hB[0], hB[1], x(3), { visitId: 'H1' }),
    visit('B', 'cQ', '12:00', '12:30', x(10)),
  ];
  const options = { zone: 'UTC', all: true, circuity: 1, speedKmh: 60 } as const;
  const figures = (rows: ReturnType<typeof day>, handoverMinutes?: number) => {
    const w = routes(rows, { ...options, ...(handoverMinutes !== undefined ? { rules: { handoverMinutes } } : {}) }).windows[0]!;
    const s = staffing(rows, { zone: 'UTC', from: '2024-10-01', scope: 'all', ...(handoverMinutes !== undefined ? { rules: { handoverMinutes } } : {}) }).windows[0]!;
    const a = w.routes.find((d) => d.staff === 'A')!;
    return { doubleA: a.doubleStaffedVisits, doubleB: w.routes.find((d) => d.staff === 'B')!.doubleStaffedVisits, a, staffingDouble: s.doubleStaffedVisits, handovers: s.handovers };
  };

  it('A 10:00–10:30 then B 10:30–11:00 under one visit id: no double-staffed visit, H free in its window (best 4.00 min)', () => {
    const f = figures(day(['10:00', '10:30'], ['10:30', '11:00']));
    expect([f.doubleA, f.doubleB, f.staffingDouble, f.handovers]).toEqual([0, 0, 0, 1]);
    expect(f.a.modelMinutes).toBeCloseTo(8, 9);
    expect(f.a.bestMinutes).toBeCloseTo(4, 9);
    expect(f.a.bestMinutesWindows).toBeCloseTo(4, 9);
    expect(f.a.detourRatioWindows).toBeCloseTo(2, 9);
  });

  it('both 10:00–10:30: double-staffed in both measures (1), H pinned: best within windows is the driven 8 min', () => {
    const f = figures(day(['10:00', '10:30'], ['10:00', '10:30']));
    expect([f.doubleA, f.doubleB, f.staffingDouble, f.handovers]).toEqual([1, 1, 1, 0]);
    expect(f.a.bestMinutes).toBeCloseTo(4, 9);
    expect(f.a.bestMinutesWindows).toBeCloseTo(8, 9);
  });

  it('together 4 minutes (B from 10:26): a handover at the default 5, double at handoverMinutes 3, the same in both measures', () => {
    const rows = day(['10:00', '10:30'], ['10:26', '11:00']);
    const five = figures(rows);
    expect([five.doubleA, five.doubleB, five.staffingDouble, five.handovers]).toEqual([0, 0, 0, 1]);
    const three = figures(rows, 3);
    expect([three.doubleA, three.doubleB, three.staffingDouble, three.handovers]).toEqual([1, 1, 1, 0]);
    expect(() => routes(rows, { rules: { handoverMinutes: -1 } })).toThrow(/handoverMinutes/);
  });
});

describe('windows', () => {
  const rows = [visit('S1', 'c1', '09:00', '09:30', A), { ...visit('S1', 'c1', '09:00', '09:30', A), start: at('09:00') + 86_400_000 * 20, end: at('09:30') + 86_400_000 * 20 }];
  it('from + days takes the days of one window; all takes every day of the log', () => {
    const one = routes(rows, { zone: 'UTC', from: '2024-10-01', rules: { days: 14 } });
    expect([one.windows[0]!.from, one.windows[0]!.to, one.windows[0]!.staffDays, one.rows.outsideWindows]).toEqual(['2024-10-01', '2024-10-14', 1, 1]);
    const all = routes(rows, { zone: 'UTC', all: true });
    expect([all.windows[0]!.from, all.windows[0]!.to, all.windows[0]!.days, all.windows[0]!.staffDays]).toEqual(['2024-10-01', '2024-10-21', 21, 2]);
  });
  it('takes days and handoverMinutes in rules, as the measure does: at the top level each is a BAD_OPTION saying where it went', () => {
    expect(() => routes(rows, { zone: 'UTC', from: '2024-10-01', days: 14 } as never)).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: 'days: moved to rules.days' }));
    expect(() => routes(rows, { zone: 'UTC', handoverMinutes: 3 } as never)).toThrow('handoverMinutes: moved to rules.handoverMinutes');
    // the measure's rules as they are: the ones routes have no use for are left aside
    const rules = { preset: 'ange', days: 7, handoverMinutes: 5, countBothStaff: false } as const;
    expect(routes(rows, { zone: 'UTC', from: '2024-10-01', rules }).windows[0]!.to).toBe('2024-10-07');
  });
  it('measureRoutes takes the engine\'s settings as the other commands do (checked; the same figures)', async () => {
    const options = { zone: 'UTC', all: true } as const;
    expect(await measureRoutes(rows, { ...options, engine: { threads: 2, fastPath: false } })).toEqual(await measureRoutes(rows, options));
    await expect(measureRoutes(rows, { ...options, threads: 2 } as never)).rejects.toMatchObject({ code: 'BAD_OPTION', message: 'threads: moved to engine.threads' });
    await expect(measureRoutes(rows, { ...options, engine: { threads: 0 } })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /^engine\.threads: / });
  });
  it('a monthly series by default; one mode at a time', () => {
    expect(routes(rows, { zone: 'UTC' }).windows.map((w) => w.from)).toEqual(['2024-10-01']);
    expect(() => routes(rows, { from: '2024-10-01', all: true })).toThrow(/one of/);
  });
});
