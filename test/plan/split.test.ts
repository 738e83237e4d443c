import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { continuity } from '../../src/measures/continuity/measure.js';
import { Rng } from '../../src/generate/rng.js';
import { generateRows } from '../../src/generate/index.js';
import { planContinuity } from '../../src/plan/index.js';
import { buildProblem } from '../../src/plan/model.js';
import { halfProblem, homeGroups, joinHalves, splitStaff } from '../../src/plan/split.js';
import { readVisits } from '../../src/read/read.js';
import { totalTravel, violations } from './checker.js';

const D = '2024-10-01';
const row = (visit: string, client: string, staff: string, group: string, start: string, end: string, role = 'undersköterska') => ({
  visit_id: visit, client_id: client, staff_id: staff, group, start: `${D} ${start}`, end: `${D} ${end}`, kind: 'omvårdnad', staff_role: role,
});

/** Four staff: A and B in Norr, C in Söder (one row in Norr, two in Söder), D in Väst; clients C1 (Norr), C2 (Söder), C3 (Väst). */
async function small() {
  const rows = [
    row('V1', 'C1', 'A', 'Norr', '08:00', '08:30'), row('V2', 'C1', 'B', 'Norr', '09:00', '09:30'), row('V3', 'C1', 'C', 'Norr', '10:00', '10:30'),
    row('V4', 'C2', 'C', 'Söder', '11:00', '11:30'), row('V5', 'C2', 'C', 'Söder', '12:00', '12:30'), row('V6', 'C2', 'A', 'Söder', '13:00', '13:30'),
    row('V7', 'C3', 'D', 'Väst', '08:00', '08:30'), row('V8', 'C3', 'D', 'Väst', '09:00', '09:30'), row('V9', 'C3', 'N', 'Väst', '10:00', '10:30', 'hsl'),
  ];
  const { visits } = await readVisits(rows);
  const measure = { from: D, rules: { days: 1 } };
  return buildProblem(visits, measure, continuity(visits, measure).windows[0]!.perClient, {});
}

describe('the halves of the split search', () => {
  it('gives each staff member the group of most of their rows (A: Norr 1, Söder 1 → the first name, Norr)', async () => {
    const p = await small();
    const home = homeGroups(p);
    const of = (id: string) => home[p.staffIds.indexOf(id)];
    expect([of('A'), of('B'), of('C'), of('D'), of('N')]).toEqual(['Norr', 'Norr', 'Söder', 'Väst', 'Väst']);
  });

  it('cuts along home groups, the same for a seed, each group to the lighter half', async () => {
    const p = await small();
    const home = homeGroups(p);
    // movable rows by home group of their staff: Norr (A, B) V1 V2 V6 = 3; Söder (C) V3 V4 V5 = 3; Väst (D) V7 V8 = 2
    for (let seed = 1; seed <= 20; seed++) {
      const half = splitStaff(p, p.inputStaff, home, new Rng(seed));
      expect(splitStaff(p, p.inputStaff, home, new Rng(seed))).toEqual(half);
      const byGroup = new Map<string, number>();
      home.forEach((g, s) => { expect(byGroup.get(g) ?? half[s]).toBe(half[s]); byGroup.set(g, half[s]!); });
      const load = [0, 0];
      load[byGroup.get('Norr')!]! += 3; load[byGroup.get('Söder')!]! += 3; load[byGroup.get('Väst')!]! += 2;
      // greedy to the lighter half over weights 3, 3, 2 in any order ends 3 | 5 or 5 | 3
      expect(Math.abs(load[0]! - load[1]!)).toBe(2);
    }
  });

  it('lets a half move only its own staff’s rows, to its own staff, and focuses on the clients mostly there', async () => {
    const p = await small();
    const id = (s: string) => p.staffIds.indexOf(s);
    const half = new Uint8Array(p.staffIds.length);
    half[id('C')] = 1; half[id('D')] = 1; half[id('N')] = 1; // A, B in half 0
    const sub = halfProblem(p, half, 0, p.inputStaff);
    expect(p.visits.filter((_, i) => sub.movable[i]).map((v) => v.visitId)).toEqual(['V1', 'V2', 'V6']);
    expect(['A', 'B', 'C', 'D', 'N'].map((s) => sub.staffExcluded[id(s)])).toEqual([0, 0, 1, 1, 1]);
    // C1: 2 of 3 rows here → focus; C2: 1 of 3 → not; C3: 0 of 2 → not
    expect([...sub.focus!]).toEqual(p.clients.map((c) => (c === 'C1' ? 1 : 0)));
    const other = halfProblem(p, half, 1, p.inputStaff);
    expect([...other.focus!]).toEqual(p.clients.map((c) => (c === 'C1' ? 0 : 1)));
    expect(p.movable.every((m, i) => m === sub.movable[i]! + other.movable[i]!)).toBe(true);
  });

  it('puts the halves together row by row from the half of each row’s staff', () => {
    const start = Int32Array.from([0, 1, 2, 3]);
    const half = Uint8Array.from([0, 1, 0, 1]);
    expect([...joinHalves(start, half, [Int32Array.from([2, 9, 0, 9]), Int32Array.from([9, 3, 9, 1])])]).toEqual([2, 3, 0, 1]);
  });
});

