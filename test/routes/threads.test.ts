import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RouteRows } from '../../src/measures/routes/rows.js';
import { evaluateBatch, packDays, type DayBatch } from '../../src/measures/routes/batch.js';
import { CORE, packCore } from '../../src/measures/routes/packedDay.js';
import { SEARCHES } from '../../src/measures/routes/summaryDays.js';
import { routeDayCore, type DayCore } from '../../src/measures/routes/day.js';
import { DayStops } from '../../src/measures/routes/dayStops.js';
import { haversineModel } from '../../src/measures/routes/distance.js';
import { TaskThread } from '../../src/engine/task-thread.js';
import { scanVisits } from '../../src/read/read.js';
import { writeGeneratedCsv } from '../../src/generate/index.js';
import { dayWindow } from '../../src/windows/windows.js';
import { LocalZone } from '../../src/windows/zone.js';
import type { Visit } from '../../src/read/types.js';

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-routes-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = join(dir, 'sample.csv');
writeFileSync(SAMPLE, readFileSync(new URL('../../data/sample-visits.csv', import.meta.url)));

describe('staff-days packed in batches', () => {
  it('give each day the figures of its own stops evaluated directly (every staff-day of the sample, a third searched)', async () => {
    const zone = new LocalZone('Europe/Stockholm');
    const visits: Visit[] = [];
    await scanVisits(SAMPLE, (v) => visits.push({ ...v }), { use: ['visit_id', 'group', 'lat', 'lon'] });
    const rows = new RouteRows();
    for (const v of visits) rows.add(v);
    rows.markDoubleStaffed(5 * 60_000);
    const order = rows.staffDays(zone);
    const w = dayWindow('2024-10-01', 14, zone);
    const list: number[] = [], runs: number[] = [];
    rows.eachStaffDay(order, w, (s, a, b, day, run) => {
      list.push(s, a, b, day);
      runs.push(run);
    });
    const days = runs.length;
    expect(days).toBeGreaterThan(300);
    const sample = Uint8Array.from({ length: days }, (_, k) => (k % 3 === 0 ? 1 : 0));
    const base = { lat: 62.5, lon: 15.6 };
    const model = haversineModel();
    const end = w.dayStarts[w.days]!;
    // directly: each day's stops as the rows give them, its figures by routeDayCore, packed
    const direct = new Float64Array(CORE * days);
    const d = new DayStops();
    for (let k = 0; k < days; k++) {
      rows.dayStops(d, order.rows, list[4 * k + 1]!, list[4 * k + 2]!, end);
      packCore(routeDayCore(d, { model, windowMinutes: 30, base, quick: false, search: sample[k] === 1 }, {} as DayCore), direct, CORE * k);
    }
    expect(direct[0]).toBeGreaterThan(0); // the first day's visits
    // in batches of 100 days, cut anywhere, each packed into the arrays of the one before (longer or shorter)
    const groups = new Int32Array(days);
    const packed = new Float64Array(CORE * days);
    let spare: DayBatch | null = null;
    for (let from = 0; from < days; from += 100) {
      const batch = packDays(rows, order, Int32Array.from(runs), from, Math.min(days, from + 100), end, sample, () => base, groups, spare);
      expect(evaluateBatch(batch, model, { windowMinutes: 30, deadline: Infinity, quick: false })).toBe(0);
      packed.set(batch.cores.subarray(0, CORE * batch.days), CORE * from);
      spare = batch;
    }
    expect(packed).toEqual(direct);
    const searchOf = (cores: Float64Array, k: number) => SEARCHES[cores[CORE * k + CORE - 3]!];
    expect(Array.from({ length: days }, (_, k) => searchOf(packed, k)).filter((s) => s !== null).length).toBeGreaterThan(0);
    // past the deadline every searched day is solved quick (and counted), the others are not searched
    const late = packDays(rows, order, Int32Array.from(runs), 0, 30, end, sample, () => base, groups, spare);
    expect(late.days).toBe(30);
    expect(evaluateBatch(late, model, { windowMinutes: 30, deadline: 0, quick: false })).toBe(10);
    expect(Array.from({ length: 30 }, (_, k) => searchOf(late.cores, k)).filter((s) => s === 'quick').length).toBe(10);
  });
});

