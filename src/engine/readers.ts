// The threads of a threaded measure (readInParallel in parallel.ts, behind the engine's door): a reader per thread, started ahead.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PARALLEL_BYTES } from '../engine-settings.js';
import type { ReadOptions } from '../read/types.js';
import type { MeasureOptions } from '../measures/continuity/settings.js';
import { handleRequest, type ThreadReply, type ThreadRequest } from './thread.js';


/** The built worker script next to this module, or null (running from the sources). */
function workerScript(): URL | null {
  const url = new URL('./measure-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * Sends requests to one thread: a worker, or this thread when there is no worker script.
 *
 * @example
 * const reader = new Reader(workerScript()); // then await reader.ask({ type: 'evaluate', job }); await reader.close();
 */
export class Reader {
  private readonly worker: Worker | null;
  /** Settles once the worker runs JavaScript, has failed or has ended: listened for from its creation. */
  private readonly ready: Promise<void>;
  /** The request waiting for the worker's reply (one at a time). */
  private pending: { resolve: (reply: ThreadReply) => void; reject: (e: Error) => void } | null = null;
  /** Why the worker can answer no more (its error or its end), once it cannot. */
  private failure: Error | null = null;
  /** Events from the worker so far (its start, replies, error, end): the watchdog's sign of life. */
  events = 0;

  constructor(script: URL | null) {
    if (script === null) {
      this.worker = null;
      this.ready = Promise.resolve();
      return;
    }
    // a small young generation: a reader makes little garbage, and each worker's heap counts in the process's memory
    const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker = worker;
    // every listener at the creation: a worker may come online, fail or end before the caller's
    // next await is over, and an event nobody listened for then is never seen again
    let started!: () => void;
    this.ready = new Promise((resolve) => { started = resolve; });
    worker.on('online', () => { this.events++; started(); });
    worker.on('message', (reply: ThreadReply) => {
      this.events++;
      const pending = this.pending;
      this.pending = null;
      pending?.resolve(reply);
    });
    worker.on('error', (e: Error) => { this.events++; this.fail(e); started(); });
    worker.on('exit', (code: number) => { this.events++; this.fail(new Error(`a reader thread ended (exit code ${code})`)); started(); });
  }

  ask(request: ThreadRequest): Promise<ThreadReply> {
    const worker = this.worker;
    // in this thread: after the current turn, so the requests to the workers go out first
    if (worker === null) return Promise.resolve().then(() => handleRequest(request));
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.pending !== null) return Promise.reject(new Error('a reader thread answers one request at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      worker.postMessage(request);
    });
  }

  /** Whether requests go to a worker thread (else this thread answers them). */
  get apart(): boolean {
    return this.worker !== null;
  }

  /** Resolves once the worker runs JavaScript (or has failed to start, or ended), whenever asked; at once for this thread. */
  started(): Promise<void> {
    return this.ready;
  }

  close(): Promise<number> | undefined {
    return this.worker?.terminate();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(this.failure);
  }
}

/**
 * The threads of a {@link readInParallel}, started ahead (a worker takes ~100 ms to start, while
 * the calling thread sets up the measure): this thread's reader and a worker per other range.
 *
 * @example
 * const threads = startReaders('national.csv', options, 2); // then readInParallel(…, threads, use), which closes them
 */
export interface ReaderThreads {
  readonly readers: readonly Reader[];
  /** Ends the workers (again: nothing). */
  close(): Promise<void>;
}

/**
 * Starts the threads of {@link readInParallel} for a file, or null when it will be read by one
 * thread: fewer than 2 threads, Windows-1252 (`encoding: 'latin1'`), `onError: 'stop'`, a file
 * under 8 MB unless `engine.threads` is given, or a missing file (the one-thread reader gives the
 * error).
 *
 * @example
 * const threads = startReaders('national.csv', { from: '2024-10-01' }, 2);
 */
export function startReaders(path: string, options: MeasureOptions & ReadOptions, threads: number): ReaderThreads | null {
  if (threads < 2 || options.encoding === 'latin1' || options.onError === 'stop') return null;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  if (options.engine?.threads === undefined && size < PARALLEL_BYTES) return null;
  const script = workerScript();
  // this thread reads the first range itself, into the accumulator the other pieces are merged
  // into: one isolate fewer than a worker per range, and the first piece needs no merging
  const readers = Array.from({ length: threads }, (_, k) => new Reader(k === 0 ? null : script));
  let closed: Promise<void> | null = null;
  return { readers, close: () => (closed ??= Promise.all(readers.map((r) => r.close())).then(() => undefined)) };
}
