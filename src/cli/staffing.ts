import { clearProgress } from './progress.js';
import { writeCsv } from '../outputs/report/csv.js';
import { writeJson } from '../outputs/report/json.js';
import { measureStaffing } from '../measures/staffing/measure.js';
import { staffingTable } from '../outputs/staffing/table.js';
import type { StaffingResult } from '../measures/staffing/types.js';
import { choice, intFlag, numberFlag, parseFlags, UsageError } from './args.js';
import { ENGINE_FLAGS, ENGINE_HELP, engineSettings } from './engine-flags.js';
import { READ_FLAGS, READ_HELP, readOptions } from './read-flags.js';
import { WINDOW_FLAGS, WINDOW_HELP, windowOptions } from './window-flags.js';

/**
 * The help text of `kontinuitet staffing` (printed by `--help` and `kontinuitet help staffing`).
 *
 * @example
 * process.stdout.write(`${STAFFING_HELP}\n`);
 */
export const STAFFING_HELP = `kontinuitet staffing <file|-> [options]   (- reads standard input)

Double staffing (dubbelbemanning): visits with two or more staff present at once, told apart from
handovers and duplicate registrations; clients with double staffing, the count and share of
double-staffed visits, staff hours on them, each client's staff count with and without the second
staff member, and recurring double-staffed slots, for one window or a monthly series.
By default over the visits the continuity measure counts (07–22, without safety alarms, meal
deliveries and home health care); --all-visits takes every visit of the window, any hour or kind.

${WINDOW_HELP}
  --handover-minutes N   staff together less than N minutes are a handover (default 5)
  --all-visits           every visit in the window, any hour, kind or role (default: as the measure)
  --slot-minutes N       a recurring slot takes visits within ±N minutes of its time (default 30)
  --slot-share X         a recurring slot needs visits on this share of the days (default 0.5)
  --by-group             also per group (hemtjänstgrupp)
  --format F             table (default), json (kontinuitet/staffing@1) or csv (one row per client
                         and window; hours and shares to 4 decimals)
  --lang L               en (default) or sv: labels of the table
${ENGINE_HELP}
${READ_HELP}

Exit status: 0 success, 2 usage error or unreadable input.`;

const CSV_COLUMNS = [
  'from', 'to', 'client', 'group', 'eligible', 'visits', 'double_staffed_visits', 'double_staffed_share', 'handovers', 'duplicate_registrations',
  'staff_hours', 'double_staffed_hours', 'staff_only_at_double_staffed', 'staff_with_second', 'staff_without_second',
];

/**
 * Runs `kontinuitet staffing` with its arguments (after the command name), writing the result to
 * `out`; resolves with the exit status (0). Usage errors throw {@link UsageError}, unreadable
 * input a `KontinuitetError`: the CLI's main turns both into exit status 2.
 *
 * @example
 * await staffingCommand(['visits.csv', '--from', '2024-10-07', '--format', 'json'], process.stdout); // → 0
 */
export async function staffingCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...READ_FLAGS,
    ...WINDOW_FLAGS,
    'handover-minutes': { type: 'string' },
    'all-visits': { type: 'boolean' },
    'slot-minutes': { type: 'string' },
    'slot-share': { type: 'string' },
    'by-group': { type: 'boolean' },
    format: { type: 'string' },
    lang: { type: 'string' },
    ...ENGINE_FLAGS,
  });
  if (values.help) {
    out.write(`${STAFFING_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('staffing needs exactly one input file');
  const format = choice('format', values.format, ['table', 'json', 'csv'] as const) ?? 'table';
  const lang = choice('lang', values.lang, ['en', 'sv'] as const) ?? 'en';
  const handover = numberFlag('handover-minutes', values['handover-minutes']);
  if (handover !== undefined && handover < 0) throw new UsageError(`--handover-minutes must be 0 or more, got "${values['handover-minutes']}"`);
  const slotMinutes = intFlag('slot-minutes', values['slot-minutes'], 0, 720);
  const slotShare = numberFlag('slot-share', values['slot-share']);
  if (slotShare !== undefined && !(slotShare > 0 && slotShare <= 1)) throw new UsageError(`--slot-share must be above 0 and at most 1, got "${values['slot-share']}"`);
  const windows = windowOptions(values);
  const engine = engineSettings(values);
  const result = await measureStaffing(positionals[0] === '-' ? process.stdin : positionals[0]!, {
    ...readOptions(values),
    ...windows,
    ...(values['all-visits'] ? { scope: 'all' as const } : {}),
    ...(slotMinutes !== undefined ? { slotToleranceMinutes: slotMinutes } : {}),
    ...(slotShare !== undefined ? { slotMinDayShare: slotShare } : {}),
    rules: { ...windows.rules, ...(handover !== undefined ? { handoverMinutes: handover } : {}) },
    ...(engine !== undefined ? { engine } : {}),
  });
  clearProgress();
  if (format === 'json') await writeJson(out, result, ['perClient', 'doubleStaffed', 'recurringSlots', 'duplicates']); // rows per client and visit: never one string
  else if (format === 'csv') await writeCsv(out, perClientRows(result), CSV_COLUMNS);
  else out.write(`${staffingTable(result, { lang, byGroup: values['by-group'] === true })}\n`);
  return 0;
}

function* perClientRows(result: StaffingResult): Iterable<Record<string, unknown>> {
  for (const w of result.windows) {
    for (const c of w.perClient) {
      yield {
        from: w.from, to: w.to, client: c.client, group: c.group, eligible: c.eligible, visits: c.visits, double_staffed_visits: c.doubleStaffedVisits,
        double_staffed_share: round4(c.doubleStaffedShare), handovers: c.handovers, duplicate_registrations: c.duplicateRegistrations, staff_hours: round4(c.staffHours),
        double_staffed_hours: round4(c.doubleStaffedHours), staff_only_at_double_staffed: c.staffOnlyAtDoubleStaffed, staff_with_second: c.staffWithSecond,
        staff_without_second: c.staffWithoutSecond,
      };
    }
  }
}

/** Shares and hours in the CSV: 4 decimals (the JSON keeps full precision). */
function round4(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
