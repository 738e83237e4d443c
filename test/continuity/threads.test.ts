import { createRequire, syncBuiltinESMExports } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Reader, type ReaderThreads } from '../../src/engine/readers.js';
import { readInParallel } from '../../src/engine/parallel.js';

// The threaded path of the built package (real worker threads), against the one-thread result.
const built = await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url))) as typeof import('../../src/index.js');
const WORKER = new URL('../../dist/measure-worker.js', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SAMPLE = join(dir, 'sample.csv');
writeFileSync(SAMPLE, readFileSync(new URL('../../data/sample-visits.csv', import.meta.url)));
const OPTIONS = { from: '2024-10-07', engine: { threads: 2, spillRows: 2000, watchdogMs: 5000 } } as const;

describe('the threaded reader', () => {
  it('sees a worker that came online before anyone asked', async () => {
    const reader = new Reader(WORKER);
    try {
      await new Promise((r) => setTimeout(r, 1500)); // the worker is online by now
      const late = await Promise.race([reader.started().then(() => 'started'), new Promise((r) => setTimeout(r, 3000, 'never'))]);
      expect(late).toBe('started');
    } finally {
      await reader.close();
    }
  });

  it('gives the one-thread result run after run (20 runs)', async () => {
    const one = await built.measureContinuity(SAMPLE, { ...OPTIONS, engine: { ...OPTIONS.engine, threads: 1 } });
    for (let k = 0; k < 20; k++) expect(await built.measureContinuity(SAMPLE, OPTIONS)).toEqual(one);
  });

  it('gives the one-thread result when the first file reads are slow', async () => {
    const one = await built.measureContinuity(SAMPLE, { ...OPTIONS, engine: { ...OPTIONS.engine, threads: 1 } });
    // this thread's first opens and streams (the header, the cuts between ranges) wait 400 ms
    const require = createRequire(import.meta.url);
    const fs = require('node:fs') as typeof import('node:fs');
    const fsp = require('node:fs/promises') as typeof import('node:fs/promises');
    const [open, stream] = [fsp.open, fs.createReadStream];
    let slow = 0;
    const late = <T>(f: () => T): T => { const until = Date.now() + 400; while (Date.now() < until); return f(); };
    fsp.open = (async (...a: Parameters<typeof open>) => { if (slow++ < 4) await new Promise((r) => setTimeout(r, 400)); return open(...a); }) as typeof open;
    fs.createReadStream = ((...a: Parameters<typeof stream>) => (slow++ < 4 ? late(() => stream(...a)) : stream(...a))) as typeof stream;
    syncBuiltinESMExports();
    try {
      for (let k = 0; k < 3; k++) {
        slow = 0;
        expect(await built.measureContinuity(SAMPLE, OPTIONS)).toEqual(one);
      }
    } finally {
      fsp.open = open;
      fs.createReadStream = stream;
      syncBuiltinESMExports();
    }
  });

  it('stops a run whose worker stalls with STALLED, its threads ended and nothing left in the temp dir', async () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const had = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const readers = [new Reader(null), new Reader(new URL('./stall-worker.mjs', import.meta.url))];
    let closed = 0;
    const pool: ReaderThreads = { readers, close: async () => { closed++; await Promise.all(readers.map((r) => r.close())); } };
    try {
      const t0 = Date.now();
      await expect(readInParallel(SAMPLE, { from: '2024-10-07', engine: { spillRows: 500, watchdogMs: 300 } }, pool, ({ evaluate }) => evaluate())).rejects.toMatchObject({ code: 'STALLED' });
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(closed).toBeGreaterThan(0);
      expect(readers[1]!.events).toBeGreaterThanOrEqual(2); // online, then its end
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (had === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = had;
      await pool.close();
    }
  });

  it('stops a run that waits without progress once the log is read (in what the command does with it) with STALLED, its spill files removed', async () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const had = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const readers = [new Reader(null), new Reader(WORKER)];
    const pool: ReaderThreads = { readers, close: async () => { await Promise.all(readers.map((r) => r.close())); } };
    let read = 0;
    try {
      // both threads spill (500 rows each at most): the run's folder holds their files while the command waits
      const waiting = readInParallel(SAMPLE, { from: '2024-10-07', engine: { spillRows: 1000, watchdogMs: 300 } }, pool, async ({ acc }) => {
        read = acc.reportedWindows().windows[0]!.count;
        expect(readdirSync(tmp)).toHaveLength(1);
        return new Promise<never>(() => undefined);
      });
      await expect(waiting).rejects.toMatchObject({ code: 'STALLED' });
      expect(read).toBeGreaterThan(1000);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (had === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = had;
      await pool.close();
    }
  });
});
