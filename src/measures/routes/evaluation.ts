// A window's staff-days evaluated in batches (batch.ts): in this thread, or shared with worker threads.
import { tell } from '../../progress.js';
import { TaskThread } from '../../engine/task-thread.js';
import type { ReadOptions } from '../../read/types.js';
import type { DayWindow } from '../../windows/windows.js';
import type { LocalZone } from '../../windows/zone.js';
import { batchBuffers, evaluateBatch, packDays, type BatchSettings, type DayBatch } from './batch.js';
import type { DistanceModel, LatLon } from './distance.js';
import type { RouteRows } from './rows.js';
import type { StaffDayOrder } from './staffDayOrder.js';
import { CORE } from './packedDay.js';
import type { StaffDays } from './staffdays.js';

/**
 * The young generation of a route evaluation thread (MB): its garbage is a day's search at a time,
 * so a small one is as fast, and its isolate held ~8 MB less than with 8 (2M-row log: worker heap 21.5 → 13.6 MB).
 */
const WORKER_YOUNG_MB = 2;

/** Staff-days in a batch: a few milliseconds of work for model figures, more with searches. */
const BATCH_DAYS = 256;

/**
 * Staff-days in a batch this thread evaluates while workers share the window: fewer, so that it
 * answers the workers' replies with their next batches sooner (a worker waits while this thread
 * is inside a batch of its own).
 */
const HERE_DAYS = 32;

/**
 * Batches a worker has been sent and not yet answered: enough that it has work at hand while this
 * thread searches a long day of its own (tens of milliseconds on the 2M-row log's busiest days).
 */
const IN_FLIGHT = 4;

/** The run's search budget and progress, shared by its windows. */
export interface EvaluationClock {
  /** When the search budget ends (epoch ms). */
  deadline: number;
  /** Staff-days solved quick (past the budget). */
  quick: number;
  done: number;
  total: number;
}

/** What every window of a run is evaluated with. */
export interface EvaluationContext {
  rows: RouteRows;
  order: StaffDayOrder;
  zone: LocalZone;
  model: DistanceModel;
  /** The straight-line model's settings a worker rebuilds it from; null for a model that stays in this thread (roads). */
  straight: { circuity?: number; speedKmh?: number } | null;
  search: Omit<BatchSettings, 'deadline' | 'quick'>;
  baseOf: (group: number) => LatLon | null;
  clock: EvaluationClock;
  onProgress: ReadOptions['onProgress'];
}

/** A request to a route evaluation thread: a batch, its settings and the straight-line model's. */
export interface BatchRequest {
  batch: DayBatch;
  settings: BatchSettings;
  straight: { circuity?: number; speedKmh?: number };
}

/** A route evaluation thread's answer: the batch given back (its buffers moved back) with its figures, and how many days were solved quick. */
export type BatchReply = { type: 'done'; batch: DayBatch; quick: number } | { type: 'failed'; message: string };

/** A window's staff-days handed out in batches and their figures kept in `days` as they come. */
class WindowRun {
  private next = 0;
  /** Each staff-day's number in the order's `dayFirst`. */
  private readonly runs: Int32Array;
  private readonly end: number;
  /** Batches whose figures were kept: their arrays are packed again (no new buffers per batch for the allocator to hold). */
  private readonly spare: DayBatch[] = [];

  constructor(private readonly ctx: EvaluationContext, w: DayWindow, private readonly days: StaffDays, private readonly sample: Uint8Array | null) {
    this.end = w.dayStarts[w.days]!;
    const runs = this.runs = new Int32Array(days.length);
    let k = 0;
    ctx.rows.eachStaffDay(ctx.order, w, (s, _a, _b, day, run) => {
      days.staff[k] = s;
      days.day[k] = day;
      runs[k++] = run;
    });
  }

  /** The next batch of up to `size` staff-days (and its first staff-day), or null when every one was handed out. */
  take(size = BATCH_DAYS): { from: number; batch: DayBatch } | null {
    const from = this.next;
    if (from >= this.days.length) return null;
    const to = this.next = Math.min(this.days.length, from + size);
    const { rows, order, baseOf } = this.ctx;
    return { from, batch: packDays(rows, order, this.runs, from, to, this.end, this.sample, baseOf, this.days.group, this.spare.pop() ?? null) };
  }

  /** Hands out no more batches (a thread failed: the others stop after the batch they have). */
  abandon(): void {
    this.next = this.days.length;
  }