describe('the route figures in threads (the built package)', () => {
  it('are the figures of one thread, with two workers reading and two evaluating', async () => {
    const built = await import(fileURLToPath(new URL('../../dist/routes.js', import.meta.url))) as typeof import('../../src/measures/routes/index.js');
    let workers = 0;
    const count = () => { workers++; };
    process.on('worker', count);
    try {
      const one = await built.measureRoutes(SAMPLE, { all: true, engine: { threads: 1 } });
      expect(workers).toBe(0);
      const three = await built.measureRoutes(SAMPLE, { all: true, engine: { threads: 3 } });
      expect(workers).toBe(4);
      expect(three).toEqual(one);
      expect(one.windows[0]!.routes.length).toBeGreaterThan(300);
    } finally {
      process.off('worker', count);
    }
  }, 60_000);

  it('are the figures of one thread over enough staff-days that each worker has batches queued, this thread small ones', async () => {
    // ~12,000 staff-days: some 25 batches a worker, several in flight at once, and this thread's own between them
    const log = join(dir, 'generated.csv');
    const out = createWriteStream(log);
    await writeGeneratedCsv(out, { clients: 1200, days: 14, start: '2024-10-01', seed: 11 });
    await finished(out);
    const built = await import(fileURLToPath(new URL('../../dist/routes.js', import.meta.url))) as typeof import('../../src/measures/routes/index.js');
    const options = { from: '2024-10-01', bestOrderSample: 500 } as const;
    const one = await built.measureRoutes(log, { ...options, engine: { threads: 1 } });
    const days = one.windows[0]!.routes;
    expect(days.length).toBeGreaterThan(10_000);
    expect(days.filter((d) => d.bestMinutes !== null).length).toBeGreaterThan(400); // the sample searched
    expect(await built.measureRoutes(log, { ...options, engine: { threads: 3 } })).toEqual(one);
  }, 120_000);

  it('a thread answers requests sent at once in turn, each to its own', async () => {
    const script = join(dir, 'doubles.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (x) => parentPort.postMessage(2 * x));\n");
    const t = TaskThread.start<number, number>(pathToFileURL(script), 'a test thread')!;
    try {
      expect(await Promise.all([1, 2, 3].map((x) => t.ask(x)))).toEqual([2, 4, 6]);
    } finally {
      await t.close();
    }
  });

  it('started resolves once the thread runs, after the process\'s listeners of its online (where the CLI sets its flags again), and for a thread that ends at once', async () => {
    const seen: string[] = [];
    const listen = (w: import('node:worker_threads').Worker) => w.once('online', () => seen.push('process listener'));
    process.on('worker', listen);
    const script = join(dir, 'idle.mjs'), ends = join(dir, 'ends-at-once.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {});\n");
    writeFileSync(ends, 'process.exit(0);\n');
    try {
      const t = TaskThread.start<number, number>(pathToFileURL(script), 'a test thread')!;
      await t.started();
      seen.push('online');
      expect(seen).toEqual(['process listener', 'online']);
      await t.close();
      const gone = TaskThread.start<number, number>(pathToFileURL(ends), 'a test thread')!;
      await gone.started();
      await gone.close();
    } finally {
      process.off('worker', listen);
    }
  });

  it('a worker that ends fails the request with STALLED, not a wait', async () => {
    const script = join(dir, 'ends.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const t = TaskThread.start<number, number>(pathToFileURL(script), 'a test thread')!;
    const [first, second] = [t.ask(1), t.ask(2)];
    await expect(first).rejects.toMatchObject({ code: 'STALLED', message: 'a test thread ended (exit code 3)' });
    await expect(second).rejects.toMatchObject({ code: 'STALLED' });
    await expect(t.ask(3)).rejects.toMatchObject({ code: 'STALLED' });
    await t.close();
    expect(TaskThread.start(pathToFileURL(join(dir, 'missing.mjs')), 'none')).toBeNull();
  });
});
