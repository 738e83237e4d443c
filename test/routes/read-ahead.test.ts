import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Reader, type ReaderThreads } from '../../src/engine/readers.js';
import { readInParallel } from '../../src/engine/parallel.js';
import type { SpareThread } from '../../src/engine/filled.js';
import { measureRoutes, readRoutesBeside, routesReadAhead, routeTotals } from '../../src/measures/routes/measure.js';
import type { RoutesResult } from '../../src/measures/routes/types.js';
import { materialised } from '../../src/measures/routes/streamed.js';
import type { RoutesOptions } from '../../src/measures/routes/options.js';
import { tempFiles } from '../continuity/fixture.js';
import { messySample } from './messy.js';
import { RowsPart } from '../../src/measures/routes/rows-part.js';
import { chunkEnd, chunkStart, type RowsChunk, type SpilledChunk } from '../../src/measures/routes/rows-chunk.js';
import { ChunkFile, loadChunk } from '../../src/measures/routes/chunk-file.js';
import { scanPieces } from '../../src/engine/scan-pieces.js';
import { WorkTable } from '../../src/engine/worktable.js';
import { readPiecesInThreads, type PieceThread } from '../../src/engine/pieces.js';
import { ROUTE_COLUMNS, RoutesAccumulator } from '../../src/measures/routes/accumulator.js';
import type { RouteRowsPart } from '../../src/measures/routes/rows-part.js';
import { LocalZone } from '../../src/windows/zone.js';
import { discardAhead } from '../../src/measures/routes/read-threads.js';

// The route rows read by a spare thread of the measure's threaded read (the built worker script)
// while this thread evaluates the clients, against one thread reading the file for the routes.
const WORKER = new URL('../../dist/measure-worker.js', import.meta.url);
const file = tempFiles('kontinuitet-read-ahead-');
const SAMPLE = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8');
const MEASURE = { from: '2024-10-07', engine: { threads: 2, watchdogMs: 20_000 } } as const;

/** This thread's reader and a worker, as the engine starts them; `closed[k]`: whether reader k was closed. */
function pool(worker: Reader = new Reader(WORKER)): ReaderThreads & { closed: boolean[] } {
  const readers = [new Reader(null), worker];
  const closed = [false, false];
  return { readers, closed, close: async () => { await Promise.all(readers.map((r, k) => { closed[k] = true; return r.close(); })); } };
}

/** A worker reader that reads the measure's pieces and never answers a read of route rows. */
function mute(): Reader {
  const real = new Reader(WORKER);
  return Object.assign(Object.create(real) as Reader, {
    ask: (request: Parameters<Reader['ask']>[0]) => (request.type === 'route-pieces' ? new Promise(() => undefined) : real.ask(request)),
    close: () => real.close(),
  });
}

/** The measure read in two threads; during its evaluation the spare thread reads the route rows for `options`; then the route figures from them. */
async function ahead(path: string, options: RoutesOptions) {
  let folder = '';
  const got = await readInParallel(path, MEASURE, pool(), async ({ evaluate, spare }) => {
    expect(spare).not.toBeNull();
    const routes = await readRoutesBeside(spare!, path, options);
    folder = routes.folder;
    await evaluate();
    await routes.reply;
    return routes;
  }, true);
  expect(got).not.toBeNull();
  const figures = materialised(await routesReadAhead(got!.value, path, options));
  // the spare thread's chunks of rows are gone once taken
  expect(existsSync(folder)).toBe(false);
  return figures;
}

/** A result's windows with their totals only: without spreads (theirs and their groups'), staff summaries or staff-days. */
function totalsOf(r: RoutesResult) {
  return { ...r, windows: r.windows.map(({ routes: _r, perStaff: _s, spread: _w, groups, ...w }) => ({ ...w, groups: groups.map(({ spread: _g, ...g }) => g) })) };
}

