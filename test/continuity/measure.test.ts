import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { continuity, measureContinuity, readVisits } from '../../src/index.js';
import { fixtureCsv, fixtureRows } from './fixture.js';

const FROM = '2024-10-21';

describe('measureContinuity on the hand-built fixture', () => {
  it('gives each client the status and staff count worked out by hand', async () => {
    const r = await measureContinuity(fixtureRows(), { from: FROM });
    const w = r.windows[0]!;
    expect(w.from).toBe('2024-10-21');
    expect(w.to).toBe('2024-11-03');
    const by = Object.fromEntries(w.perClient.map((c) => [c.client, c]));
    expect(by.A).toMatchObject({ eligible: true, staff: 4, visits: 30, reason: null, group: 'Norr' });
    expect(by.B).toMatchObject({ eligible: false, reason: 'too_few_visits_on_a_day', firstShortDay: '2024-10-29', visits: 27 });
    expect(by.C).toMatchObject({ eligible: true, staff: 3, visits: 28, doubleStaffedVisits: 14 });
    expect(by.D).toMatchObject({ eligible: false, reason: 'under_min_age', age: 64 });
    expect(by.E).toMatchObject({ eligible: true, age: 65, staff: 2 });
    expect(by.F).toMatchObject({ eligible: false, reason: 'no_counted_visits', visits: 0 });
    expect(by.G).toMatchObject({ eligible: true, staff: 3, visits: 28, doubleStaffedVisits: 14 });
  });

  it('summarises eligible clients: staff 4, 3, 2, 3', async () => {
    const w = (await measureContinuity(fixtureRows(), { from: FROM })).windows[0]!;
    // served: A B C D E G = 6; visits rule: A C D E G = 5; eligible: A C E G = 4; double staffing: C G = 2
    expect(w.clients).toEqual({ served: 6, visitsRule: 5, eligible: 4, doubleStaffed: 2 });
    // sorted 2 3 3 4: mean 3, median 3, q1 at index 0.75 → 2.75, q3 at 2.25 → 3.25, sd = sqrt(2/3)
    expect(w.staffPerClient).toMatchObject({ n: 4, mean: 3, median: 3, min: 2, max: 4, q1: 2.75, q3: 3.25, iqr: 0.5, shareAbove20: 0 });
    expect(w.staffPerClient.sd).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(w.histogram).toEqual([{ value: 2, count: 1 }, { value: 3, count: 2 }, { value: 4, count: 1 }]);
    // Norr: A 4, C 3 → 3.5; Söder: E 2, G 3 → 2.5
    expect(w.groups.map((g) => [g.group, g.staffPerClient.mean, g.clients.served])).toEqual([['Norr', 3.5, 3], ['Söder', 2.5, 3]]);
  });

  it('accounts for every row: read = used + rejected + excluded', async () => {
    const r = await measureContinuity(fixtureRows(), { from: FROM });
    // used: A 30, B 27, C 42, D 28, E 28, G 42 = 197; excluded: window 2 (F), hours 2, kind 1, role 1
    expect(r.rows).toEqual({ read: 203, used: 197, rejected: 0, excluded: { outside_window: 2, outside_day_hours: 2, excluded_kind: 1, excluded_role: 1 } });
    expect(r.rule.ageFilter).toBe('birth_date');
  });

  it('counts one staff member per double-staffed visit when asked', async () => {
    const w = (await measureContinuity(fixtureRows(), { from: FROM, rules: { countBothStaff: false } })).windows[0]!;
    const by = Object.fromEntries(w.perClient.map((c) => [c.client, c]));
    expect(by.C!.staff).toBe(2); // S1 (sorts before S7 at equal times) and S8
    expect(by.G!.staff).toBe(2); // S1 (earlier start) and S3
    expect(by.A!.staff).toBe(4);
  });

  it('reads the same figures from a Swedish CSV export (;, BOM, CRLF, Swedish headers)', async () => {
    const fromObjects = await measureContinuity(fixtureRows(), { from: FROM });
    const fromCsv = await measureContinuity(Readable.from([Buffer.from(fixtureCsv())]), { from: FROM });
    expect(fromCsv.windows).toEqual(fromObjects.windows);
    expect(fromCsv.rows).toEqual(fromObjects.rows);
  });

  it('moves the window border with the clocks: 07:00 after the October change is still 07:00', async () => {
    // A's 07:00 on day 9 (2024-10-30, CET) counts and 06:59 on day 8 does not; if the offset were
    // taken from before the change, 06:59 CET would read as 07:59 and count (staff 5).
    const w = (await measureContinuity(fixtureRows(), { from: FROM })).windows[0]!;
    expect(w.perClient.find((c) => c.client === 'A')!.staff).toBe(4);
  });

  it('the ange preset needs 2 visits a day on average: B (27 visits ≥ 28?) still fails, with the average reason', async () => {
    const w = (await measureContinuity(fixtureRows(), { from: FROM, rules: { preset: 'ange' } })).windows[0]!;
    const b = w.perClient.find((c) => c.client === 'B')!;
    expect(b).toMatchObject({ eligible: false, reason: 'too_few_visits_on_average' });
  });

  it('the pure function over visits in memory gives the streamed result', async () => {
    const { visits, ledger } = await readVisits(fixtureRows());
    expect(continuity(visits, { from: FROM }, ledger)).toEqual(await measureContinuity(fixtureRows(), { from: FROM }));
  });
});
