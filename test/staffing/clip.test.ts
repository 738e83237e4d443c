import { describe, expect, it } from 'vitest';
import { measureStaffing } from '../../src/index.js';
import { measureRoutes } from '../../src/measures/routes/index.js';

// A 14-day window from 2024-10-01 ends at local midnight 2024-10-15 00:00. The last visit starts
// on its last day at 20:00 and ends at 04:00 the next morning: 4 of its 8 hours are in the window.
const rows = [
  { client_id: 'C1', staff_id: 'S1', start: '2024-10-01 08:00', end: '2024-10-01 09:00' },
  { client_id: 'C1', staff_id: 'S2', start: '2024-10-14 20:00', end: '2024-10-15 04:00' },
];

describe('hours are counted inside the window (a visit across its end gives its part)', () => {
  it('staffing: 1 h + 4 h = 5 staff hours, not 9', async () => {
    const r = await measureStaffing(rows, { from: '2024-10-01' });
    expect(r.windows[0]!.staffHours).toBe(5);
    expect(r.windows[0]!.perClient[0]!.staffHours).toBe(5);
  });

  it('routes: the staff-day of the night visit has 240 minutes in the window', async () => {
    const r = await measureRoutes(rows, { from: '2024-10-01' });
    const night = r.windows[0]!.routes.find((d) => d.day === '2024-10-14')!;
    expect([night.workingMinutes, night.clientMinutes, night.workEnd]).toEqual([240, 240, '2024-10-15T00:00']);
  });

  it('a double-staffed visit across the end: each staff member counts the part inside', async () => {
    const both = [...rows, { client_id: 'C1', staff_id: 'S3', start: '2024-10-14 21:00', end: '2024-10-15 02:00' }];
    const w = (await measureStaffing(both, { from: '2024-10-01' })).windows[0]!;
    // S2 20:00–24:00 (4 h) and S3 21:00–24:00 (3 h) together 3 h: double-staffed, 7 h of it in the window
    expect([w.staffHours, w.doubleStaffedHours]).toEqual([8, 7]);
  });
});
