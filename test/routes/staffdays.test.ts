import { describe, expect, it } from 'vitest';
import { StaffDays } from '../../src/measures/routes/staffdays.js';
import { summariseRoutes } from '../../src/measures/routes/summary.js';
import { FIGURE, objectDays } from '../../src/measures/routes/summaryDays.js';
import type { DayCore } from '../../src/measures/routes/day.js';
import { LocalZone } from '../../src/windows/zone.js';

const HOUR = 3_600_000;

/** A day of `visits` visits from 08:00 for `hours` hours, `client` minutes with clients, travel as given. */
function core(visits: number, hours: number, client: number, travel: number, model: number, best: number): DayCore {
  const start = Date.UTC(2024, 9, 1, 8);
  return {
    visits, doubleStaffedVisits: 0, workStart: start, workEnd: start + hours * HOUR, clientMinutes: client,
    travelMinutes: travel, travelKm: travel / 2, travelSource: 'model', waitingMinutes: 0,
    modelMinutes: model, modelKm: model / 2, bestMinutes: best, bestKm: best / 2, bestSearch: 'exact',
    windowsFeasible: true, bestMinutesWindows: model, bestKmWindows: model / 2, reason: null,
  };
}

describe('StaffDays.figuresOf: one object refilled for each day', () => {
  const days = new StaffDays(3, ['S1', 'S2'], ['Norr'], new LocalZone('UTC'));
  days.set(0, 0, 19997, 0, core(4, 6, 180, 40, 40, 20));
  days.set(1, 0, 19998, 0, core(2, 2, 60, 10, 10, 10));
  days.set(2, 1, 19997, 0, core(6, 8, 300, 90, 90, 60));

  it('reads each day as the day is: working minutes, share and detour of days 2 then 0', () => {
    const read: [number, number | null, number | null][] = [];
    for (const f of days.figuresOf([2, 0])) read.push([f.workingMinutes, f.clientTimeShare, f.detourRatio]);
    // day 2: 480 working minutes, 300/480 with clients, 90/60 detour; day 0: 360, 180/360, 40/20
    expect(read).toEqual([[480, 0.625, 1.5], [360, 0.5, 2]]);
  });

  it('summarises as over separate objects, and the pooled figures are those by hand', () => {
    const s = summariseRoutes(days.figuresOf());
    expect(s).toEqual(summariseRoutes(days.slice().map((d) => ({ ...d }))));
    // 12 visits; working 6 + 2 + 8 h; clients 540 of 960 min; travel 140 min over 12 visits; detour 140 / 90
    expect([s.visits, s.workingHours, s.clientTimeShare, s.travelMinutesPerVisit, s.detourRatio]).toEqual([12, 16, 540 / 960, 140 / 12, 140 / 90]);
    expect(s.spread.clientTimeShare.median).toBe(0.5);
  });
});

