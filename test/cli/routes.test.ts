import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parse } from 'fast-csv';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { ROUTES_HELP, routesCommand } from '../../src/cli/routes.js';
import { run } from './run.js';

let dir = '';
let file = '';
const ROADS = new URL('../fixtures/roads/tiny.csv', import.meta.url).pathname;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-routes-'));
  file = join(dir, 'visits.csv');
  // S1: a day with a wait (logged leg 10 min, 7 km; gap 30 min → 20 min waiting); S2: two visits, one without coordinates.
  writeFileSync(file, [
    'visit_id,client_id,staff_id,start,end,group,lat,lon,travel_minutes,travel_km',
    'V1,C1,S1,2024-10-01 09:00,2024-10-01 09:30,Norr,62.0,15.0,,',
    'V2,C2,S1,2024-10-01 10:00,2024-10-01 10:30,Norr,62.0,15.01,10,7',
    'V3,C3,S2,2024-10-01 10:00,2024-10-01 11:00,Syd,,,,',
    'V4,C4,S2,2024-10-01 11:30,2024-10-01 12:00,Syd,62.0,15.0,,',
    '',
  ].join('\n'));
});

async function call(argv: string[]): Promise<{ status: number; out: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const status = await routesCommand(argv, out, new PassThrough());
  return { status, out: Buffer.concat(chunks).toString('utf8') };
}

async function parseCsv(text: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([text]).pipe(parse({ headers: true })).on('data', (r) => rows.push(r)).on('end', () => resolve()).on('error', reject);
  });
  return rows;
}

describe('routesCommand', () => {
  it('json: the routes@1 schema with the hand figures', async () => {
    const r = await call([file, '--all', '--zone', 'UTC', '--format', 'json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.schema).toBe('kontinuitet/routes@1');
    expect(json.options).toMatchObject({ distance: 'haversine', circuity: 1.3, speedKmh: 40, windowMinutes: 30 });
    expect(json.rows).toEqual({ read: 4, used: 4, rejected: 0, outsideWindows: 0 });
    const [s1, s2] = json.windows[0].routes;
    expect([s1.workingMinutes, s1.clientMinutes, s1.travelMinutes, s1.travelKm, s1.travelSource, s1.waitingMinutes]).toEqual([90, 60, 10, 7, 'logged', 20]);
    expect([s2.reason, s2.travelMinutes]).toEqual(['missing_coordinates', null]);
    expect(json.windows[0].staffDaysWithoutCoordinates).toBe(1);
    expect(json.windows[0].groups.map((g: { group: string }) => g.group)).toEqual(['Norr', 'Syd']);
  });
  it('csv: one row per staff-day', async () => {
    const r = await call([file, '--from', '2024-10-01', '--days', '7', '--zone', 'UTC', '--format', 'csv']);
    const rows = await parseCsv(r.out);
    expect(rows.map((x) => [x.staff, x.day, x.visits, x.client_time_share, x.waiting_minutes, x.reason])).toEqual([
      ['S1', '2024-10-01', '2', '0.6667', '20', ''],
      ['S2', '2024-10-01', '2', '0.75', '', 'missing_coordinates'],
    ]);
    expect([rows[0]!.from, rows[0]!.to]).toEqual(['2024-10-01', '2024-10-07']);
  });
  it('table in Swedish, with a road network and a base', async () => {
    const r = await call([file, '--all', '--zone', 'UTC', '--lang', 'sv', '--roads', ROADS, '--group-base', 'Norr=62.0,15.0', '--window-minutes', '15']);
    expect(r.out).toContain('vägnät');
    expect(r.out).toContain('brukartid %');
    expect(r.out).toContain('Fönster 2024-10-01 – 2024-10-01');
  });
  it('--handover-minutes: staff together 4 minutes are a handover at the default 5, double-staffed at 3', async () => {
    const handover = join(dir, 'handover.csv');
    writeFileSync(handover, [
      'visit_id,client_id,staff_id,start,end,lat,lon',
      'H1,C1,S1,2024-10-01 10:00,2024-10-01 10:30,62.0,15.0',
      'H1,C1,S2,2024-10-01 10:26,2024-10-01 11:00,62.0,15.0',
      '',
    ].join('\n'));
    const doubles = async (extra: string[]) => {
      const json = JSON.parse((await call([handover, '--all', '--zone', 'UTC', '--format', 'json', ...extra])).out);
      return [json.options.handoverMinutes, ...json.windows[0].routes.map((d: { doubleStaffedVisits: number }) => d.doubleStaffedVisits)];
    };
    expect(await doubles([])).toEqual([5, 0, 0]);
    expect(await doubles(['--handover-minutes', '3'])).toEqual([3, 1, 1]);
  });
  it('--search-budget 0: every staff-day solved by the quick heuristic (best_search quick)', async () => {
    const five = join(dir, 'five.csv');
    writeFileSync(five, [
      'visit_id,client_id,staff_id,start,end,lat,lon',
      ...[0, 20, 5, 25, 10].map((x, k) => `F${k},C${k},S1,2024-10-01 ${String(8 + k).padStart(2, '0')}:00,2024-10-01 ${String(8 + k).padStart(2, '0')}:30,62.0,${15 + x / 100}`),
      '',
    ].join('\n'));
    const rows = async (extra: string[]) => (await parseCsv((await call([five, '--all', '--zone', 'UTC', '--format', 'csv', ...extra])).out)).map((r) => [r.best_exact, r.best_search]);
    expect(await rows([])).toEqual([['true', 'exact']]);
    expect(await rows(['--search-budget', '0'])).toEqual([['false', 'quick']]);
    await expect(call([five, '--search-budget', '-1'])).rejects.toThrow(/search-budget/);
  });
  it('usage errors', async () => {
    await expect(call([file, '--circuity', '0.5'])).rejects.toThrow(UsageError);
    await expect(call([file, '--all', '--from', '2024-10-01'])).rejects.toThrow(/one of/);
    await expect(call([file, '--base', 'north'])).rejects.toThrow(/LAT,LON/);
    await expect(call([file, '--handover-minutes', '-1'])).rejects.toThrow(/handover-minutes/);
    await expect(call([])).rejects.toThrow(UsageError);
    expect((await call(['--help'])).out).toBe(`${ROUTES_HELP}\n`);
  });
});

// The built CLI, once `routes` is registered in src/cli/main.ts.
const registered = run(['help', 'routes']).stdout.includes('kontinuitet routes');
describe.skipIf(!registered)('kontinuitet routes (built CLI)', () => {
  it('exit 0 with csv, exit 2 on a usage error or a missing file', () => {
    const ok = run(['routes', file, '--all', '--zone', 'UTC', '--format', 'csv']);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(3); // header + two staff-days
    expect(run(['routes', file, '--speed', '0']).status).toBe(2);
    expect(run(['routes', join(dir, 'missing.csv')]).status).toBe(2);
    expect(run(['routes', file, '--roads', join(dir, 'missing-roads.csv')]).status).toBe(2);
  });
});