describe('the split search on a municipality of 700 clients (over 20,000 counted rows)', () => {
  const rows = [...generateRows({ profile: 'ange2013', clients: 700, days: 14, seed: 2 }).rows] as unknown as Record<string, string>[];
  const options = { from: D, iterations: 24_000, seed: 5, timeLimit: 600 } as const;

  it('runs in rounds, keeps every hard rule and travel within +5 %, and lowers the mean', async () => {
    const { visits: input } = await readVisits(rows);
    const plan = await planContinuity(rows, options);
    expect(plan.search.rounds).toBe(16);
    expect(plan.search.iterations).toBe(24_000);
    expect(violations(input, plan.visits)).toEqual([]);
    expect(totalTravel(plan.visits)).toBeLessThanOrEqual(totalTravel(input) * 1.05 + 1e-6);
    expect(plan.after.mean!).toBeLessThan(plan.before.mean! - 0.5);
  }, 120_000);

  it('stops after the round in which the target was reached, or when the time is up, with every rule kept', async () => {
    const { visits: input } = await readVisits(rows);
    const reached = await planContinuity(rows, { ...options, target: 99 });
    expect([reached.search.stoppedBy, reached.search.rounds, reached.search.iterations]).toEqual(['target', 1, 24_000 / 16]);
    expect(violations(input, reached.visits)).toEqual([]);
    const timed = await planContinuity(rows, { ...options, iterations: 1e9, timeLimit: 0.5 });
    expect(timed.search.stoppedBy).toBe('time');
    expect(timed.search.rounds).toBe(1);
    expect(violations(input, timed.visits)).toEqual([]);
    expect(totalTravel(timed.visits)).toBeLessThanOrEqual(totalTravel(input) * 1.05 + 1e-6);
  }, 120_000);

  it('gives the same plan on one thread and on two (the built package’s worker)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-split-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const built = await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url))) as typeof import('../../src/index.js');
    const file = join(dir, 'visits.csv');
    const header = Object.keys(rows[0]!);
    writeFileSync(file, `${header.join(',')}\n${rows.map((r) => header.map((k) => r[k] ?? '').join(',')).join('\n')}\n`);
    let workers = 0;
    const count = () => { workers++; };
    process.on('worker', count);
    const one = await built.planContinuity(file, { ...options, engine: { threads: 1 } });
    expect(workers).toBe(0);
    const two = await built.planContinuity(file, { ...options, engine: { threads: 2 } });
    process.off('worker', count);
    expect(workers).toBe(1);
    expect(two.changes).toEqual(one.changes);
    expect(two.after).toEqual(one.after);
    expect(one.changes.length).toBeGreaterThan(100);
  }, 120_000);
});
