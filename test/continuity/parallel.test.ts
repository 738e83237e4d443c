import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { continuity, measureContinuity, type MeasureOptions, type ReadOptions } from '../../src/index.js';
import { readShare, replyTransfers, type ThreadReply } from '../../src/engine/thread.js';
import { removeSpill } from '../../src/engine/partitions.js';
import { readHeader } from '../../src/engine/fast.js';
import { WorkTable } from '../../src/engine/worktable.js';
import { ContinuityAccumulator } from '../../src/engine/accumulator.js';
import { corrupted, tempFiles } from './fixture.js';

// Under the test runner the sources have no built worker script, so the ranges are read by this
// thread in turn: the cutting, line numbering, merging and evaluation in shares are the same code.
const file = tempFiles('kontinuitet-par-');
const SAMPLE = readFileSync(new URL('../../data/sample-visits.csv', import.meta.url), 'utf8');

/** Reading a file in shares must give exactly what one thread gives. */
async function same(path: string, options: MeasureOptions & ReadOptions, threads: number[] = [2, 3, 7]) {
  const one = await measureContinuity(path, { ...options, engine: { ...options.engine, threads: 1 } });
  for (const t of threads) expect(await measureContinuity(path, { ...options, engine: { ...options.engine, threads: t } })).toEqual(one);
  return one;
}

describe('a file read in byte ranges gives the one-thread result', () => {
  it('on the bundled sample, as a series and as one window, spilled or not', async () => {
    const f = file(SAMPLE);
    await same(f, { anchor: 'first-monday' });
    await same(f, { from: '2024-10-07', engine: { spillRows: 101 } });
    await same(f, { from: '2024-10-07', engine: { spillRows: 101, shareEvaluation: true } });
    await same(f, { from: '2024-10-07', pseudonymise: { key: 'k' } }, [2]);
  });

  it('in small units, so a thread done with its range splits off the rest of another\'s, mid-line too', async () => {
    const f = file(SAMPLE);
    await same(f, { anchor: 'first-monday', engine: { readUnit: 997 } });
    await same(f, { from: '2024-10-07', engine: { readUnit: 50, spillRows: 300 } }, [2]);
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
    expect(await same(file(text), { from: '2024-10-01', maxIssues: 100, engine: { readUnit: 1500 } })).toEqual(all);
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
          await same(file(corrupted(base, edits)), { from: '2024-10-01', rules: { days: 7 }, maxIssues: Infinity, encoding: 'utf8' }, [2, 3]);
        },
      ), { numRuns: 15 });
    }
  });

  it('collects garbage before each piece a thread splits off another\'s, and after its last', async () => {
    const f = file(SAMPLE);
    const head = (await readHeader(f))!;
    const size = statSync(f).size;
    const table = WorkTable.create([{ from: head.end + 1, to: Math.floor(size / 2) }, { from: Math.floor(size / 2), to: size }], 997);
    const global = globalThis as { gc?: () => void };
    const had = global.gc;
    let calls = 0;
    global.gc = () => { calls++; };
    let reply: ThreadReply | null = null;
    try {
      reply = await readShare(f, table, 0, { from: '2024-10-07' }, null);
      if (reply.type !== 'scanned') throw new Error(reply.type);
      // its own range, then the back halves of the other's, untouched by any other thread
      expect(reply.pieces.length).toBeGreaterThanOrEqual(3);
      expect(calls).toBe(reply.pieces.length);
    } finally {
      if (reply?.type === 'scanned') for (const p of reply.pieces) removeSpill(p.part!.path);
      if (had === undefined) delete global.gc;
      else global.gc = had;
    }
  });

  it('removes the spill files of the pieces it read, and of the one it was reading, when a piece needs one thread (a quote)', async () => {
    const lines = SAMPLE.split('\n');
    const at = Math.floor(lines.length * 0.9);
    lines[at] = lines[at]!.replace(/,omvårdnad,/, ',"omvårdnad",');
    const f = file(lines.join('\n'));
    const head = (await readHeader(f))!;
    const size = statSync(f).size, half = Math.floor(size / 2);
    const tables = [
      // one range: the quote is met in the piece being read, which has spilled already
      [{ from: head.end + 1, to: size }],
      // its own range is read (a part, spilled), then it splits off the back half of the other, where the quote is
      [{ from: head.end + 1, to: half }, { from: half, to: size }],
    ];
    for (const ranges of tables) {
      const spillIn = mkdtempSync(join(tmpdir(), 'kontinuitet-discard-'));
      try {
        // each piece is read into an accumulator of its own, spilled every 50 rows
        const reply = await readShare(f, WorkTable.create(ranges, 997), 0, { from: '2024-10-07', engine: { spillRows: 50 } }, null, spillIn);
        expect(reply.type).toBe('quoted');
        expect(readdirSync(spillIn)).toEqual([]);
      } finally {
        rmSync(spillIn, { recursive: true, force: true });
      }
    }
  });

  it('collects garbage after each thread\'s read, after the merge, after each thread\'s evaluation and once the result is made when the process exposes gc, else does without', async () => {
    const f = file(SAMPLE);
    const global = globalThis as { gc?: () => void };
    const had = global.gc;
    let calls = 0;
    global.gc = () => { calls++; };
    try {
      const two = await measureContinuity(f, { from: '2024-10-07', engine: { threads: 2 } });
      // this thread's share and the other reader's (run here under the test runner), the merge, this thread's evaluation, the result
      expect(calls).toBe(5);
      // … and the other reader's evaluation
      expect(await measureContinuity(f, { from: '2024-10-07', engine: { threads: 2, shareEvaluation: true } })).toEqual(two);
      expect(calls).toBe(11);
      await measureContinuity(f, { from: '2024-10-07', engine: { threads: 1 } });
      expect(calls).toBe(12);
      delete global.gc;
      expect(await measureContinuity(f, { from: '2024-10-07', engine: { threads: 2 } })).toEqual(two);
    } finally {
      if (had === undefined) delete global.gc;
      else global.gc = had;
    }
  });

  it('rejects a thread count or read unit that is not a whole number ≥ 1', async () => {
    await expect(measureContinuity(file(SAMPLE), { engine: { threads: 0 } })).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(measureContinuity(file(SAMPLE), { engine: { readUnit: 0.5 } })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /readUnit/ });
  });

  it('takes the engine\'s settings in engine only: at the top level each is a BAD_OPTION saying where it went', async () => {
    const f = file(SAMPLE);
    for (const key of ['fastPath', 'threads', 'readUnit', 'spillRows', 'shareEvaluation', 'watchdogMs']) {
      const old = { from: '2024-10-07', [key]: key === 'fastPath' || key === 'shareEvaluation' ? true : 2 } as MeasureOptions;
      await expect(measureContinuity(f, old)).rejects.toMatchObject({ code: 'BAD_OPTION', message: `${key}: moved to engine.${key}` });
      expect(() => continuity([], old)).toThrow(`${key}: moved to engine.${key}`);
    }
    await expect(measureContinuity(f, { engine: { thread: 2 } as never })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /^engine\.thread: not a setting/ });
    await expect(measureContinuity(f, { engine: 2 as never })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /^engine: must be an object/ });
    await expect(measureContinuity(f, { engine: { watchdogMs: 0 } })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /^engine\.watchdogMs: / });
    await expect(measureContinuity(f, { engine: { shareEvaluation: 'yes' as never } })).rejects.toMatchObject({ code: 'BAD_OPTION', message: /^engine\.shareEvaluation: / });
  });
});

