import { closeSync, openSync, readSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps V8's young generation at its smallest (1 MB semi-spaces) for the rest of the process.
 *
 * V8 doubles the young generation of a thread (up to 16 MB semi-spaces, 33.6 MB in all) each
 * time as many bytes have survived its scavenges as it holds. A measure's reading thread keeps
 * little (names, typed arrays off the heap) and makes short-lived garbage, so the doubling buys
 * it nothing and costs the process ~30 MB of resident memory on a 2M-row log, at the same speed
 * (measured: `test/bench/README.md`). The growth factor is read at each doubling, so setting it
 * to 1 stops the growth; `--max-semi-space-size` would do it too but only on node's command line.
 * V8 raises the factor back to 2 whenever it configures a new isolate, so it is set again each
 * time a worker thread comes online (the measure's and the route figures' threads are waited for
 * until then, `Reader.started` and `TaskThread.started`, so this thread's young generation
 * does not grow in between). Only for a process the CLI owns: the flag is process-wide, and
 * commands that keep many objects (staffing) run slower with it (~15 %); routes keeps its rows in
 * typed arrays, and uses it.
 *
 * @example
 * keepYoungGenerationSmall(); // before a measure reads a big log
 */
export function keepYoungGenerationSmall(): void {
  const lower = () => setFlagsFromString('--semi-space-growth-factor=1');
  lower();
  process.on('worker', (worker) => worker.once('online', lower));
}

/**
 * Gives this thread, and every worker thread started after, V8's full garbage collection as
 * `globalThis.gc` (as `node --expose-gc` does), so a measure's reading threads can drop what the
 * read left behind before the evaluation (`collectGarbage` in the library). Measured at the same
 * speed: peak RSS 140 → 131 MB on the 2M log; on the 10M log the RSS after the read falls by
 * ~30 MB, the peak (reached later) less (`test/bench/README.md`). Workers
 * get it from the flag; this thread's context existed before it, so its `gc` comes from a new
 * context (a full collection is of the whole isolate). Only for a process the CLI owns.
 *
 * @example
 * exposeGarbageCollection(); // then typeof globalThis.gc === 'function', in workers too
 */
export function exposeGarbageCollection(): void {
  setFlagsFromString('--expose-gc');
  const global = globalThis as { gc?: () => void };
  if (typeof global.gc !== 'function') global.gc = runInNewContext('gc') as () => void;
}

/**
 * Two full garbage collections of this thread's heap, when the process exposes `gc`
 * ({@link exposeGarbageCollection}; else nothing): between the passes of a report, whose figures
 * stay while the next pass reads the log, so that what the pass before left is gone before the next
 * one grows. The first frees what the pass dropped; the second gives back the heap's pages the
 * first left empty, which V8 otherwise keeps and grows on. A plain `gc()`: on Node 20 (V8 11.3) the
 * options form `gc({ type: 'major', execution: 'sync', flavor: 'last-resort' })` collects next to
 * nothing.
 *
 * @example
 * releaseMemory(); // after a pass, before the next
 */
export function releaseMemory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

/**
 * Has V8 optimise hot code in the worker threads started after this call on the thread that runs
 * it, as soon as it is hot, instead of queueing it for a background compiler thread (the flag
 * `--no-concurrent-recompilation`; V8 reads it when it sets up an isolate, so it does not change
 * this thread's). A measure keeps every core busy with its reading threads, so the background
 * compiler waits for a core while the code it would replace runs unoptimised; much of a measure's
 * evaluation is such code (one thread alone: 279 ms for the first half of the partitions, 145 ms
 * for the second). Measured on a 2M-row log, 2 cores: 1.85 → 1.80 s median of 14 alternating
 * runs (three rounds, each faster), the same peak RSS (`test/bench/README.md`). Only for a process
 * the CLI owns: the flag is process-wide.
 *
 * @example
 * optimiseWorkersAtOnce(); // before a measure starts its worker threads
 */
export function optimiseWorkersAtOnce(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

/**
 * Whether one of the command's arguments names a file that starts as a zip archive (an Excel
 * workbook), looked at before the command runs (4 bytes per argument that is a readable file).
 *
 * @example
 * readsWorkbook(['visits.xlsx', '--format', 'json']); // → true
 */
export function readsWorkbook(args: readonly string[]): boolean {
  return args.some((arg) => {
    if (arg.startsWith('-')) return false;
    try {
      const fd = openSync(arg, 'r');
      try {
        const head = Buffer.alloc(4);
        return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
      } finally {
        closeSync(fd);
      }
    } catch {
      return false;
    }
  });
}
