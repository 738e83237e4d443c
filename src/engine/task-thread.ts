// A worker thread that answers requests in the order they were sent (the route figures' evaluation threads).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KontinuitetError } from '../errors.js';

/**
 * A worker thread running a built script that answers each request in turn: `ask` resolves with
 * its reply (several may be waiting, so the worker has the next at hand when it answers one), or
 * rejects (`STALLED`) once the worker failed or ended. {@link TaskThread.start} gives
 * null when the script is not built (running from the sources): the caller then does the work in
 * its own thread.
 *
 * @example
 * const t = TaskThread.start<Req, Rep>(new URL('./routes-worker.js', import.meta.url), 'a route evaluation thread');
 * const reply = await t?.ask(request, [request.stops.buffer]); await t?.close();
 */
export class TaskThread<Request, Reply> {
  /** The requests sent and not yet answered, oldest first. */
  private readonly pending: { resolve: (reply: Reply) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;
  private readonly running: Promise<void>;

  private constructor(private readonly worker: Worker, private readonly name: string) {
    this.running = new Promise((resolve) => {
      worker.once('online', () => resolve());
      worker.once('exit', () => resolve());
    });
    worker.on('message', (reply: Reply) => this.pending.shift()?.resolve(reply));
    worker.on('error', (e: Error) => this.fail(new KontinuitetError('STALLED', `${name} failed: ${e.message}`)));
    worker.on('exit', (code: number) => this.fail(new KontinuitetError('STALLED', `${name} ended (exit code ${code})`)));
  }

  /** A thread running `script` (null when it is not built); `name` says which thread in errors. */
  static start<Request, Reply>(script: URL, name: string, youngGenerationMb = 8): TaskThread<Request, Reply> | null {
    if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return null;
    return new TaskThread<Request, Reply>(new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } }), name);
  }

  /**
   * Resolves once the thread runs its script, its heap set up (or once it ended). V8 sets some
   * process-wide flags back when it sets up a thread's heap (the young generation's growth factor,
   * which the CLI keeps at 1): a caller that waits for this before its own heavy work lets the
   * CLI set them again first (it does on the worker's `online`).
   *
   * @example
   * await Promise.all(threads.map((t) => t.started()));
   */
  started(): Promise<void> {
    return this.running;
  }

  /** Sends `request` (moving the buffers in `transfer`) and resolves with the reply. */
  ask(request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage(request, transfer);
    });
  }

  close(): Promise<number> {
    this.failure ??= new KontinuitetError('STALLED', `${this.name} was closed`);
    return this.worker.terminate();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const pending of this.pending.splice(0)) pending.reject(e);
  }
}
