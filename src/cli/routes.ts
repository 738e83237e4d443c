import { clearProgress } from './progress.js';
import { writeJson } from '../outputs/report/json.js';
import { writeCsv } from '../outputs/report/csv.js';
import { measureRoutesStreamed, type RoutesOptions, type StreamedRoutesResult } from '../measures/routes/measure.js';
import { readRoadNetwork } from '../measures/routes/roads.js';
import { routesTable } from '../outputs/routes/table.js';
import { choice, intFlag, numberFlag, parseFlags, UsageError } from './args.js';
import { READ_FLAGS, READ_HELP, readOptions } from './read-flags.js';
import { ENGINE_FLAGS, engineSettings } from './engine-flags.js';

/**
 * The help text of `kontinuitet routes` (printed by `--help` and `kontinuitet help routes`).
 *
 * @example
 * process.stdout.write(`${ROUTES_HELP}\n`);
 */
export const ROUTES_HELP = `kontinuitet routes <file|-> [options]   (- reads standard input)

Route efficiency: every staff member's day as a route (visits in start order; a double-staffed
visit, two staff together at least --handover-minutes as in \`staffing\`, counts for each staff
member). Per staff-day: working time, time with clients and its share (brukartid), travel time
and km, waiting, and the detour ratio = travel in the order driven ÷ travel in the best order of
the same stops (same start and end), freely and with each visit starting within ±N minutes of
its actual start (double-staffed visits fixed). Summaries for the municipality, per group and per
staff member. Travel as driven comes from the logged legs (travel_minutes, travel_km) when
present; orders are compared under the distance model: a road network (--roads) or the straight
line × circuity at an average speed.

  --from DATE            first day of one window (YYYY-MM-DD); without it: one window a month
  --every month          a monthly series (the default without --from or --all)
  --anchor A             first-day (default) or first-monday: where a monthly window starts
  --max-windows N        a series keeps at most the latest N windows (default 60)
  --days N               days in a window (default 14)
  --all                  one window over every day of the log
  --roads FILE           road network CSV: from_lat,from_lon,to_lat,to_lon,minutes[,km]
  --circuity X           road km per straight-line km (default 1.3)
  --speed KMH            average speed in km/h (default 40)
  --window-minutes N     ± minutes around each visit's start for the time-window order (default 30)
  --handover-minutes N   staff together less than N minutes are a handover, not double staffing (default 5)
  --base LAT,LON         every day starts and ends at this base
  --group-base G=LAT,LON a group's base (repeatable; wins over --base)
  --search-budget S      seconds the best-order searches of the whole run may take (default
                         60 + 0.001 per staff-day); past it, each further staff-day is solved by
                         the quick heuristic alone (best_search quick, with a warning)
  --format F             table (default), json (kontinuitet/routes@1) or csv (one row per staff-day)
  --lang L               en (default) or sv: labels of the table
  --threads N            threads reading the file (from 8 MB unless given) and evaluating the
                         staff-days (default: the cores, at most 8; 1 = one; the evaluation with
                         --roads one); the figures are the same with any number
  --watchdog S           seconds the threads may go without progress before the run
                         stops with STALLED (default 60)
${READ_HELP}

Exit status: 0 success, 2 usage error or unreadable input.`;

/** The CSV columns: one row per staff-day. */
const CSV_COLUMNS = [
  'from', 'to', 'staff', 'day', 'group', 'visits', 'double_staffed_visits', 'work_start', 'work_end', 'working_minutes', 'client_minutes',
  'client_time_share', 'travel_minutes', 'travel_km', 'travel_source', 'waiting_minutes', 'travel_minutes_per_visit', 'km_per_visit',
  'model_minutes', 'model_km', 'best_minutes', 'best_km', 'best_exact', 'best_search', 'detour_ratio', 'saving_minutes', 'saving_km', 'windows_feasible',
  'best_minutes_windows', 'best_km_windows', 'detour_ratio_windows', 'saving_minutes_windows', 'saving_km_windows', 'reason',
];