describe('StaffDays.figure: one figure of a day from the columns', () => {
  const days = new StaffDays(3, ['S1'], ['Norr'], new LocalZone('UTC'));
  days.set(0, 0, 19997, 0, core(4, 6, 180, 40, 40, 20));
  // no coordinates: no model, best or window figures
  days.set(1, 0, 19998, 0, { ...core(2, 2, 60, 10, 10, 10), travelMinutes: null, travelKm: null, waitingMinutes: null, modelMinutes: null,
    modelKm: null, bestMinutes: null, bestKm: null, bestSearch: null, windowsFeasible: null, bestMinutesWindows: null,
    bestKmWindows: null, reason: 'missing_coordinates' });
  // searched, but no order on time: the free detour only
  days.set(2, 0, 19999, 0, { ...core(5, 5, 200, 50, 50, 40), bestSearch: 'heuristic', windowsFeasible: false,
    bestMinutesWindows: null, bestKmWindows: null });

  it('gives the figures of a day by hand (NaN where null, the kinds by number)', () => {
    const F = FIGURE;
    const of = (k: number, names: (keyof typeof F)[]) => names.map((n) => days.figure(k, F[n]));
    // day 0: 360 working minutes, 180 with clients (0.5), 40 min travel over 4 visits, 20 km (5 a visit);
    // model 40 min / 20 km against the best 20 / 10: ratio 2, saving 20 min, 10 km; windows 40 / 20: ratio 1, saving 0
    expect(of(0, ['visits', 'workingMinutes', 'clientTimeShare', 'travelMinutesPerVisit', 'kmPerVisit', 'detourRatio', 'savingMinutes',
      'savingKm', 'detourRatioWindows', 'savingMinutesWindows', 'savingKmWindows', 'bestSearch', 'windowsFeasible', 'reason']))
      .toEqual([4, 360, 0.5, 10, 5, 2, 20, 10, 1, 0, 0, 1, 2, 0]);
    expect(of(1, ['travelMinutes', 'travelMinutesPerVisit', 'waitingMinutes', 'detourRatio', 'savingKm', 'savingMinutesWindows', 'bestSearch', 'windowsFeasible', 'reason']))
      .toEqual([NaN, NaN, NaN, NaN, NaN, NaN, 0, 0, 1]);
    expect(of(2, ['detourRatio', 'savingMinutes', 'detourRatioWindows', 'savingMinutesWindows', 'bestSearch', 'windowsFeasible']))
      .toEqual([50 / 40, 10, NaN, NaN, 2, 1]);
  });

  it('equals the figures the day objects give, figure by figure', () => {
    const objects = objectDays(days.slice()), out = new Float64Array(days.length);
    for (const f of Object.values(FIGURE)) {
      objects.column(f, 0, days.length, out);
      for (let k = 0; k < days.length; k++) expect(days.figure(k, f), `day ${k}, figure ${f}`).toEqual(out[k]);
    }
  });

  it('summarises as the day objects do', () => {
    expect(summariseRoutes(days.figuresOf())).toEqual(summariseRoutes(days.slice()));
    expect(summariseRoutes(days.figuresOf([2, 0]))).toEqual(summariseRoutes([days.slice(2, 3)[0]!, days.slice(0, 1)[0]!]));
  });
});

describe('StaffDays: a day whose best figures are its model figures', () => {
  const days = new StaffDays(4, ['S1'], ['Norr'], new LocalZone('UTC'));
  const model = (m: number, km: number, b: Partial<DayCore> = {}): DayCore => ({ ...core(3, 4, 120, m, m, m), modelKm: km, bestKm: km, bestKmWindows: km, ...b });
  days.set(0, 0, 19997, 0, model(30, 15));
  days.set(1, 0, 19998, 0, model(30, 15, { bestKmWindows: 14 }));
  days.set(2, 0, 19999, 0, model(-0, 0, { bestMinutes: 0, bestMinutesWindows: 0 }));
  days.set(3, 0, 20000, 0, model(30, 15));
  days.set(3, 0, 20000, 0, model(30, 15, { bestMinutes: 20, bestKm: 10, bestMinutesWindows: 25, bestKmWindows: 12 }));

  it('reads each best figure back exactly: equal to the model, one apart, −0 against 0, and a day set again', () => {
    const best = (k: number) => { const d = days.slice(k, k + 1)[0]!; return [d.modelMinutes, d.modelKm, d.bestMinutes, d.bestKm, d.bestMinutesWindows, d.bestKmWindows, d.detourRatio, d.savingKmWindows]; };
    expect(best(0)).toEqual([30, 15, 30, 15, 30, 15, 1, 0]);
    expect(best(1)).toEqual([30, 15, 30, 15, 30, 14, 1, 1]);
    expect(best(2).map((x) => Object.is(x, -0))).toEqual([true, false, false, false, false, false, false, false]);
    expect(best(3)).toEqual([30, 15, 20, 10, 25, 12, 1.5, 3]);
  });
});
