import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { measureContinuity } from '../../src/index.js';
import { measureRoutesStreamed } from '../../src/measures/routes/measure.js';
import { endProgress, progressText, terminalProgress, clearProgress } from '../../src/cli/progress.js';
import type { ProgressEvent } from '../../src/progress.js';
import { fixtureCsv, tempFiles } from '../continuity/fixture.js';

const file = tempFiles('kontinuitet-progress-');

/** A writable that says it is a terminal (or not) and keeps what is written. */
function terminal(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 60, write: (s: string) => { written.push(s); return true; } };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

afterEach(() => endProgress());

describe('progress events', () => {
  it('a file read tells its bytes up to the size of the file, then the evaluation', async () => {
    const path = file(fixtureCsv());
    for (const engine of [{ threads: 1 }, { threads: 1, fastPath: false }, { threads: 2, readUnit: 256 }]) {
      const events: ProgressEvent[] = [];
      await measureContinuity(path, { engine, onProgress: (p) => events.push(p) });
      const reads = events.filter((e) => e.phase === 'read');
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.at(-1)).toEqual({ phase: 'read', done: statSync(path).size, total: statSync(path).size });
      for (let i = 1; i < reads.length; i++) expect(reads[i]!.done).toBeGreaterThanOrEqual(reads[i - 1]!.done);
      expect(events.at(-1)?.phase).toBe('evaluate');
    }
  });

  it('the routes count their staff-days up to all of them', async () => {
    // 300 staff-days: one staff member a day, two visits with coordinates each
    const lines = ['client_id,staff_id,start,end,lat,lon'];
    for (let s = 0; s < 30; s++) for (let d = 1; d <= 10; d++) {
      const day = `2024-10-${String(d).padStart(2, '0')}`;
      lines.push(`C${s},S${s},${day} 08:00,${day} 08:30,62.4,15.6`, `C${s + 1},S${s},${day} 09:00,${day} 09:30,62.41,15.61`);
    }
    const events: ProgressEvent[] = [];
    const result = await measureRoutesStreamed(file(`${lines.join('\n')}\n`), { from: '2024-10-01', rules: { days: 10 }, onProgress: (p) => events.push(p) });
    const routes = events.filter((e) => e.phase === 'routes');
    expect(routes.map((e) => e.done)).toEqual([256, 300]); // after each batch of 256 staff-days, the last of 300 too
    expect(routes[0]!.total).toBe(300);
    expect(result.windows.reduce((n, w) => n + w.staffDays, 0)).toBe(300);
  });

  it('the planner tells its steps, every 4,096th from the first', async () => {
    const { planContinuity } = await import('../../src/index.js');
    const { explainRows } = await import('../explain/fixture.js');
    const events: ProgressEvent[] = [];
    await planContinuity(explainRows(), { from: '2024-10-07', rules: { days: 7 }, iterations: 10_000, timeLimit: 60, onProgress: (p) => events.push(p) });
    const steps = events.filter((e) => e.phase === 'plan');
    expect(steps.map((e) => [e.done, e.total])).toEqual([[0, 10_000], [4096, 10_000], [8192, 10_000]]);
  });

  it('the generator tells the rows written, every 65,536th', async () => {
    const { writeGeneratedCsv } = await import('../../src/generate/index.js');
    const { Writable } = await import('node:stream');
    let lines = 0;
    const sink = new Writable({ write(chunk: Buffer, _e, done) { for (const b of chunk) if (b === 10) lines++; done(); } });
    const events: ProgressEvent[] = [];
    const truth = await writeGeneratedCsv(sink, { clients: 800, days: 28 }, (p) => events.push(p));
    expect(lines).toBe(truth.rows + 1); // the header and every row
    expect(events).toEqual(Array.from({ length: Math.floor(truth.rows / 65536) }, (_, k) => ({ phase: 'write', done: 65536 * (k + 1), total: null })));
    expect(events.length).toBeGreaterThan(0);
  });

  it('a listener that throws changes no figure', async () => {
    const path = file(fixtureCsv());
    const quiet = await measureContinuity(path);
    const loud = await measureContinuity(path, { onProgress: () => { throw new Error('boom'); } });
    expect(loud).toEqual(quiet);
  });
});

describe('the terminal line', () => {
  it('says what is going on in words', () => {
    expect(progressText({ phase: 'read', done: 123_400_000, total: 257_000_000 })).toBe('reading 48 % (123 of 257 MB)');
    expect(progressText({ phase: 'routes', done: 12_000, total: 359_520 })).toBe('searching the best order of every staff-day: 12,000 of 359,520');
    expect(progressText({ phase: 'evaluate', done: 0, total: null })).toBe('evaluating the clients');
    expect(progressText({ phase: 'plan', done: 8192, total: 400_000 })).toBe('searching for a plan: step 8,192 of at most 400,000');
  });

  it('shows nothing off a terminal or when quiet', () => {
    expect(terminalProgress(terminal(false).stream, false)).toBeUndefined();
    expect(terminalProgress(terminal(true).stream, true)).toBeUndefined();
  });

  it('on a terminal: nothing in the first 0.7 s, then at most one line each 0.2 s, rewritten in place and cleared', () => {
    let now = 1000;
    const { stream, written } = terminal(true);
    const onProgress = terminalProgress(stream, false, () => now)!;
    onProgress({ phase: 'read', done: 1, total: 100 });
    now += 600;
    onProgress({ phase: 'read', done: 2, total: 100 });
    expect(written).toEqual([]); // a short run prints no line
    now += 200;
    onProgress({ phase: 'read', done: 50_000_000, total: 100_000_000 });
    now += 100;
    onProgress({ phase: 'read', done: 60_000_000, total: 100_000_000 }); // too soon
    now += 100;
    onProgress({ phase: 'evaluate', done: 0, total: null });
    expect(written).toEqual(['\r\x1b[Kkontinuitet: reading 50 % (50 of 100 MB)', '\r\x1b[Kkontinuitet: evaluating the clients']);
    clearProgress();
    expect(written.at(-1)).toBe('\r\x1b[K');
    clearProgress(); // nothing shown: nothing to clear
    expect(written.length).toBe(3);
  });
});