describe('a reader thread\'s reply', () => {
  it('moves its parts\' and figures\' arrays to the calling thread: each buffer listed once, gone from the sender, whole at the receiver', () => {
    const acc = new ContinuityAccumulator({ from: '2024-10-07' });
    for (const [client, staff] of [['C1', 'S1'], ['C2', 'S1'], ['C1', 'S2']] as const) {
      acc.add({ line: 2, client, staff, group: 'G', kind: '', staffRole: '', contactStaff: '', start: Date.UTC(2024, 9, 7, 8), end: Date.UTC(2024, 9, 7, 9), birthDay: null, age: null, visitId: '' });
    }
    const part = acc.part();
    acc.release();
    const figures = { count: 1, client: Int32Array.of(0), visits: Int32Array.of(2), staff: Int32Array.of(2), reason: Int8Array.of(0), firstShortDay: Int32Array.of(-1), doubleStaffedVisits: Int32Array.of(0), group: Int32Array.of(0), indices: null };
    const ledger = { read: 3, used: 3, rejected: 0, blankLines: 0, issuesOmitted: 0, rejectedByCode: {}, issues: [], delimiter: ',', columns: {} } as never;
    const scanned: ThreadReply = { type: 'scanned', pieces: [{ from: 0, ledger, nextLine: 4, part }, { from: 9, ledger, nextLine: 1, part: null }] };
    const arrays = [part.clients.bytes, part.clients.ends, part.staff.bytes, part.staff.ends, part.birthDay, part.age, part.firstLine];
    expect(replyTransfers(scanned)).toEqual(arrays.map((a) => a.buffer));
    expect(replyTransfers({ type: 'evaluated', result: [figures] })).toHaveLength(7);
    expect(replyTransfers({ type: 'quoted' })).toEqual([]);

    const copies = arrays.map((a) => Array.from(a as Uint8Array));
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(scanned, replyTransfers(scanned));
    const got = receiveMessageOnPort(port2)!.message as Extract<ThreadReply, { type: 'scanned' }>;
    port1.close();
    expect(arrays.map((a) => a.byteLength)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const p = got.pieces[0]!.part!;
    // two clients of 2 bytes, two staff of 2 bytes; no birth day nor age; both clients first on line 2
    expect(copies.map((c) => c.length)).toEqual([4, 2, 4, 2, 2, 2, 2]);
    expect(copies[6]).toEqual([2, 2]);
    expect([p.clients.bytes, p.clients.ends, p.staff.bytes, p.staff.ends, p.birthDay, p.age, p.firstLine].map((a) => Array.from(a as Uint8Array))).toEqual(copies);
  });
});

describe('the built package reads with worker threads', () => {
  it('and gives the one-thread result', async () => {
    const built = await import(fileURLToPath(new URL('../../dist/index.js', import.meta.url))) as typeof import('../../src/index.js');
    const f = file(SAMPLE);
    const one = await built.measureContinuity(f, { from: '2024-10-07', engine: { threads: 1 } });
    expect(await built.measureContinuity(f, { from: '2024-10-07', engine: { threads: 2 } })).toEqual(one);
    expect(await built.measureContinuity(f, { anchor: 'first-monday', engine: { threads: 3, spillRows: 500 } })).toEqual(await built.measureContinuity(f, { anchor: 'first-monday', engine: { threads: 1 } }));
    // units of 4 KB: the threads split each other's ranges while they read them
    expect(await built.measureContinuity(f, { from: '2024-10-07', engine: { threads: 2, readUnit: 4096 } })).toEqual(one);
    // the workers evaluate too, their figures moved back
    expect(await built.measureContinuity(f, { from: '2024-10-07', engine: { threads: 3, spillRows: 500, shareEvaluation: true } })).toEqual(one);
  });
});
