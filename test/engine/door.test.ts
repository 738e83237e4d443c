import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchedule, measureSchedule } from '../../src/outputs/check/schedule.js';
import type { CheckConfig } from '../../src/outputs/check/types.js';
import type { EngineSettings } from '../../src/engine-settings.js';
import { writeGeneratedCsv } from '../../src/generate/index.js';
import { measureContinuity } from '../../src/index.js';
import { measureForReport } from '../../src/outputs/report/html/measure.js';
import { measureStaffing } from '../../src/measures/staffing/measure.js';
import { threadedFile } from '../../src/engine/door.js';
import { measureRoutes } from '../../src/measures/routes/measure.js';

// Every command reads a file through the engine's one door (src/engine/door.ts): its figures are
// the same read by three threads in small units, by one thread and by the general reader. Under
// the test runner the sources have no built worker script, so the threads' pieces are read by
// this thread in turn (the same cutting, merging and line numbering); the built package at the
// end runs real worker threads.
const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-door-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LOG = join(dir, 'generated.csv');
beforeAll(async () => {
  // five weeks of a municipality: a monthly series has a whole window, and one fixed window
  await writeGeneratedCsv(createWriteStream(LOG), { clients: 160, days: 35, start: '2024-10-01', seed: 23, profile: 'typical' });
});

const THREADED: EngineSettings = { threads: 3, readUnit: 4096 };
const SETTINGS: EngineSettings[] = [{ threads: 1 }, { fastPath: false }, { threads: 2, spillRows: 300, shareEvaluation: true }];

/** Calls of `globalThis.gc` while `run` runs: the threaded read collects after each piece it reads, one thread once. */
async function collections(run: () => Promise<unknown>): Promise<number> {
  const global = globalThis as { gc?: () => void };
  const had = global.gc;
  let calls = 0;
  global.gc = () => { calls++; };
  try {
    await run();
    return calls;
  } finally {
    if (had === undefined) delete global.gc;
    else global.gc = had;
  }
}

describe('a generated log (no quote: the threads read it)', () => {
  it('has no quote and pieces enough for three threads at 4 KB', () => {
    const text = readFileSync(LOG, 'utf8');
    expect(text).not.toContain('"');
    expect(text.length).toBeGreaterThan(50 * 4096);
  });
});

describe('measureStaffing through the door', () => {
  it('gives the same figures with engine { threads: 3, readUnit: 4096 }, { threads: 1 } and { fastPath: false }', async () => {
    for (const options of [{ from: '2024-10-07' }, { anchor: 'first-monday' as const }, { from: '2024-10-07', scope: 'all' as const }]) {
      const threaded = await measureStaffing(LOG, { ...options, engine: THREADED });
      expect(threaded.windows[0]!.doubleStaffedVisits).toBeGreaterThan(0);
      for (const engine of SETTINGS) expect(await measureStaffing(LOG, { ...options, engine })).toEqual(threaded);
    }
  });

  it('reads with the threads: a collection after each piece, not once', async () => {
    expect(await collections(() => measureStaffing(LOG, { from: '2024-10-07', engine: { threads: 1 } }))).toBe(1);
    expect(await collections(() => measureStaffing(LOG, { from: '2024-10-07', engine: THREADED }))).toBeGreaterThan(4);
  });

  it('agrees with the measure read the same way', async () => {
    const staffing = await measureStaffing(LOG, { from: '2024-10-07', engine: THREADED });
    const measure = await measureContinuity(LOG, { from: '2024-10-07', engine: THREADED });
    expect(staffing.rows).toEqual(measure.rows);
    expect(staffing.windows[0]!.staffPerClient.withSecond).toEqual(measure.windows[0]!.staffPerClient);
  });
});

describe('checkSchedule through the door', () => {
  // a low maxStaff lists clients, named by the line of their first row: the lines must survive the threads
  const config: CheckConfig = { targets: { mean: 14, maxStaff: 6 } };

  it('gives the same report with engine { threads: 3, readUnit: 4096 }, { threads: 1 } and { fastPath: false }', async () => {
    for (const c of [config, { ...config, every: 'month' as const }, { ...config, from: '2024-10-14', days: 7 }]) {
      const threaded = await checkSchedule(LOG, c, { engine: THREADED });
      expect(threaded.checks.some((c) => c.clients.length > 0 && c.clients[0]!.line !== null)).toBe(true);
      for (const engine of SETTINGS) expect(await checkSchedule(LOG, c, { engine })).toEqual(threaded);
    }
  });

  it('finds the first day and the clients\' first lines as one thread does, and reads with the threads (both passes)', async () => {
    const threaded = await measureSchedule(LOG, { engine: THREADED });
    expect(threaded.firstDay).toBe('2024-10-01');
    expect(threaded.lastDay).toBe('2024-11-04');
    expect(threaded.firstLines.size).toBe(threaded.result.windows[0]!.perClient.length);
    expect(Math.min(...threaded.firstLines.values())).toBe(2);
    // the first line of each client, from the text itself
    const text = readFileSync(LOG, 'utf8').split('\n');
    const client = text[0]!.split(',').indexOf('client_id');
    const first = new Map<string, number>();
    text.slice(1).forEach((line, i) => { if (line !== '' && !first.has(line.split(',')[client]!)) first.set(line.split(',')[client]!, i + 2); });
    expect(threaded.firstLines).toEqual(first);
    for (const engine of SETTINGS) expect(await measureSchedule(LOG, { engine })).toEqual(threaded);
    expect(await collections(() => measureSchedule(LOG, { engine: { threads: 1 } }))).toBe(2);
    expect(await collections(() => measureSchedule(LOG, { engine: THREADED }))).toBeGreaterThan(8);
  });
});

