import type { ProgressEvent } from '../progress.js';

/** The terminal line of a long run, and whether anything is on it. */
interface Line {
  stream: NodeJS.WriteStream;
  shown: boolean;
  last: number;
  started: number;
}

let line: Line | null = null;

/** Wait this long before the first line (a short run prints none) and between two updates. */
const FIRST_MS = 700;
const EVERY_MS = 200;

const PHASES: Record<ProgressEvent['phase'], string> = {
  read: 'reading',
  evaluate: 'evaluating the clients',
  routes: 'searching the best order of every staff-day',
  render: 'writing the report',
  plan: 'searching for a plan',
  write: 'writing rows',
};

const MB = 1_000_000;
const group = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * One line for a progress event: `reading 48 % (123 of 257 MB)`, `searching the best order of
 * every staff-day: 12,000 of 359,520`, `evaluating the clients`.
 */
export function progressText(p: ProgressEvent): string {
  const phase = PHASES[p.phase];
  if (p.phase === 'read' && p.total !== null && p.total > 0) {
    return `${phase} ${Math.min(100, Math.floor((100 * p.done) / p.total))} % (${group(p.done / MB)} of ${group(p.total / MB)} MB)`;
  }
  if (p.phase === 'routes' && p.total !== null) return `${phase}: ${group(p.done)} of ${group(p.total)}`;
  if (p.phase === 'write') return `${phase}: ${group(p.done)}`;
  if (p.phase === 'plan' && p.total !== null) return `${phase}: step ${group(p.done)} of at most ${group(p.total)}`;
  return phase;
}

/**
 * The `onProgress` of a command: a line on standard error, rewritten in place, when standard error
 * is a terminal and `quiet` is not set (else `undefined`: nothing is shown). Nothing shows in the
 * first 0.7 s, so a short run prints no line; {@link clearProgress} removes it (before a warning,
 * an error or the command's last words).
 *
 * @example
 * const onProgress = terminalProgress(process.stderr, values.quiet === true);
 */
export function terminalProgress(stream: NodeJS.WritableStream, quiet: boolean, now: () => number = Date.now): ((p: ProgressEvent) => void) | undefined {
  const tty = stream as NodeJS.WriteStream;
  if (quiet || tty.isTTY !== true) return undefined;
  // a command reading twice (report: the measures, then the routes) keeps one line
  const mine: Line = line?.stream === tty ? line : { stream: tty, shown: false, last: 0, started: now() };
  line = mine;
  return (p) => {
    const t = now();
    if (line !== mine || t - mine.started < FIRST_MS || t - mine.last < EVERY_MS) return;
    mine.last = t;
    mine.shown = true;
    const width = Math.max(40, (tty.columns || 80) - 1);
    tty.write(`\r\x1b[Kkontinuitet: ${progressText(p)}`.slice(0, width + 4));
  };
}

/** Removes the progress line, if one is shown (the next output starts on a clean line). */
export function clearProgress(): void {
  if (line?.shown === true) line.stream.write('\r\x1b[K');
  if (line !== null) line.shown = false;
}

/** Ends the progress line of the command: cleared, and no more updates. */
export function endProgress(): void {
  clearProgress();
  line = null;
}