function point(flag: string, text: string): [number, number] {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  const lat = Number(m?.[1]), lon = Number(m?.[2]);
  if (m === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new UsageError(`--${flag} must be LAT,LON in degrees, got "${text}"`);
  return [lat, lon];
}

/**
 * Runs `kontinuitet routes` with its arguments (after the command name), writing the result to
 * `out`; resolves with the exit status (0). Usage errors throw {@link UsageError}, unreadable
 * input a `KontinuitetError`: the CLI's main turns both into exit status 2.
 *
 * @example
 * await routesCommand(['visits.csv', '--all', '--format', 'csv'], process.stdout, process.stderr); // → 0
 */
export async function routesCommand(argv: string[], out: NodeJS.WritableStream, _err?: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...READ_FLAGS,
    from: { type: 'string' },
    every: { type: 'string' },
    anchor: { type: 'string' },
    'max-windows': { type: 'string' },
    days: { type: 'string' },
    all: { type: 'boolean' },
    roads: { type: 'string' },
    circuity: { type: 'string' },
    speed: { type: 'string' },
    'window-minutes': { type: 'string' },
    'handover-minutes': { type: 'string' },
    base: { type: 'string' },
    'group-base': { type: 'string', multiple: true },
    'search-budget': { type: 'string' },
    format: { type: 'string' },
    lang: { type: 'string' },
    ...ENGINE_FLAGS,
  });
  if (values.help) {
    out.write(`${ROUTES_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('routes needs exactly one input file');
  const format = choice('format', values.format, ['table', 'json', 'csv'] as const) ?? 'table';
  const lang = choice('lang', values.lang, ['en', 'sv'] as const) ?? 'en';
  const every = choice('every', values.every, ['month'] as const);
  const anchor = choice('anchor', values.anchor, ['first-day', 'first-monday'] as const);
  const days = intFlag('days', values.days, 1, 366);
  const maxWindows = intFlag('max-windows', values['max-windows'], 1, 100_000);
  if ([values.from !== undefined, every !== undefined, values.all === true].filter(Boolean).length > 1) throw new UsageError('give one of --from, --every or --all');
  const circuity = numberFlag('circuity', values.circuity);
  if (circuity !== undefined && circuity < 1) throw new UsageError(`--circuity must be 1 or more, got "${values.circuity}"`);
  const speed = numberFlag('speed', values.speed);
  if (speed !== undefined && speed <= 0) throw new UsageError(`--speed must be above 0, got "${values.speed}"`);
  const windowMinutes = intFlag('window-minutes', values['window-minutes'], 0, 720);
  const handover = numberFlag('handover-minutes', values['handover-minutes']);
  if (handover !== undefined && handover < 0) throw new UsageError(`--handover-minutes must be 0 or more, got "${values['handover-minutes']}"`);
  const budget = numberFlag('search-budget', values['search-budget']);
  if (budget !== undefined && budget < 0) throw new UsageError(`--search-budget must be 0 or more seconds, got "${values['search-budget']}"`);
  const groupBases: Record<string, [number, number]> = {};
  for (const gb of values['group-base'] ?? []) {
    const at = gb.lastIndexOf('=');
    if (at <= 0) throw new UsageError(`--group-base must be GROUP=LAT,LON, got "${gb}"`);
    groupBases[gb.slice(0, at)] = point('group-base', gb.slice(at + 1));
  }
  const options: RoutesOptions = {
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(every !== undefined ? { every } : {}),
    ...(anchor !== undefined ? { anchor } : {}),
    ...(maxWindows !== undefined ? { maxWindows } : {}),
    ...(values.all === true ? { all: true } : {}),
    ...(circuity !== undefined ? { circuity } : {}),
    ...(speed !== undefined ? { speedKmh: speed } : {}),
    ...(windowMinutes !== undefined ? { windowMinutes } : {}),
    ...(budget !== undefined ? { searchBudgetMs: budget * 1000 } : {}),
    ...(values.base !== undefined ? { base: point('base', values.base) } : {}),
    ...(Object.keys(groupBases).length > 0 ? { groupBases } : {}),
    ...(values.roads !== undefined ? { roads: await readRoadNetwork(values.roads) } : {}),
    ...(days !== undefined || handover !== undefined ? {
      rules: { ...(days !== undefined ? { days } : {}), ...(handover !== undefined ? { handoverMinutes: handover } : {}) },
    } : {}),
  };
  const engine = engineSettings(values);
  const result = await measureRoutesStreamed(positionals[0] === '-' ? process.stdin : positionals[0]!, { ...readOptions(values), ...options, ...(engine !== undefined ? { engine } : {}) });
  clearProgress();
  if (format === 'json') await writeJson(out, result, ['routes', 'perStaff']); // a row per staff-day: never one string
  else if (format === 'csv') await writeCsv(out, staffDayRows(result), CSV_COLUMNS);
  else out.write(`${routesTable(result, { lang })}\n`);
  return 0;
}

/** Figures in the CSV: 4 decimals (the JSON keeps full precision). */
const r4 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10_000) / 10_000);

function* staffDayRows(result: StreamedRoutesResult): Iterable<Record<string, unknown>> {
  for (const w of result.windows) {
    for (const d of w.routes) {
      yield {
        from: w.from, to: w.to, staff: d.staff, day: d.day, group: d.group, visits: d.visits, double_staffed_visits: d.doubleStaffedVisits,
        work_start: d.workStart, work_end: d.workEnd, working_minutes: r4(d.workingMinutes), client_minutes: r4(d.clientMinutes),
        client_time_share: r4(d.clientTimeShare), travel_minutes: r4(d.travelMinutes), travel_km: r4(d.travelKm), travel_source: d.travelSource,
        waiting_minutes: r4(d.waitingMinutes), travel_minutes_per_visit: r4(d.travelMinutesPerVisit), km_per_visit: r4(d.kmPerVisit),
        model_minutes: r4(d.modelMinutes), model_km: r4(d.modelKm), best_minutes: r4(d.bestMinutes), best_km: r4(d.bestKm), best_exact: d.bestExact, best_search: d.bestSearch,
        detour_ratio: r4(d.detourRatio), saving_minutes: r4(d.savingMinutes), saving_km: r4(d.savingKm), windows_feasible: d.windowsFeasible,
        best_minutes_windows: r4(d.bestMinutesWindows), best_km_windows: r4(d.bestKmWindows), detour_ratio_windows: r4(d.detourRatioWindows),
        saving_minutes_windows: r4(d.savingMinutesWindows), saving_km_windows: r4(d.savingKmWindows), reason: d.reason,
      };
    }
  }
}
