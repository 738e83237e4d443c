/**
 * Garbage the reading threads make on purpose: a growing array is replaced by one twice its size,
 * and the old one stays in memory until V8 makes a full collection, which a thread whose heap of
 * objects hardly grows seldom does. A 10M-row log's reading thread had ~16 MB of such arrays
 * (its client and staff names, client facts, number tables) at the end of its read.
 */

import { getHeapStatistics } from 'node:v8';

/** Bytes of arrays given up since this thread's last full collection. */
let givenUp = 0;

/** Given up past this, {@link gaveUp} collects. */
export const GIVEN_UP_BYTES = 4 << 20;

/**
 * A full garbage collection when the process exposes one (`node --expose-gc`; the CLI's measure
 * does, cli/heap.ts): called when a thread has read its pieces, so the scanners' hash tables and
 * buffers (several MB per 100,000 ids) are gone before the evaluation, not left to be collected
 * whenever V8 next grows its heap; likewise after the merge (its byte indexes), after each
 * thread's evaluation (its gathered rows) and once the result is made (the merged names, the job,
 * the answers); and by {@link gaveUp}. Without `gc`, nothing.
 *
 * @example
 * collectGarbage(); // after a reader thread's last piece
 */
export function collectGarbage(): void {
  givenUp = 0;
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Notes that an array of `bytes` bytes was given up for a bigger one; once this thread has given
 * up {@link GIVEN_UP_BYTES} (4 MB) since its last full collection, makes one
 * ({@link collectGarbage}: only where the process exposes it). A reading thread's arrays double,
 * so the garbage it holds stays below 4 MB plus one array, at a few collections per read (each a
 * few ms: its heap of objects is small).
 *
 * @example
 * const bigger = new Int32Array(2 * old.length);
 * bigger.set(old);
 * gaveUp(old.byteLength);
 */
export function gaveUp(bytes: number): void {
  givenUp += bytes;
  if (givenUp >= GIVEN_UP_BYTES) collectGarbage();
}

/**
 * A full collection ({@link collectGarbage}) that gives the bytes of V8's heap still in use after
 * it, or null when the process exposes no `gc` (nothing collected). A full collection's time grows
 * with that heap, so a caller that collects now and then can space its collections by it.
 *
 * @example
 * const live = collectGarbageLive(); // → e.g. 18_000_000, or null
 */
export function collectGarbageLive(): number | null {
  givenUp = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  gc();
  return getHeapStatistics().used_heap_size;
}