describe('measureForReport through the door', () => {
  it('gives the measure and the staffing figures of separate reads, with any settings', async () => {
    const alone = { continuity: await measureContinuity(LOG, { anchor: 'first-monday', indices: true }), staffing: await measureStaffing(LOG, { anchor: 'first-monday' }) };
    expect(await measureForReport(LOG, { anchor: 'first-monday', engine: THREADED })).toEqual(alone);
    const without = await measureForReport(LOG, { anchor: 'first-monday', indices: false, engine: THREADED });
    expect(without).toEqual({ continuity: await measureContinuity(LOG, { anchor: 'first-monday' }), staffing: alone.staffing });
    expect(await measureForReport(LOG, { anchor: 'first-monday', indices: false, engine: { fastPath: false } })).toEqual(without);
  });

  it('with the indices (the generated log lists contact persons): reads with the threads, and gives what one thread and the general reader give', async () => {
    const options = { from: '2024-10-07' };
    const threaded = await measureForReport(LOG, { ...options, engine: THREADED });
    const indices = threaded.continuity.windows[0]!.indices!;
    // most clients have a contact person, and some share strictly between 0 and 1: the contact counts are read
    expect(indices.withoutContact).toBeLessThan(threaded.continuity.windows[0]!.clients.eligible / 2);
    expect(threaded.continuity.windows[0]!.perClient.some((c) => c.indices!.contactShare! > 0 && c.indices!.contactShare! < 1)).toBe(true);
    for (const engine of SETTINGS) expect(await measureForReport(LOG, { ...options, engine })).toEqual(threaded);
    expect(await collections(() => measureForReport(LOG, { ...options, engine: { threads: 1 } }))).toBe(1);
    expect(await collections(() => measureForReport(LOG, { ...options, engine: THREADED }))).toBeGreaterThan(4);
  });
});

describe('the route figures through the door', () => {
  it('read a file through the pieces with any number of threads given, one too (this thread alone, the kernel path); not when the general reader must', async () => {
    expect(await threadedFile(LOG, {}, { threads: 1 })).toEqual({ path: LOG, threads: 1 });
    expect(await threadedFile(LOG, {}, { threads: 3 })).toEqual({ path: LOG, threads: 3 });
    expect(await threadedFile(LOG, {}, { threads: 1, fastPath: false })).toBeNull();
    expect(await threadedFile(LOG, { onError: 'stop' }, { threads: 1 })).toBeNull();
    expect(await threadedFile(LOG, { encoding: 'latin1' }, { threads: 1 })).toBeNull();
  });

  it('give the general reader\'s figures read by one thread through the pieces, and by three', async () => {
    const options = { from: '2024-10-07' };
    const general = await measureRoutes(LOG, { ...options, engine: { fastPath: false } });
    expect(general.windows[0]!.staffDays).toBeGreaterThan(0);
    expect(await measureRoutes(LOG, { ...options, engine: { threads: 1 } })).toEqual(general);
    expect(await measureRoutes(LOG, { ...options, engine: THREADED })).toEqual(general);
  });
});

describe('the engine\'s settings at the top level of any command', () => {
  it('are a BAD_OPTION saying where they went', async () => {
    const moved = { code: 'BAD_OPTION', message: 'threads: moved to engine.threads' };
    await expect(measureStaffing(LOG, { threads: 2 } as never)).rejects.toMatchObject(moved);
    await expect(measureSchedule(LOG, { threads: 2 } as never)).rejects.toMatchObject(moved);
    await expect(checkSchedule(LOG, config(), { threads: 2 } as never)).rejects.toMatchObject(moved);
    await expect(measureForReport(LOG, { threads: 2 } as never)).rejects.toMatchObject(moved);
    await expect(measureStaffing(LOG, { engine: { threads: 0 } })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /^engine\.threads: / });
  });
});

function config(): CheckConfig {
  return { targets: { mean: 14 } };
}

describe('the built package, with worker threads', () => {
  it('gives the one-thread staffing figures and check report', async () => {
    const built = await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url))) as typeof import('../../src/index.js');
    const check = await import(fileURLToPath(new URL('../../dist/check.js', import.meta.url))) as typeof import('../../src/outputs/check/index.js');
    const report = await import(fileURLToPath(new URL('../../dist/report.js', import.meta.url))) as typeof import('../../src/outputs/report/index.js');
    const options = { from: '2024-10-07' };
    const one = await built.measureStaffing(LOG, { ...options, engine: { threads: 1 } });
    expect(await built.measureStaffing(LOG, { ...options, engine: THREADED })).toEqual(one);
    expect(await built.measureStaffing(LOG, { ...options, engine: { threads: 2, spillRows: 300, shareEvaluation: true } })).toEqual(one);
    const c: CheckConfig = { targets: { mean: 14, maxStaff: 6 } };
    const checked = await check.checkSchedule(LOG, c, { engine: { threads: 1 } });
    expect(await check.checkSchedule(LOG, c, { engine: THREADED })).toEqual(checked);
    expect(await report.measureForReport(LOG, { from: '2024-10-07', indices: false, engine: THREADED })).toEqual(await report.measureForReport(LOG, { from: '2024-10-07', indices: false, engine: { threads: 1 } }));
    // with the indices (read with the threads since the parts carry the contact counts)
    expect(await report.measureForReport(LOG, { from: '2024-10-07', engine: THREADED })).toEqual(await report.measureForReport(LOG, { from: '2024-10-07', engine: { threads: 1 } }));
    expect(await built.measureContinuity(LOG, { from: '2024-10-07', indices: true, engine: THREADED })).toEqual(await built.measureContinuity(LOG, { from: '2024-10-07', indices: true, engine: { threads: 1 } }));
  });
});
