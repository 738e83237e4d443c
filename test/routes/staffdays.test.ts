import { describe, expect, it } from 'vitest';
import { StaffDays } from '../../src/measures/routes/staffdays.js';
import { summariseRoutes } from '../../src/measures/routes/summary.js';
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
