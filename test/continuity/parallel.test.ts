import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureContinuity, type MeasureOptions, type ReadOptions } from '../../src/index.js';
import { corrupted, tempFiles } from './fixture.js';

// Under the test runner the sources have no built worker script, so the ranges are read by this
// thread in turn: the cutting, line numbering, merging and evaluation in shares are the same code.
const file = tempFiles('kontinuitet-par-');
const SAMPLE = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8');

/** Reading a file in shares must give exactly what one thread gives. */
async function same(path: string, options: MeasureOptions & ReadOptions, threads: number[] = [2, 3, 7]) {
  const one = await measureContinuity(path, { ...options, threads: 1 });
  for (const t of threads) expect(await measureContinuity(path, { ...options, threads: t })).toEqual(one);
  return one;
}

describe('a file read in byte ranges gives the one-thread result', () => {
  it('on the bundled sample, as a series and as one window, spilled or not', async () => {
    const f = file(SAMPLE);
    await same(f, { anchor: 'first-monday' });
    await same(f, { from: '2024-10-07', spillRows: 101 });
    await same(f, { from: '2024-10-07', pseudonymise: { key: 'k' } }, [2]);
  });

  it('in small units, so a thread done with its range splits off the rest of another\'s, mid-line too', async () => {
    const f = file(SAMPLE);
    await same(f, { anchor: 'first-monday', readUnit: 997 });
    await same(f, { from: '2024-10-07', readUnit: 50, spillRows: 300 }, [2]);
  });

  it('with rejected rows in every range: the same issues, line numbers and ledger', async () => {
    const lines = SAMPLE.replace(/\n$/, '').split('\n');
    for (const i of [5, 1800, 3600, 5400, 7000, lines.length - 1]) lines[i] = lines[i]!.replace(/(\d{4}-\d\d-\d\d) (\d\d):/, '$1 25:');
    lines.splice(2500, 0, '', '');                  // blank lines
    lines[4000] = `${lines[4000]},extra`;           // a long row
    lines[4100] = `${lines[4100]}\r`;               // a CR at one line's end
    const text = lines.join('\n');                  // no LF after the last row
    const r = await same(file(text), { anchor: 'first-monday', maxIssues: 3 });
    expect(r.rows.rejected).toBe(7);
    expect(r.issues.map((i) => i.line)).toEqual([6, 1801, 3603]); // two blank lines before the third
    expect(r.issues[1]!.message).toMatch(/^line 1801, column start:/);
    const all = await same(file(text), { from: '2024-10-01', maxIssues: 100 });
    expect(await same(file(text), { from: '2024-10-01', maxIssues: 100, readUnit: 1500 })).toEqual(all);
    // the line numbers are those of the file: check each against the text
    const fileLines = text.split('\n');
    for (const issue of all.issues) expect(fileLines[issue.line - 1]).toMatch(/ 25:|,extra$/);
  });

  it('falls back to one thread when a quote appears anywhere', async () => {
    const lines = SAMPLE.split('\n');
    lines[6000] = lines[6000]!.replace(/,omvårdnad,/, ',"omvård\nnad",');
    const r = await same(file(lines.join('\n')), { anchor: 'first-monday' }, [2]);
    expect(r.rows.read).toBe(lines.length - 2);
  });

  it('on more threads than lines, and on a file with only a header', async () => {
    const few = SAMPLE.split('\n').slice(0, 4).join('\n');
    await same(file(few), { from: '2024-10-01' }, [2, 8]);
    await same(file(SAMPLE.split('\n')[0]!), { from: '2024-10-01' }, [2]);
  });

  it('on randomly corrupted logs, comma- and semicolon-separated: the lines split four bytes at a time as byte by byte (property)', async () => {
    // a '-' or '+' right after a delimiter is where a sloppy word test for the delimiter goes wrong
    const head = SAMPLE.split('\n').slice(0, 1200).map((l, i) => (i === 0 ? l : l.replace(/^([^,]*,[^,]*,)/, '$1-').replace(/,(15\.\d+)/, ',-$1'))).join('\n');
    for (const text of [head, head.replace(/,/g, ';')]) {
      const base = Buffer.from(text);
      await fc.assert(fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat({ max: base.length - 1 }), byte: fc.constantFrom(0x2c, 0x3b, 0x2d, 0x2b, 0x0a, 0x0d, 0x09, 0x20, 0x41, 0xc3), del: fc.boolean() }), { maxLength: 16 }),
        async (edits) => {
          await same(file(corrupted(base, edits)), { from: '2024-10-01', rules: { days: 7 }, maxIssues: Infinity }, [2, 3]);
        },
      ), { numRuns: 15 });
    }
  });

  it('collects garbage after each thread\'s read, after the merge and after each thread\'s evaluation when the process exposes gc, else does without', async () => {
    const f = file(SAMPLE);
    const global = globalThis as { gc?: () => void };
    const had = global.gc;
    let calls = 0;
    global.gc = () => { calls++; };
    try {
      const two = await measureContinuity(f, { from: '2024-10-07', threads: 2 });
      // this thread's share and the other reader's (run here under the test runner), the merge, the two evaluations
      expect(calls).toBe(5);
      await measureContinuity(f, { from: '2024-10-07', threads: 1 });
      expect(calls).toBe(6);
      delete global.gc;
      expect(await measureContinuity(f, { from: '2024-10-07', threads: 2 })).toEqual(two);
    } finally {
      if (had === undefined) delete global.gc;
      else global.gc = had;
    }
  });

  it('rejects a thread count or read unit that is not a whole number ≥ 1', async () => {
    await expect(measureContinuity(file(SAMPLE), { threads: 0 })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(measureContinuity(file(SAMPLE), { readUnit: 0.5 })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /readUnit/ });
  });
});

describe('the built package reads with worker threads', () => {
  it('and gives the one-thread result', async () => {
    const built = await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url))) as typeof import('../../src/index.js');
    const f = file(SAMPLE);
    const one = await built.measureContinuity(f, { from: '2024-10-07', threads: 1 });
    expect(await built.measureContinuity(f, { from: '2024-10-07', threads: 2 })).toEqual(one);
    expect(await built.measureContinuity(f, { anchor: 'first-monday', threads: 3, spillRows: 500 })).toEqual(await built.measureContinuity(f, { anchor: 'first-monday', threads: 1 }));
    // units of 4 KB: the threads split each other's ranges while they read them
    expect(await built.measureContinuity(f, { from: '2024-10-07', threads: 2, readUnit: 4096 })).toEqual(one);
  });
});
