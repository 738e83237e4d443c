import type { MeasureOptions } from '../measures/continuity/settings.js';
import { choice, intFlag, numberFlag, UsageError } from './args.js';

/** The flags of the windows and rules every measuring command takes (measure, staffing, report, routes). */
export const WINDOW_FLAGS = {
  from: { type: 'string' },
  every: { type: 'string' },
  anchor: { type: 'string' },
  'max-windows': { type: 'string' },
  days: { type: 'string' },
  preset: { type: 'string' },
  target: { type: 'string' },
  'count-one-staff': { type: 'boolean' },
  'by-overlap': { type: 'boolean' },
} as const;

/** Help lines of {@link WINDOW_FLAGS}. */
export const WINDOW_HELP = `  --from DATE            first day of one window (YYYY-MM-DD); without it: one window a month
  --every month          a monthly series (the default without --from)
  --anchor A             first-day (default) or first-monday: where a monthly window starts
  --max-windows N        a series keeps at most the latest N windows (default 60)
  --days N               days in a window (default 14)
  --preset P             kolada (default: ≥ 2 visits every day) or ange (≥ 2 a day on average)
  --target N             target for "share above target" (default 14)
  --count-one-staff      count one staff member per double-staffed visit (default: both)
  --by-overlap           a visit counts when it overlaps 07–22 (default: when it starts then)`;

type WindowValues = { [K in keyof typeof WINDOW_FLAGS]?: (typeof WINDOW_FLAGS)[K]['type'] extends 'boolean' ? boolean | undefined : string | undefined };

/**
 * The measure's window and rule options from {@link WINDOW_FLAGS}; usage errors name the flag (a
 * bad `--from` date is the library's `BAD_OPTION`).
 *
 * @example
 * windowOptions({ from: '2024-10-01', preset: 'ange' }); // → { from: '2024-10-01', rules: { preset: 'ange' } }
 */
export function windowOptions(values: WindowValues): MeasureOptions & { rules: NonNullable<MeasureOptions['rules']> } {
  const every = choice('every', values.every, ['month'] as const);
  if (every !== undefined && values.from !== undefined) throw new UsageError('give either --from (one window) or --every month (a series), not both');
  const anchor = choice('anchor', values.anchor, ['first-day', 'first-monday'] as const);
  const preset = choice('preset', values.preset, ['kolada', 'ange'] as const);
  const days = intFlag('days', values.days, 1, 366);
  const maxWindows = intFlag('max-windows', values['max-windows'], 1, 100_000);
  const target = numberFlag('target', values.target);
  return {
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(every !== undefined ? { every } : {}),
    ...(anchor !== undefined ? { anchor } : {}),
    ...(maxWindows !== undefined ? { maxWindows } : {}),
    ...(target !== undefined ? { target } : {}),
    rules: {
      ...(preset !== undefined ? { preset } : {}),
      ...(days !== undefined ? { days } : {}),
      ...(values['count-one-staff'] ? { countBothStaff: false } : {}),
      ...(values['by-overlap'] ? { inWindowBy: 'overlap' as const } : {}),
    },
  };
}
