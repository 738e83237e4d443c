// A worker thread that answers one request at a time (the route figures' evaluation threads).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KontinuitetError } from '../errors.js';

/**
 * A worker thread running a built script, asked one request at a time: `ask` resolves with its
 * reply, or rejects (`STALLED`) once the worker failed or ended. {@link TaskThread.start} gives
 * null when the script is not built (running from the sources): the caller then does the work in
 * its own thread.
 *
 * @example
 * const t = TaskThread.start<Req, Rep>(new URL('./routes-worker.js', import.meta.url), 'a route evaluation thread');
 * const reply = await t?.ask(request, [request.stops.buffer]); await t?.close();
 */
export class TaskThread<Request, Reply> {
  private pending: { resolve: (reply: Reply) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker, private readonly name: string) {
    worker.on('message', (reply: Reply) => {
      const pending = this.pending;
      this.pending = null;
      pending?.resolve(reply);
    });
    worker.on('error', (e: Error) => this.fail(new KontinuitetError('STALLED', `${name} failed: ${e.message}`)));
    worker.on('exit', (code: number) => this.fail(new KontinuitetError('STALLED', `${name} ended (exit code ${code})`)));
  }

  /** A thread running `script` (null when it is not built); `name` says which thread in errors. */
  static start<Request, Reply>(script: URL, name: string, youngGenerationMb = 8): TaskThread<Request, Reply> | null {
    if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return null;
    return new TaskThread<Request, Reply>(new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } }), name);
  }

  /** Sends `request` (moving the buffers in `transfer`) and resolves with the reply. */
  ask(request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.pending !== null) return Promise.reject(new Error(`${this.name} answers one request at a time`));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request, transfer);
    });
  }

  close(): Promise<number> {
    this.failure ??= new KontinuitetError('STALLED', `${this.name} was closed`);
    return this.worker.terminate();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(e);
  }
}
