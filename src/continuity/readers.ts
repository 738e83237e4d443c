// The threads of a threaded measure (measureInParallel in parallel.ts): a reader per thread, started ahead.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadOptions } from '../visits/types.js';
import type { MeasureOptions } from './measure.js';
import { handleRequest, type ThreadReply, type ThreadRequest } from './thread.js';

/** Files smaller than this are read by one thread unless `threads` is given. */
const PARALLEL_BYTES = 8 << 20;

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

  constructor(script: URL | null) {
    // a small young generation: a reader makes little garbage, and each worker's heap counts in the process's memory
    this.worker = script === null ? null : new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  }

  ask(request: ThreadRequest): Promise<ThreadReply> {
    const worker = this.worker;
    // in this thread: after the current turn, so the requests to the workers go out first
    if (worker === null) return Promise.resolve().then(() => handleRequest(request));
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => { worker.off('message', onMessage); reject(e); };
      const onMessage = (reply: ThreadReply) => { worker.off('error', onError); resolve(reply); };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(request);
    });
  }

  /** Resolves once the worker runs JavaScript (or has failed to start); at once for this thread. */
  started(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        worker.off('online', done).off('error', done).off('exit', done);
        resolve();
      };
      worker.on('online', done).on('error', done).on('exit', done);
    });
  }

  close(): Promise<number> | undefined {
    return this.worker?.terminate();
  }
}

/**
 * The threads of a {@link measureInParallel}, started ahead (a worker takes ~100 ms to start, while
 * the calling thread sets up the measure): this thread's reader and a worker per other range.
 *
 * @example
 * const threads = startReaders('national.csv', options, 2); // then measureInParallel(…, threads), which closes them
 */
export interface ReaderThreads {
  readonly readers: readonly Reader[];
  /** Ends the workers (again: nothing). */
  close(): Promise<void>;
}

/**
 * Starts the threads of {@link measureInParallel} for a file, or null when it will be read by one
 * thread (see there; a missing file too: the one-thread reader gives the error).
 *
 * @example
 * const threads = startReaders('national.csv', { from: '2024-10-01' }, 2);
 */
export function startReaders(path: string, options: MeasureOptions & ReadOptions, threads: number): ReaderThreads | null {
  if (threads < 2 || options.encoding === 'latin1' || options.onError === 'stop' || options.indices === true) return null;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return null;
  }
  if (options.threads === undefined && size < PARALLEL_BYTES) return null;
  const script = workerScript();
  // this thread reads the first range itself, into the accumulator the other pieces are merged
  // into: one isolate fewer than a worker per range, and the first piece needs no merging
  const readers = Array.from({ length: threads }, (_, k) => new Reader(k === 0 ? null : script));
  let closed: Promise<void> | null = null;
  return { readers, close: () => (closed ??= Promise.all(readers.map((r) => r.close())).then(() => undefined)) };
}
