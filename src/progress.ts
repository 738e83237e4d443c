/**
 * What a long piece of work reports as it goes on (see `ReadOptions.onProgress`): the phase, how
 * much of it is done and, when known, of how much. `read`: bytes of the file read; `evaluate`:
 * the clients being evaluated (no counts); `routes`: staff-days whose best order was searched;
 * `render`: the report page being written (no counts); `plan`: steps of the planner's search; `write`: rows written (generate).
 *
 * @example
 * await measureContinuity('visits.csv', { onProgress: (p) => console.error(p.phase, p.done, p.total) });
 * // read 1048576 257000000 … evaluate 0 null
 */
export interface ProgressEvent {
  phase: 'read' | 'evaluate' | 'routes' | 'render' | 'plan' | 'write';
  /** Bytes read (`read`), staff-days searched (`routes`), search steps taken (`plan`), rows written (`write`), else 0. */
  done: number;
  /** The whole (file size in bytes, staff-days in all), or `null` when not known. */
  total: number | null;
}

/** Tells `onProgress`, when given, what is going on; a listener that throws stops nothing. */
export function tell(onProgress: ((event: ProgressEvent) => void) | undefined, phase: ProgressEvent['phase'], done = 0, total: number | null = null): void {
  if (onProgress === undefined) return;
  try {
    onProgress({ phase, done, total });
  } catch {
    // a progress line is never worth a figure
  }
}
