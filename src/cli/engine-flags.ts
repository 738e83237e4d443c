import type { EngineSettings } from '../engine-settings.js';
import { intFlag } from './args.js';

/** The flags of the engine's settings, for the commands that read a file through it (measure, staffing, check, report) and routes. */
export const ENGINE_FLAGS = {
  threads: { type: 'string' },
  watchdog: { type: 'string' },
} as const;

/** Help lines of {@link ENGINE_FLAGS}. */
export const ENGINE_HELP = `  --threads N            threads reading the file at once (default: the cores, at most 8; 1 = one);
                         the result is the same with any number
  --watchdog S           seconds the reading threads may go without progress before the run
                         stops with STALLED (default 60)`;

/**
 * The engine's settings from {@link ENGINE_FLAGS} (`--threads` → `threads`, `--watchdog` seconds
 * → `watchdogMs`), or undefined when none is given; usage errors name the flag.
 *
 * @example
 * engineSettings({ threads: '2', watchdog: '30' }); // → { threads: 2, watchdogMs: 30000 }
 */
export function engineSettings(values: { threads?: string | undefined; watchdog?: string | undefined }): EngineSettings | undefined {
  const threads = intFlag('threads', values.threads, 1, 64);
  const watchdog = intFlag('watchdog', values.watchdog, 1, 86_400);
  if (threads === undefined && watchdog === undefined) return undefined;
  return { ...(threads !== undefined ? { threads } : {}), ...(watchdog !== undefined ? { watchdogMs: watchdog * 1000 } : {}) };
}
