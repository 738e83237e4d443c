import { describe, expect, it } from 'vitest';
import { continuity, explainContinuity, readVisits, type ExplainOptions } from '../../src/index.js';
import { explainRows } from './fixture.js';

// Every expected figure is worked out by hand in fixture.ts.
const OPTIONS: ExplainOptions = { from: '2024-10-07', rules: { days: 7 } };

describe('explain, by hand (fixture.ts)', () => {
  it('splits each counted client\'s official count into categories, the first that applies', async () => {
    const r = await explainContinuity(explainRows(), OPTIONS);
    expect(r.schema).toBe('kontinuitet/explain@1');
    expect(r.rule).toMatchObject({ regularVisits: 3, eveningFrom: '17:00', lookbackDays: 28, days: 7 });
    const w = r.windows[0]!;
    expect(w.perClient.map((c) => c.client)).toEqual(['A', 'B', 'C']); // Z: no visit in the window
    const [a, b, c] = w.perClient;
    expect(a!.members).toEqual({ contact: ['S1'], regular: ['S2'], doubleOnly: ['S7', 'S9'], weekendOnly: ['S3', 'S5', 'S6'], eveningOnly: ['S4'], occasional: ['S8'] });
    expect(a!.categories).toEqual({ contact: 1, regular: 1, doubleOnly: 2, weekendOnly: 3, eveningOnly: 1, occasional: 1 });
    expect([a!.staff, a!.visits, a!.group, a!.contact]).toEqual([9, 16, 'Norr', 'S1']);
    expect(b!.members).toEqual({ contact: [], regular: ['P1', 'P2', 'R3'], doubleOnly: [], weekendOnly: [], eveningOnly: ['R1', 'R2'], occasional: [] });
    expect(c!.members).toEqual({ contact: [], regular: [], doubleOnly: [], weekendOnly: ['T6', 'T7'], eveningOnly: [], occasional: ['T1', 'T2', 'T3', 'T4', 'T5'] });
    expect([b!.staff, c!.staff, b!.contact, c!.contact]).toEqual([5, 7, null, null]);
  });

  it('gives the visit shares, new faces and the counterfactuals of each client', async () => {
    const [a, b, c] = (await explainContinuity(explainRows(), OPTIONS)).windows[0]!.perClient;
    expect([a!.contactShare, a!.regularShare, a!.familiarShare]).toEqual([5 / 16, 5 / 16, 10 / 16]);
    expect([b!.contactShare, b!.regularShare, b!.familiarShare]).toEqual([null, 10 / 14, 10 / 14]);
    expect([c!.contactShare, c!.regularShare, c!.familiarShare]).toEqual([null, 0, 0]);
    expect([a!.newFaces, b!.newFaces, c!.newFaces]).toEqual([7, 5, 7]);
    expect([a!.oneStaff, b!.oneStaff, c!.oneStaff]).toEqual([7, 4, 7]);
    expect([a!.floor, b!.floor, c!.floor]).toEqual([2, 3, 1]);
  });

  it('sums up the window and each group: category means adding up to the mean, pooled shares', async () => {
    const w = (await explainContinuity(explainRows(), OPTIONS)).windows[0]!;
    expect(w.lookback).toEqual({ from: '2024-09-09', to: '2024-10-06', covered: true });
    expect([w.clients, w.visits, w.staff]).toEqual([3, 44, 7]);
    const cat = w.categories;
    for (const [k, v] of Object.entries({ contact: 1 / 3, regular: 4 / 3, doubleOnly: 2 / 3, weekendOnly: 5 / 3, eveningOnly: 1, occasional: 2 })) {
      expect(cat[k as keyof typeof cat]).toBeCloseTo(v, 12);
    }
    expect(Object.values(cat).reduce((s, v) => s! + v!, 0)).toBeCloseTo(7, 12);
    expect([w.contactShare, w.withoutContact, w.regularShare, w.familiarShare]).toEqual([5 / 16, 2, 15 / 44, 20 / 44]);
    expect(w.newFaces).toBeCloseTo(19 / 3, 12);
    expect([w.oneStaff, w.floor]).toEqual([6, 2]);
    expect(w.groups.map((g) => g.group)).toEqual(['Norr', 'Söder']);
    const s = w.groups[1]!;
    expect([s.clients, s.staff, s.regularShare, s.oneStaff, s.floor, s.newFaces, s.contactShare]).toEqual([2, 6, 10 / 28, 5.5, 2, 6, null]);
    expect(s.categories).toEqual({ contact: 0, regular: 1.5, doubleOnly: 0, weekendOnly: 1, eveningOnly: 1, occasional: 2.5 });
    expect(w.groups[0]!.categories).toEqual(w.perClient[0]!.categories);
  });

  it('says new faces are unknown when the log does not reach back lookbackDays', async () => {
    const w = (await explainContinuity(explainRows(), { ...OPTIONS, lookbackDays: 29 })).windows[0]!;
    expect(w.lookback).toEqual({ from: '2024-09-08', to: '2024-10-06', covered: false });
    expect(w.newFaces).toBe(null);
    expect(w.perClient.map((c) => c.newFaces)).toEqual([null, null, null]);
    // 7 days back (2024-09-30 .. 10-06) A still met S1 and S3
    expect((await explainContinuity(explainRows(), { ...OPTIONS, lookbackDays: 7 })).windows[0]!.perClient.map((c) => c.newFaces)).toEqual([7, 5, 7]);
  });

  it('follows regularVisits and eveningFrom', async () => {
    // regularVisits 2: every T made 2 visits, R1 and R2 too; A's S3 (2 visits) becomes a regular
    const w = (await explainContinuity(explainRows(), { ...OPTIONS, regularVisits: 2 })).windows[0]!;
    expect(w.perClient.map((c) => c.categories.regular)).toEqual([2, 5, 7]);
    // evening from 18:30: no visit of A starts then, B's 19:00 and C's 20:00 do (C's mornings keep them occasional)
    const late = (await explainContinuity(explainRows(), { ...OPTIONS, eveningFrom: '18:30' })).windows[0]!;
    expect(late.perClient.map((c) => c.categories.eveningOnly)).toEqual([0, 2, 0]);
    expect(late.perClient[0]!.members.occasional).toEqual(['S4', 'S8']);
  });

  it('the one-staff counterfactual is the measure with countBothStaff false; with it set, doubleOnly is empty', async () => {
    const { visits } = await readVisits(explainRows());
    expect(continuity(visits, { ...OPTIONS, rules: { days: 7, countBothStaff: false } }).windows[0]!.staffPerClient.mean).toBe(6);
    const one = (await explainContinuity(explainRows(), { ...OPTIONS, rules: { days: 7, countBothStaff: false } })).windows[0]!;
    expect(one.staff).toBe(6);
    expect(one.oneStaff).toBe(6);
    expect(one.categories.doubleOnly).toBe(0);
  });

  it('refuses bad options by name, without echoing ids', async () => {
    await expect(explainContinuity(explainRows(), { regularVisits: 0 })).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining('regularVisits') });
    await expect(explainContinuity(explainRows(), { eveningFrom: '25:00' })).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringContaining('eveningFrom') });
    await expect(explainContinuity(explainRows(), { lookbackDays: 1.5 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(explainContinuity(null as never)).rejects.toMatchObject({ code: 'BAD_SOURCE' });
  });
});
