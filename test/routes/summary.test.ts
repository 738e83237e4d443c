import { random } from '../continuity/fixture.js';
import { describe, expect, it } from 'vitest';
import { StaffDays } from '../../src/measures/routes/staffdays.js';
import { summariseGroups, summariseRoutes } from '../../src/measures/routes/summary.js';
import type { DayCore } from '../../src/measures/routes/day.js';
import { LocalZone } from '../../src/windows/zone.js';

/** A day with figures drawn by `r`: some without coordinates, some left out of the sample, some searched. */
function day(r: () => number): DayCore {
  const start = Date.UTC(2024, 9, 1, 7) + Math.floor(r() * 120) * 60_000 + (r() < 0.2 ? 0.5 : 0);
  const visits = 1 + Math.floor(r() * 12);
  const kind = r();
  const model = r() * 90, best = model * (0.5 + r() / 2), bestW = r() < 0.3 ? null : model * (0.7 + r() * 0.4);
  const travel = kind < 0.1 ? null : r() < 0.5 ? model : r() * 80;
  return {
    visits, doubleStaffedVisits: Math.floor(r() * 2), workStart: start, workEnd: start + r() * 9 * 3_600_000,
    clientMinutes: Math.floor(r() * 400), travelMinutes: travel, travelKm: travel === null ? null : travel * 0.7,
    travelSource: travel === null ? null : 'model', waitingMinutes: travel === null ? null : r() * 60,
    modelMinutes: kind < 0.1 ? null : model, modelKm: kind < 0.1 ? null : model * 0.7,
    bestMinutes: kind < 0.5 ? null : best, bestKm: kind < 0.5 ? null : best * 0.7,
    bestSearch: kind < 0.5 ? null : kind < 0.8 ? 'exact' : kind < 0.9 ? 'heuristic' : 'quick',
    windowsFeasible: kind < 0.5 ? null : bestW !== null, bestMinutesWindows: kind < 0.5 ? null : bestW,
    bestKmWindows: kind < 0.5 || bestW === null ? null : bestW * 0.7,
    reason: kind < 0.1 ? 'missing_coordinates' : kind < 0.5 ? 'not_sampled' : null,
  };
}

describe('summariseGroups: the summaries of all days and of each group in one reading', () => {
  const r = random(23);
  const n = 3000, groups = 7;
  const days = new StaffDays(n, ['S1'], ['a', 'b', 'c', 'd', 'e', 'f', 'g'], new LocalZone('UTC'));
  // group 5 has no days
  for (let k = 0; k < n; k++) days.set(k, 0, 19997 + (k % 14), [0, 1, 2, 3, 4, 6][Math.floor(r() * 6)]!, day(r));

  it('equals summariseRoutes of the day objects, all and group by group', () => {
    const { all, groups: each } = summariseGroups(days.figuresOf(), days.group, groups);
    const objects = days.slice().map((d) => ({ ...d }));
    expect(all).toEqual(summariseRoutes(objects));
    for (let g = 0; g < groups; g++) {
      const mine = objects.filter((_, k) => days.group[k] === g);
      expect(each[g], `group ${g}`).toEqual(mine.length === 0 ? null : summariseRoutes(mine));
    }
    expect(each[5]).toBeNull();
    expect(each[0]!.spread.detourRatio.n).toBeGreaterThan(10);
  });
});
