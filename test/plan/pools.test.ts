import { describe, expect, it } from 'vitest';
import { planContinuity } from '../../src/plan/index.js';
import { clientPools, poolCoverage, solverPoolFiles, type PoolSource } from '../../src/plan/pools.js';
import { readVisits } from '../../src/read/read.js';
import type { Visit } from '../../src/read/types.js';
import { violations } from './checker.js';
import { tinyInstance } from './instances.js';

const visit = (line: number, visitId: string, client: string, staff: string, minutes: number, lat: number | null = 62.4): Visit => ({
  line, visitId, client, staff, start: 1_727_762_400_000 + line * 3_600_000, end: 1_727_762_400_000 + line * 3_600_000 + minutes * 60_000,
  kind: '', group: '', birthDay: null, age: null, staffRole: '', contactStaff: '', lat, lon: lat === null ? null : 17.3, travelMinutes: null, travelKm: null, shiftStart: null, shiftEnd: null,
});

// C1's counted rows by S2, S1, S2, S3; C2's by S3, and the double-staffed V7 by S3 and S1
const plan: PoolSource = {
  visits: [visit(2, 'V1', 'C1', 'S2', 30), visit(3, 'V2', 'C1', 'S1', 45), visit(4, '', 'C1', 'S2', 30, null), visit(5, 'V4', 'C1', 'S3', 30), visit(6, 'V5', 'C2', 'S3', 60), visit(7, 'V7', 'C2', 'S3', 30), visit(8, 'V7', 'C2', 'S1', 30)],
  clients: [{ client: 'C1' }, { client: 'C2' }],
  countedRows: [[0, 1, 2, 3], [4, 5, 6]],
};

describe('clientPools', () => {
  it('ranks each client\'s staff by counted rows, ties by staff id, and keeps at most K', () => {
    expect(clientPools(plan, 2)).toEqual([['S2', 'S1'], ['S3', 'S1']]);
    expect(clientPools(plan, 1)).toEqual([['S2'], ['S3']]);
    expect(clientPools(plan, 5)).toEqual([['S2', 'S1', 'S3'], ['S3', 'S1']]);
    // C1: 3 of 4 rows by S2 or S1; C2: all 3
    expect(poolCoverage(plan, clientPools(plan, 2))).toBeCloseTo(6 / 7, 12);
    expect(poolCoverage(plan, clientPools(plan, 5))).toBe(1);
  });
});

