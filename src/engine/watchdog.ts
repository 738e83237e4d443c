import { KontinuitetError } from '../errors.js';

/**
 * `work`, or a `STALLED` {@link KontinuitetError} once `progress()` has given the same number for
 * `ms` milliseconds: a wait on other threads never goes on silently for ever. `progress` is a
 * count that grows as the work goes on (messages from the threads, bytes claimed, partitions
 * evaluated). Time in which this thread was itself busy (its event loop blocked, the checks late)
 * counts as progress: the watchdog guards waits, not this thread's own work. The caller stops the
 * threads and removes what they left; `work`, if it ever settles after a stall, is ignored.
 *
 * @example
 * await watched(measureWith(…), 60_000, () => readers.reduce((n, r) => n + r.events, 0));
 * // → its result, or throws KontinuitetError { code: 'STALLED' } after a minute without a sign of life
 */
export async function watched<T>(work: Promise<T>, ms: number, progress: () => number): Promise<T> {
  if (!(ms > 0)) throw new KontinuitetError('BAD_OPTION', 'engine.watchdogMs: must be a number of milliseconds > 0');
  if (ms === Infinity) return work;
  // checked a few times per period (at least every second): a stall is seen within ~1.25 ms × ms
  const every = Math.max(5, Math.min(1000, Math.floor(ms / 4)));
  let timer: ReturnType<typeof setInterval> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    let last = progress();
    let since = Date.now();
    let checked = since;
    timer = setInterval(() => {
      const now = Date.now();
      const seen = progress();
      if (seen !== last || now - checked > 2 * every + 100) {
        last = seen;
        since = now;
      }
      checked = now;
      if (now - since >= ms) reject(new KontinuitetError('STALLED', `the reader threads made no progress for ${ms} ms: the measure was stopped by its watchdog (engine.watchdogMs, --watchdog)`));
    }, every);
  });
  // a stall leaves the work pending or failing later (its threads stopped): never an unhandled rejection
  work.catch(() => undefined);
  try {
    return await Promise.race([work, stalled]);
  } finally {
    clearInterval(timer);
  }
}