describe('the route rows read ahead by a spare thread of the measure', () => {
  it('give the totals, all and per group, of one thread\'s figures: from the rows read ahead, and from a read of the file', async () => {
    const path = file(SAMPLE);
    const options: RoutesOptions = { from: '2024-10-07', rules: { days: 7 }, bestOrderSample: 40 };
    const one = totalsOf(await measureRoutes(path, { ...options, engine: { threads: 1 } }));
    expect(one.windows[0]!.groups.length).toBeGreaterThan(1);
    expect(one.windows[0]).not.toHaveProperty('spread');
    const got = await readInParallel(path, MEASURE, pool(), async ({ evaluate, spare }) => {
      const routes = await readRoutesBeside(spare!, path, options);
      await evaluate();
      await routes.reply;
      return routes;
    }, true);
    expect(await routeTotals(got!.value, path, options)).toEqual(one);
    expect(await routeTotals(null, path, options)).toEqual(one);
  });

  it('give the figures of one thread reading the file: a window, the whole log, a series', async () => {
    const path = file(SAMPLE);
    for (const options of [{ from: '2024-10-07', rules: { days: 3 }, bestOrderSample: 40 }, { all: true, bestOrderSample: 40 }, { every: 'month', rules: { days: 7 }, bestOrderSample: 20 }] as RoutesOptions[]) {
      const one = await measureRoutes(path, { ...options, engine: { threads: 1 } });
      expect(await ahead(path, options)).toEqual(one);
    }
  });

  it('give the figures of one thread with rows rejected, rows for the general reader, text ids, travel and no coordinates', async () => {
    const path = file(messySample(SAMPLE).text);
    const options: RoutesOptions = { all: true, bestOrderSample: 40 };
    const one = await measureRoutes(path, { ...options, engine: { threads: 1 } });
    expect(one.rows.rejected).toBeGreaterThan(0);
    expect(await ahead(path, options)).toEqual(one);
  });

  it('give the figures of one thread when a part has many chunks, written out and taken back through one buffer', async () => {
    const path = file(messySample(SAMPLE).text);
    const options: RoutesOptions = { all: true, bestOrderSample: 40 };
    const one = await measureRoutes(path, { ...options, engine: { threads: 1 } });
    const acc = new RoutesAccumulator(options);
    const zone = acc.zone;
    let files = 0;
    const spillTo = file('');
    // this thread and two more (in this process), every part but this thread's first piece in chunks of 500 rows written to files
    const fresh = () => new RowsPart(zone, acc.keptDays, 500, new ChunkFile(`${spillTo}-${files++}`));
    const threads: PieceThread<RouteRowsPart>[] = [0, 1].map(() => ({
      ask: (request) => scanPieces(request.path, new WorkTable(request.table, request.unit), request.piece, request.options, { own: null, fresh }),
    }));
    let chunks = 0;
    const ledger = await readPiecesInThreads(path, { use: ROUTE_COLUMNS, zone: zone.name, engine: { readUnit: 1 << 15 } }, threads, null, acc.sink, fresh, (part) => {
      chunks += part.chunks.length;
      expect(part.chunks.every((c) => c !== null && 'spilled' in c)).toBe(true);
      acc.absorb(part);
    });
    expect(chunks).toBeGreaterThan(10);
    expect(acc.finish(ledger!)).toEqual(one);
  });

  it('outlast the measure that lent the thread, which ends before they are given', async () => {
    const path = file(SAMPLE);
    const options: RoutesOptions = { all: true, bestOrderSample: 40 };
    const one = await measureRoutes(path, { ...options, engine: { threads: 1 } });
    const threads = pool();
    // the measure returns without waiting for the rows: the thread is still reading them then
    const got = await readInParallel(path, MEASURE, threads, async ({ evaluate, spare }) => {
      const routes = await readRoutesBeside(spare!, path, options);
      await evaluate();
      return routes;
    }, true);
    expect(threads.closed).toEqual([false, false]);
    // the rows are given once the thread has ended
    let closedWhenGiven: boolean[] = [];
    void got!.value.reply.then(() => { closedWhenGiven = [...threads.closed]; });
    const figures = materialised(await routesReadAhead(got!.value, path, options));
    expect(closedWhenGiven).toEqual([true, true]);
    expect(figures).toEqual(one);
  });

  it('stop with STALLED when the thread makes no progress, and the thread ends', async () => {
    const path = file(SAMPLE);
    const threads = pool(mute());
    const got = await readInParallel(path, { ...MEASURE, engine: { ...MEASURE.engine, watchdogMs: 300 } }, threads, async ({ evaluate, spare }) => {
      const routes = await readRoutesBeside(spare!, path, { all: true });
      await evaluate();
      return routes;
    }, true);
    expect(threads.closed).toEqual([false, false]);
    await expect(routesReadAhead(got!.value, path, { all: true })).rejects.toMatchObject({ code: 'STALLED' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(threads.closed).toEqual([true, true]);
    expect(existsSync(got!.value.folder)).toBe(false);
  });

  it('is lent only when asked for and when the evaluation leaves a worker idle', async () => {
    const path = file(SAMPLE);
    const spareOf = async (lend: boolean, shareEvaluation: boolean): Promise<SpareThread | null> => (await readInParallel(path, { ...MEASURE, engine: { ...MEASURE.engine, shareEvaluation } }, pool(), async ({ evaluate, spare }) => {
      await evaluate();
      return spare;
    }, lend))!.value;
    expect(await spareOf(false, false)).toBeNull();
    expect(await spareOf(true, true)).toBeNull();
    expect(await spareOf(true, false)).not.toBeNull();
  });
});

describe('rows read ahead that cannot be taken', () => {
  /** A spare thread that answers `reply` (after a turn), and the rows it was asked for. */
  const answering = (reply: unknown): SpareThread => ({ read: async () => reply as never });
  const options: RoutesOptions = { all: true };

  it('send the file to a read of its own when the thread could not read it (a quote, the general reader), the thread\'s folder gone', async () => {
    const path = file(SAMPLE);
    const one = await measureRoutes(path, { ...options, engine: { threads: 1 } });
    for (const type of ['quoted', 'general']) {
      const ahead = await readRoutesBeside(answering({ type }), path, options);
      expect(existsSync(ahead.folder)).toBe(true);
      expect(materialised(await routesReadAhead(ahead, path, options))).toEqual(one);
      expect(existsSync(ahead.folder)).toBe(false);
    }
  });

  it('give the thread\'s error with its code, the folder gone; rows left unread go with their folder', async () => {
    const path = file(SAMPLE);
    const failed = await readRoutesBeside(answering({ type: 'failed', code: 'UNREADABLE_INPUT', message: 'line 7: the disk went away' }), path, options);
    await expect(routesReadAhead(failed, path, options)).rejects.toMatchObject({ code: 'UNREADABLE_INPUT', message: 'line 7: the disk went away' });
    expect(existsSync(failed.folder)).toBe(false);
    const unread = await readRoutesBeside(answering({ type: 'scanned', pieces: [] }), path, options);
    discardAhead(unread);
    await unread.reply;
    await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(unread.folder)).toBe(false);
  });
});

describe('a part\'s chunks written to a file as they fill', () => {
  it('read back as the chunks a part holds: times in whole seconds and not, places, ids as bytes and as text, wide numbers', async () => {
    const zone = new LocalZone('Europe/Stockholm');
    const spillTo = file('');
    // a chunk's rows as what they say (a row's numbers, times, places and id), with the widths of its number columns
    const rowsOf = (c: RowsChunk) => ({
      widths: [c.staff, c.client, c.group, c.point].map((a) => a.BYTES_PER_ELEMENT), texts: c.texts, exact: c.exact !== null,
      rows: Array.from({ length: c.count }, (_, r) => [c.staff[r], c.client[r], c.group[r], c.point[r], chunkStart(c, r), chunkEnd(c, r), ...c.places.map((p) => p?.[r] ?? null),
        Buffer.from(c.ids.subarray(r === 0 ? 0 : c.idEnds[r - 1], c.idEnds[r])).toString('latin1')]),
    });
    // 1. the sample read by the fast path (ids as bytes) into parts of 700-row chunks, held and written out
    const path = file(SAMPLE);
    const parts = [null, 'spill'].map((spill) => {
      const part = new RowsPart(zone, [-Infinity, Infinity], 700, spill === null ? null : new ChunkFile(spillTo));
      return { part, read: scanPieces(path, WorkTable.create([{ from: SAMPLE.indexOf('\n') + 1, to: SAMPLE.length }], 1 << 20), 0, { zone: zone.name, use: ['visit_id', 'group', 'lat', 'lon', 'travel_minutes', 'travel_km', 'shift_start', 'shift_end'] }, { own: part, fresh: () => { throw new Error('one piece'); } }) };
    });
    for (const p of parts) expect((await p.read).type).toBe('scanned');
    const held = parts[0]!.part.part().chunks, spilled = parts[1]!.part.part().chunks;
    expect(held.length).toBe(Math.ceil((SAMPLE.trimEnd().split('\n').length - 1) / 700));
    expect(spilled.every((c) => c !== null && 'spilled' in c)).toBe(true);
    spilled.forEach((c, k) => expect(rowsOf(loadChunk(c as SpilledChunk))).toEqual(rowsOf(held[k] as RowsChunk)));
    // 2. rows given as visits: text ids, a time not in whole seconds from the 4th row, travel and shift on some, staff numbers above 65,535
    const t0 = Date.UTC(2024, 9, 1, 8, 0);
    const made = [null, 'spill'].map((spill) => new RowsPart(zone, [-Infinity, Infinity], 3, spill === null ? null : new ChunkFile(`${spillTo}-2`)));
    for (let r = 0; r < 65_545; r++) {
      const start = t0 + r * 60_000 + (r === 3 || r === 65_540 ? 250 : 0);
      const visit = { visitId: r % 2 === 0 ? `Å${r}` : '', client: `C${r % 7}`, staff: `S${r}`, group: 'G', start, end: start + 900_000, ...(r % 5 === 0 ? { travelMinutes: r % 13, shiftStart: t0 } : {}), ...(r % 3 === 0 ? {} : { lat: 60 + (r % 11) / 100, lon: 15 }) };
      for (const m of made) m.addVisit(visit as Parameters<typeof m.addVisit>[0]);
    }
    const a = made[0]!.part().chunks, b = made[1]!.part().chunks;
    expect(b.length).toBe(a.length);
    b.forEach((c, k) => expect(rowsOf(loadChunk(c as SpilledChunk))).toEqual(rowsOf(a[k] as RowsChunk)));
    // the time not in whole seconds and the staff number above 65,535 are in the rows compared
    expect(a.map((c) => rowsOf(c as RowsChunk)).filter((c) => c.exact).length).toBeGreaterThan(1);
    expect((a.at(-1) as RowsChunk).staff.BYTES_PER_ELEMENT).toBe(4);
  });
});
