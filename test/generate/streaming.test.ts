import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateRows, writeGeneratedCsv } from '../../src/generate/index.js';

describe('streaming', () => {
  it('respects backpressure: a stalled writer does not make the generator buffer the log', async () => {
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => (release = resolve));
    let bytes = 0;
    let maxBuffered = 0;
    const sink = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        stalled.then(() => cb(), cb);
      },
    });
    const done = writeGeneratedCsv(sink, { clients: 400, days: 28 });
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 10));
      maxBuffered = Math.max(maxBuffered, sink.writableLength);
    }
    // The whole log is several MB; while stalled only about a high-water mark's worth may queue up.
    expect(maxBuffered).toBeLessThan(256 * 1024);
    release();
    const truth = await done;
    expect(truth.rows).toBeGreaterThan(40_000);
    expect(bytes).toBeGreaterThan(truth.rows * 80);
  });

  it('streams two million rows in bounded memory, fast', () => {
    const { rows, truth } = generateRows({ clients: 2000, days: 280, seed: 11 });
    const heapStart = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    let checksum = 0;
    const t0 = performance.now();
    for (const r of rows) {
      n++;
      checksum = (checksum + r.start.length + r.visit_id.length) | 0;
      if ((n & 0x3ffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heapStart);
    }
    const seconds = (performance.now() - t0) / 1000;
    const rate = Math.round(n / seconds);
    console.info(`generateRows: ${n} rows in ${seconds.toFixed(2)} s = ${rate} rows/s; heap growth ≤ ${(peak / 1e6).toFixed(0)} MB`);
    expect(n).toBeGreaterThan(2_000_000);
    expect(truth.rows).toBe(n);
    expect(checksum).not.toBe(0);
    // Holding two million row objects would take well over 500 MB.
    expect(peak).toBeLessThan(200e6);
    // Lenient floor for slow CI machines; a laptop does several hundred thousand rows/s.
    expect(rate).toBeGreaterThan(100_000);
  });
});