  /** The settings of the next batch evaluated: the budget as it stands. */
  settings(): BatchSettings {
    const { clock, search } = this.ctx;
    return { ...search, deadline: clock.deadline, quick: clock.quick > 0 };
  }

  /** Keeps the figures of `batch`, which began at staff-day `from` (`quick` of its days solved quick); its arrays are kept for another. */
  store(from: number, batch: DayBatch, quick: number): void {
    const { days, ctx } = this;
    for (let j = 0; j < batch.days; j++) days.setFigures(from + j, batch.cores, CORE * j);
    this.spare.push(batch);
    ctx.clock.quick += quick;
    ctx.clock.done += batch.days;
    tell(ctx.onProgress, 'routes', ctx.clock.done, ctx.clock.total);
  }
}

/**
 * The route figures of every staff-day of window `w` into `days` (made for its staff-days, in the
 * order of the routes: staff id, then day), in this thread.
 *
 * @example
 * evaluateWindow(ctx, window, new StaffDays(count, staffNames, groupNames, zone), sample);
 */
export function evaluateWindow(ctx: EvaluationContext, w: DayWindow, days: StaffDays, sample: Uint8Array | null): StaffDays {
  const run = new WindowRun(ctx, w, days, sample);
  for (let b = run.take(); b !== null; b = run.take()) run.store(b.from, b.batch, evaluateBatch(b.batch, ctx.model, run.settings()));
  return days;
}

/**
 * {@link evaluateWindow} with `threads` sharing the batches: each takes the next batch when done
 * with one, this thread too (between batches it lets the workers' answers in). The figures are
 * those of one thread; a day's being solved quick depends on the time, as in one thread.
 *
 * @example
 * await evaluateWindowInThreads(ctx, window, days, sample, threads);
 */
export async function evaluateWindowInThreads(ctx: EvaluationContext, w: DayWindow, days: StaffDays, sample: Uint8Array | null,
  threads: readonly TaskThread<BatchRequest, BatchReply>[]): Promise<StaffDays> {
  const straight = ctx.straight;
  if (straight === null || threads.length === 0) return evaluateWindow(ctx, w, days, sample);
  const run = new WindowRun(ctx, w, days, sample);
  // batches in flight per worker: it has the next at hand while this thread evaluates its own
  const inWorker = async (t: TaskThread<BatchRequest, BatchReply>) => {
    const send = () => {
      const b = run.take();
      if (b === null) return null;
      const { batch } = b;
      const reply = t.ask({ batch, settings: run.settings(), straight }, batchBuffers(batch));
      reply.catch(() => undefined); // awaited in turn; one failing meanwhile is no unhandled rejection
      return { from: b.from, reply };
    };
    const sent: NonNullable<ReturnType<typeof send>>[] = [];
    while (sent.length < IN_FLIGHT - 1) {
      const b = send();
      if (b === null) break;
      sent.push(b);
    }
    for (let first = sent.shift(); first !== undefined; first = sent.shift()) {
      const next = send(); // sent while `first` is awaited: IN_FLIGHT in all
      if (next !== null) sent.push(next);
      const reply = await first.reply;
      if (reply.type === 'failed') throw new Error(`a route evaluation thread failed: ${reply.message}`);
      run.store(first.from, reply.batch, reply.quick);
    }
  };
  const here = async () => {
    for (let b = run.take(HERE_DAYS); b !== null; b = run.take(HERE_DAYS)) {
      run.store(b.from, b.batch, evaluateBatch(b.batch, ctx.model, run.settings()));
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([...threads.map(inWorker), here()]);
  } catch (e) {
    run.abandon();
    throw e;
  }
  return days;
}

/**
 * `count` route evaluation threads (worker threads of the built package; none from the sources,
 * which have no worker script).
 *
 * @example
 * const workers = startEvaluationThreads(1);
 * await evaluateWindowInThreads(ctx, w, days, sample, workers);
 * await Promise.all(workers.map((t) => t.close()));
 */
export function startEvaluationThreads(count: number): TaskThread<BatchRequest, BatchReply>[] {
  const script = new URL('./routes-worker.js', import.meta.url);
  return Array.from({ length: Math.max(0, count) }, () => TaskThread.start<BatchRequest, BatchReply>(script, 'a route evaluation thread', WORKER_YOUNG_MB))
    .filter((t) => t !== null);
}
