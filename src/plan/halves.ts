// Where a half of the split search runs: a worker thread (the built package), or this thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KontinuitetError } from '../errors.js';
import { collectGarbage } from '../engine/garbage.js';
import { withTravel, type PlanProblem, type ProblemData } from './model.js';
import { anneal, type SearchReport, type SearchSettings } from './search.js';
import { halfProblem } from './split.js';
import { PlanState } from './state.js';

/** One half's run: its half (0 or 1) of a round's split, the plan it starts from, its settings. */
export interface HalfJob {
  h: number;
  half: Uint8Array;
  staff: Int32Array;
  settings: Omit<SearchSettings, 'onProgress'>;
}

/** What a half's run gives back: the best plan it met, the plan it ended at, what it did. */
export interface HalfResult {
  staff: Int32Array;
  current: Int32Array;
  report: SearchReport;
}

/** A message to the plan's worker thread. */
export type HalfRequest = { type: 'problem'; data: ProblemData } | { type: 'run'; job: HalfJob };

/** The plan worker's answer. */
export type HalfReply = { type: 'ran'; result: HalfResult } | { type: 'failed'; message: string };

/**
 * Runs one half in this thread.
 *
 * @example
 * runHalf(problem, { h: 0, half, staff, settings }).current;
 */
export function runHalf(p: PlanProblem, job: HalfJob, onProgress?: SearchSettings['onProgress']): HalfResult {
  const sub = halfProblem(p, job.half, job.h, job.staff);
  return anneal(new PlanState(sub, job.staff), { ...job.settings, ...(onProgress ? { onProgress } : {}) });
}

/** The problem as it goes to a worker: the rows cut down to what the search reads (times, group, place). */
function portable(p: PlanProblem): ProblemData {
  const { travelMs: _a, travelMinutes: _b, travelKm: _c, ...data } = p;
  const visits = p.visits.map((v) => ({ start: v.start, end: v.end, group: v.group, lat: v.lat, lon: v.lon }));
  return { ...data, visits: visits as unknown as PlanProblem['visits'] };
}

/** The built worker script next to this module, or null (running from the sources). */
function workerScript(): URL | null {
  const url = new URL('./plan-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * The second half's thread: a worker holding a copy of the problem, or null when there is no
 * worker script (running from the sources) or one thread was asked for; then both halves run in
 * this thread, one after the other, with the same plans as a result.
 *
 * @example
 * const other = HalfThread.start(problem, 2); // then await other.run(job) … other.close()
 */
export class HalfThread {
  private pending: { resolve: (r: HalfResult) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: HalfReply) => {
      const pending = this.pending;
      this.pending = null;
      if (reply.type === 'ran') pending?.resolve(reply.result);
      else this.fail(new KontinuitetError('STALLED', `the plan's second thread failed: ${reply.message}`));
    });
    worker.on('error', (e: Error) => this.fail(e));
    worker.on('exit', (code: number) => this.fail(new KontinuitetError('STALLED', `the plan's second thread ended (exit code ${code})`)));
  }

  static start(p: PlanProblem, threads: number): HalfThread | null {
    const script = threads >= 2 ? workerScript() : null;
    if (script === null) return null;
    // a young generation of 8 MB: the search makes short-lived garbage, and the worker's heap counts in the process's memory
    const thread = new HalfThread(new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 8 } }));
    thread.worker.postMessage({ type: 'problem', data: portable(p) } satisfies HalfRequest);
    return thread;
  }

  /** Runs a half in the worker; fails with `STALLED` when no answer comes within `waitMs`. */
  run(job: HalfJob, waitMs: number): Promise<HalfResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new KontinuitetError('STALLED', `the plan's second thread gave no answer within ${Math.round(waitMs / 1000)} s`)), waitMs);
      this.pending = { resolve: (r) => { clearTimeout(timer); resolve(r); }, reject: (e) => { clearTimeout(timer); reject(e); } };
      this.worker.postMessage({ type: 'run', job } satisfies HalfRequest);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await this.worker.terminate();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(this.failure);
  }
}

/**
 * The worker's side: keeps the problem it is sent and runs the halves it is asked for.
 *
 * @example
 * parentPort.on('message', (m) => parentPort.postMessage(answerHalf(m)));
 */
export function workerAnswer(): (request: HalfRequest) => HalfReply | null {
  let problem: PlanProblem | null = null;
  return (request) => {
    try {
      if (request.type === 'problem') {
        problem = withTravel(request.data);
        return null;
      }
      if (problem === null) return { type: 'failed', message: 'no problem was sent' };
      // a full collection every 131,072 steps, as the CLI's main thread does (the search's garbage is collected late otherwise)
      const result = runHalf(problem, request.job, (e) => { if (e.done > 0 && e.done % 131_072 === 0) collectGarbage(); });
      collectGarbage(); // the run's states and transactions, before the next round (where the process exposes gc)
      return { type: 'ran', result };
    } catch (e) {
      return { type: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  };
}