describe('solverPoolFiles', () => {
  const pools = clientPools(plan, 2);
  const files = JSON.parse(JSON.stringify(solverPoolFiles(plan, pools)));

  it('Timefold: per row the pool required and its first staff member preferred; ids by visit, #k for a shared one, line N without one', () => {
    expect(files.timefold.modelInput.visits).toEqual([
      { id: 'V1', location: [62.4, 17.3], serviceDuration: 'PT30M', requiredVehicles: ['S2', 'S1'], preferredVehicles: ['S2'] },
      { id: 'V2', location: [62.4, 17.3], serviceDuration: 'PT45M', requiredVehicles: ['S2', 'S1'], preferredVehicles: ['S2'] },
      { id: 'line 4', serviceDuration: 'PT30M', requiredVehicles: ['S2', 'S1'], preferredVehicles: ['S2'] },
      { id: 'V4', location: [62.4, 17.3], serviceDuration: 'PT30M', requiredVehicles: ['S2', 'S1'], preferredVehicles: ['S2'] },
      { id: 'V5', location: [62.4, 17.3], serviceDuration: 'PT60M', requiredVehicles: ['S3', 'S1'], preferredVehicles: ['S3'] },
      { id: 'V7#1', location: [62.4, 17.3], serviceDuration: 'PT30M', requiredVehicles: ['S3', 'S1'], preferredVehicles: ['S3'] },
      { id: 'V7#2', location: [62.4, 17.3], serviceDuration: 'PT30M', requiredVehicles: ['S3', 'S1'], preferredVehicles: ['S3'] },
    ]);
  });

  it('VROOM: one skill per client, vehicles with the skills of the pools they are in, jobs with their client\'s skill', () => {
    expect(files.vroom.vehicles).toEqual([{ id: 1, description: 'S1', skills: [1, 2] }, { id: 2, description: 'S2', skills: [1] }, { id: 3, description: 'S3', skills: [2] }]);
    expect(files.vroom.jobs.map((j: { id: number; skills: number[]; service: number; location?: number[] }) => [j.id, j.skills, j.service, j.location ?? null])).toEqual([
      [2, [1], 1800, [17.3, 62.4]], [3, [1], 2700, [17.3, 62.4]], [4, [1], 1800, null], [5, [1], 1800, [17.3, 62.4]], [6, [2], 3600, [17.3, 62.4]], [7, [2], 1800, [17.3, 62.4]], [8, [2], 1800, [17.3, 62.4]],
    ]);
    // VROOM serves a job by a vehicle that has every skill of the job: the plan's own staff keep it
    // for every row but C1's row by S3 (C1 meets 3 staff, more than K = 2)
    const vehicleOf = new Map(files.vroom.vehicles.map((v: { description: string; skills: number[] }) => [v.description, v.skills]));
    const broken = files.vroom.jobs.filter((j: { id: number; skills: number[] }) => {
      const staff = plan.visits.find((v) => v.line === j.id)!.staff;
      return !j.skills.every((s) => (vehicleOf.get(staff) as number[]).includes(s));
    });
    expect(broken.map((j: { id: number }) => j.id)).toEqual([5]);
  });

  it('OR-Tools: per row the allowed vehicle indices into the vehicle table', () => {
    expect(files.ortools.vehicles).toEqual(['S1', 'S2', 'S3']);
    expect(files.ortools.visits.map((v: { id: string; line: number; client: number; allowedVehicles: number[] }) => [v.id, v.line, v.client, v.allowedVehicles])).toEqual([
      ['V1', 2, 0, [1, 0]], ['V2', 3, 0, [1, 0]], ['line 4', 4, 0, [1, 0]], ['V4', 5, 0, [1, 0]], ['V5', 6, 1, [2, 0]], ['V7#1', 7, 1, [2, 0]], ['V7#2', 8, 1, [2, 0]],
    ]);
  });
});

describe('planContinuity with pools', () => {
  it('gives each counted client a ranked pool of at most K of its plan\'s staff; the plan keeps the written rules for clients within K', async () => {
    const rows = tinyInstance({ seed: 21, clients: 3, days: 3, visitsPerDay: 3, staff: 5, doubles: 2, shifts: true, nurse: true });
    const { visits: input } = await readVisits(rows);
    const result = await planContinuity(rows, { from: '2024-10-01', rules: { days: 3 }, iterations: 3000, pools: 2 });
    expect(violations(input, result.visits)).toEqual([]);
    const files = solverPoolFiles(result, result.clients.map((c) => c.pool!));
    const allowed = new Map(files.ortools.visits.map((v) => [v.line, v.allowedVehicles.map((k) => files.ortools.vehicles[k])]));
    let inside = 0, all = 0;
    result.clients.forEach((c, k) => {
      const staffRows = result.visits.filter((v) => v.client === c.client && v.staffRole !== 'hsl');
      const count = (s: string) => staffRows.filter((v) => v.staff === s).length;
      expect(c.pool!.length).toBe(Math.min(2, c.after));
      for (let x = 1; x < c.pool!.length; x++) expect(count(c.pool![x - 1]!)).toBeGreaterThanOrEqual(count(c.pool![x]!));
      for (const s of new Set(staffRows.map((v) => v.staff))) if (!c.pool!.includes(s)) expect(count(s)).toBeLessThanOrEqual(count(c.pool!.at(-1)!));
      for (const v of staffRows) {
        all++;
        if (c.pool!.includes(v.staff)) inside++;
        expect(allowed.get(v.line)).toEqual(c.pool);
        if (c.after <= 2) expect(c.pool).toContain(v.staff);
      }
      expect(result.countedRows[k]!.length).toBe(staffRows.length);
    });
    expect(result.pools).toEqual({ k: 2, covered: Math.round((inside / all) * 1e4) / 1e4 });
  });

  it('refuses pools below 1', async () => {
    await expect(planContinuity([], { from: '2024-10-01', pools: 0 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });
});
