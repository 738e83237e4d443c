import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/index.js';
import { measureStaffing, staffing } from '../../src/measures/staffing/measure.js';
import { readVisits } from '../../src/read/read.js';
import { fixtureCsv } from '../continuity/fixture.js';
import { FROM, staffingRows } from './fixture.js';

const h = (minutes: number) => minutes / 60;

async function run(options: Parameters<typeof measureStaffing>[1] = {}) {
  return measureStaffing(staffingRows(), { from: FROM, ...options });
}

describe('double staffing on the hand-built fixture (see fixture.ts for the arithmetic)', () => {
  it('gives every client the figures worked out by hand', async () => {
    const w = (await run()).windows[0]!;
    expect([w.from, w.to]).toEqual(['2024-10-07', '2024-10-20']);
    expect(w.perClient.map((c) => c.client)).toEqual(['D', 'H', 'P', 'Q', 'R', 'T']); // M only at night
    const by = Object.fromEntries(w.perClient.map((c) => [c.client, c]));
    expect(by.P).toEqual({
      client: 'P', group: 'Norr', eligible: false, visits: 2, doubleStaffedVisits: 1, doubleStaffedShare: 0.5, handovers: 0, duplicateRegistrations: 0,
      staffHours: h(113), doubleStaffedHours: h(83), staffOnlyAtDoubleStaffed: 2, staffWithSecond: 3, staffWithoutSecond: 2,
    });
    expect(by.Q).toMatchObject({ visits: 2, doubleStaffedVisits: 1, staffHours: h(140), doubleStaffedHours: h(110), staffOnlyAtDoubleStaffed: 1, staffWithSecond: 2, staffWithoutSecond: 1 });
    expect(by.H).toMatchObject({ visits: 1, doubleStaffedVisits: 0, handovers: 1, staffHours: h(63), doubleStaffedHours: 0, staffOnlyAtDoubleStaffed: 0, staffWithSecond: 2, staffWithoutSecond: 1 });
    expect(by.D).toMatchObject({ visits: 2, doubleStaffedVisits: 0, duplicateRegistrations: 2, staffHours: 1, staffWithSecond: 1, staffWithoutSecond: 1 });
    expect(by.T).toMatchObject({ visits: 1, doubleStaffedVisits: 1, doubleStaffedShare: 1, staffHours: 2.5, doubleStaffedHours: 2.5, staffOnlyAtDoubleStaffed: 3, staffWithSecond: 3, staffWithoutSecond: 1 });
    expect(by.R).toMatchObject({
      group: 'Söder', eligible: true, visits: 31, doubleStaffedVisits: 17, doubleStaffedShare: 17 / 31, staffHours: h(1720), doubleStaffedHours: h(1300),
      staffOnlyAtDoubleStaffed: 3, staffWithSecond: 4, staffWithoutSecond: 2,
    });
  });

  it('lists the double-staffed visits with the simultaneous overlap: shared id, no id, three staff', async () => {
    const w = (await run()).windows[0]!;
    expect(w.doubleStaffed.length).toBe(20); // P 1, Q 1, T 1, R 17
    const find = (client: string) => w.doubleStaffed.filter((v) => v.client === client);
    expect(find('P')).toEqual([{ client: 'P', visitId: 'P1', start: '2024-10-07 08:00', end: '2024-10-07 08:45', staff: ['S1', 'S2'], peak: 2, togetherMinutes: 38, staffHours: h(83), lines: [1, 2] }]);
    expect(find('Q')).toEqual([{ client: 'Q', visitId: '', start: '2024-10-08 09:00', end: '2024-10-08 10:00', staff: ['S4', 'S5'], peak: 2, togetherMinutes: 50, staffHours: h(110), lines: [4, 5] }]);
    expect(find('T')).toEqual([{ client: 'T', visitId: 'T1', start: '2024-10-11 07:30', end: '2024-10-11 08:30', staff: ['S1', 'S2', 'S9'], peak: 3, togetherMinutes: 60, staffHours: 2.5, lines: [13, 14, 15] }]);
    // R by start: days 0–2 morning and evening (6 visits), then one morning a day; the 13th is day 9, 08:25
    const r = find('R');
    expect(r.slice(0, 3).map((v) => v.start)).toEqual(['2024-10-07 08:00', '2024-10-07 19:00', '2024-10-08 08:10']);
    expect(r[12]).toMatchObject({ start: '2024-10-16 08:25', staff: ['S12', 'S13'], togetherMinutes: 40 });
    expect(r[7]).toMatchObject({ visitId: 'R-4', start: '2024-10-11 07:40' });
    expect(r.find((v) => v.visitId === 'R-3')!.staff).toEqual(['S12', 'S15']);
  });

  it('separates a handover (3 min together < 5) from double staffing, with the threshold as an option', async () => {
    const w5 = (await run()).windows[0]!;
    expect(w5.handovers).toBe(1);
    expect(w5.doubleStaffed.some((v) => v.client === 'H')).toBe(false);
    const w2 = (await run({ rules: { handoverMinutes: 2 } })).windows[0]!;
    expect(w2.handovers).toBe(0);
    expect(w2.doubleStaffed.find((v) => v.client === 'H')).toMatchObject({ visitId: 'H1', togetherMinutes: 3, staff: ['S6', 'S7'], staffHours: h(63) });
  });

  it('counts and lists duplicate registrations by line, and counts their time once', async () => {
    const r = await run();
    const w = r.windows[0]!;
    expect(w.duplicateRegistrations).toBe(2);
    expect(w.duplicates).toEqual([
      { client: 'D', visitId: 'D1', start: '2024-10-10 08:00', lines: [9, 10] },
      { client: 'D', visitId: '', start: '2024-10-10 13:00', lines: [11, 12] },
    ]);
    expect(JSON.stringify(w.duplicates)).not.toContain('S8'); // no staff id in the data-issue list
    const fromCsv = (await measureStaffing(Readable.from([Buffer.from(fixtureCsv(staffingRows()))]), { from: FROM })).windows[0]!;
    expect(fromCsv.duplicates.map((d) => d.lines)).toEqual([[10, 11], [12, 13]]); // the header is line 1
    expect((await run({ maxListed: 1 })).windows[0]!.duplicates.length).toBe(1);
  });

  it('sums the window: clients, visits, shares and staff hours', async () => {
    const r = await run();
    const w = r.windows[0]!;
    expect(w.clients).toEqual({ served: 6, doubleStaffed: 4 }); // P Q T R
    expect([w.visits, w.doubleStaffedVisits, w.handovers]).toEqual([39, 20, 1]); // 2+2+1+2+1+31; 1+1+1+17
    expect(w.doubleStaffedShare).toBe(20 / 39);
    // 113 + 140 + 63 + 60 + 150 + 1720 = 2246 min; 83 + 110 + 150 + 1300 = 1643 min
    expect(w.staffHours).toBeCloseTo(h(2246), 12);
    expect(w.doubleStaffedHours).toBeCloseTo(h(1643), 12);
    expect(w.doubleStaffedHoursShare).toBeCloseTo(1643 / 2246, 12);
    // shares of clients with double staffing: P 0.5, Q 0.5, T 1, R 17/31 ≈ 0.548
    expect(w.doubleStaffedSharePerClient).toMatchObject({ n: 4, min: 0.5, max: 1, median: (0.5 + 17 / 31) / 2 });
    expect(w.doubleStaffedSharePerClient.mean).toBeCloseTo((2 + 17 / 31) / 4, 12);
    // only R is counted by the indicator: 4 staff with the second staff member, 2 without
    expect([w.staffPerClient.withSecond.n, w.staffPerClient.withSecond.mean, w.staffPerClient.withoutSecond.mean, w.addedBySecond.mean]).toEqual([1, 4, 2, 2]);
    expect(w.groups.map((g) => [g.group, g.clients.served, g.clients.doubleStaffed, g.visits, g.doubleStaffedVisits])).toEqual([['Norr', 3, 2, 5, 2], ['Söder', 3, 2, 34, 18]]);
    expect(w.groups[0]!.staffHours).toBeCloseTo(h(316), 12); // 113 + 140 + 63
    expect(w.groups[1]!.doubleStaffedHours).toBeCloseTo(h(1450), 12); // 150 + 1300
    // 67 rows: 4 of them (M, 23:30) outside the day hours
    expect(r.rows).toEqual({ read: 67, used: 63, rejected: 0, excluded: { outside_day_hours: 4 } });
    expect(r.schema).toBe('kontinuitet/staffing@1');
    expect(r.scope).toBe('counted');
  });

  it('finds the recurring pair at 08:00 on 13 days, not the 19:00 visits on 3 days', async () => {
    const w = (await run()).windows[0]!;
    expect(w.recurringSlots).toEqual([{ client: 'R', group: 'Söder', time: '08:00', days: 13, visits: 13, usualPair: ['S12', 'S13'], pairVisits: 10 }]);
    // needing 14 of 14 days, no slot is left; with ±45 min, 08:40 joins (14 days)
    expect((await run({ slotMinDayShare: 1 })).windows[0]!.recurringSlots).toEqual([]);
    expect((await run({ slotToleranceMinutes: 45 })).windows[0]!.recurringSlots[0]).toMatchObject({ time: '08:00', days: 14, pairVisits: 11 });
  });

  it('crossing midnight: outside the day hours by default, double-staffed with scope all (placed by start day)', async () => {
    const counted = (await run()).windows[0]!;
    expect(counted.perClient.some((c) => c.client === 'M')).toBe(false);
    const r = await run({ scope: 'all' });
    const w = r.windows[0]!;
    expect(r.scope).toBe('all');
    expect(r.rows).toEqual({ read: 67, used: 67, rejected: 0, excluded: {} });
    // M2 (20 Oct 23:30 – 21 Oct 00:30) crosses the window's end at 21 Oct 00:00: 2 staff × 30 min inside
    expect(w.perClient.find((c) => c.client === 'M')).toMatchObject({ visits: 2, doubleStaffedVisits: 2, staffHours: 3, doubleStaffedHours: 3, staffWithSecond: 2, staffWithoutSecond: 1 });
    expect(w.doubleStaffed.filter((v) => v.client === 'M')).toEqual([
      { client: 'M', visitId: 'M1', start: '2024-10-12 23:30', end: '2024-10-13 00:30', staff: ['S10', 'S11'], peak: 2, togetherMinutes: 60, staffHours: 2, lines: [16, 17] },
      { client: 'M', visitId: 'M2', start: '2024-10-20 23:30', end: '2024-10-21 00:30', staff: ['S10', 'S11'], peak: 2, togetherMinutes: 60, staffHours: 1, lines: [18, 19] },
    ]);
    expect([w.clients.served, w.clients.doubleStaffed, w.visits, w.doubleStaffedVisits]).toEqual([7, 5, 41, 22]);
    expect(w.staffHours).toBeCloseTo(h(2246 + 180), 12); // M: 120 + 60 minutes in the window
  });

  it('gives the continuity measure\'s staff count with countBothStaff true and false', async () => {
    for (const scope of ['counted', 'all'] as const) {
      const rules = scope === 'all' ? { dayStartMinute: 0, dayEndMinute: 1440, excludedKinds: [], excludedRoles: [] } : {};
      const w = (await run({ scope })).windows[0]!;
      const both = (await measureContinuity(staffingRows(), { from: FROM, rules: { ...rules, countBothStaff: true } })).windows[0]!;
      const one = (await measureContinuity(staffingRows(), { from: FROM, rules: { ...rules, countBothStaff: false } })).windows[0]!;
      for (const c of w.perClient) {
        const b = both.perClient.find((x) => x.client === c.client)!;
        expect([c.staffWithSecond, c.staffWithoutSecond, c.doubleStaffedVisits, c.eligible, c.group])
          .toEqual([b.staff, one.perClient.find((x) => x.client === c.client)!.staff, b.doubleStaffedVisits, b.eligible, b.group]);
      }
      expect(w.clients.doubleStaffed).toBe(both.clients.doubleStaffed);
    }
  });

  it('the pure function over visits in memory gives the streamed result', async () => {
    const { visits, ledger } = await readVisits(staffingRows());
    expect(staffing(visits, { from: FROM }, ledger)).toEqual(await run());
  });

  it('reads only the columns the measure reads: a bad coordinate loses no row', async () => {
    const rows = staffingRows().map((x, i) => (i === 0 ? { ...x, lat: 'north' } : x));
    const r = await measureStaffing(rows, { from: FROM });
    expect(r.rows).toEqual({ read: 67, used: 63, rejected: 0, excluded: { outside_day_hours: 4 } });
  });

  it('rejects options it cannot use', () => {
    expect(() => staffing([], { scope: 'night' as 'all' })).toThrow(/scope/);
    expect(() => staffing([], { slotMinDayShare: 0 })).toThrow(/slotMinDayShare/);
    expect(() => staffing([], { rules: { handoverMinutes: -1 } })).toThrow(/handoverMinutes/);
  });
});
