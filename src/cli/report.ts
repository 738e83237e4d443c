import { explainContinuity } from '../measures/explain/explain.js';
import { clearProgress } from './progress.js';
import { tell } from '../progress.js';
import { keepYoungGenerationSmall, readsWorkbook, releaseMemory } from './heap.js';
import { existsSync } from 'node:fs';
import { pieces, writeParts, type PagePiece } from './page-file.js';
import { fetchKoladaReference, loadReference, saveReference, type KoladaReference } from '../outputs/report/reference/kolada.js';
import { safeText } from '../safe-text.js';
import { basename, join } from 'node:path';
import { removeFolder, spillFolder } from '../engine/partitions.js';
import { measureForPage } from '../outputs/report/html/measure.js';
import { compactForPage } from '../outputs/report/html/compact.js';
import { pageParts } from '../outputs/report/html/render.js';
import { readRoutesBeside, routeTotals } from '../measures/routes/measure.js';
import { discardAhead, type RoutesAhead } from '../measures/routes/read-threads.js';
import type { Beside } from '../measures/staffing/measure.js';
import { parseDay } from '../windows/parse.js';
import { choice, intFlag, parseFlags, UsageError } from './args.js';
import { ENGINE_FLAGS, ENGINE_HELP, engineSettings } from './engine-flags.js';
import { READ_FLAGS, READ_HELP, readOptions } from './read-flags.js';
import { WINDOW_FLAGS, windowOptions } from './window-flags.js';

/**
 * Staff-days of a window whose best orders the report searches by default (`--route-sample`):
 * a seeded sample when the window has more (about a second of search on a 2M-row log's window). On
 * the 2M-row generated log's days the whole window's detour ratio of sums (1.43) then has a standard
 * error of ~0.004 (±30 min: ~0.0013), but a group's (~16 days of the sample each among 958 groups) ~0.12.
 *
 * @example
 * measureRoutesStreamed(file, { bestOrderSample: REPORT_ROUTE_SAMPLE });
 */
export const REPORT_ROUTE_SAMPLE = 15_000;

/**
 * Threads of the report's route pass unless `--threads` is given: one. The page's route figures are
 * one window's, with a sample of best-order searches; their rows are read beside the measure's
 * evaluation when the measure read the log in threads (a thread of its read lent for it), and one
 * thread evaluates them without a second thread's heap beside the rows (the threads' figures are
 * the same).
 */
const REPORT_ROUTE_THREADS = 1;

/** The read flags' help without the pseudonymisation lines: the report pseudonymises by itself (see below). */
const READ_HELP_REPORT = READ_HELP.replace(/ {2}--pseudonymise[^\n]*\n[^\n]*KONTINUITET_PSEUDONYM_KEY[^\n]*\n/, '');

/**
 * The help text of `kontinuitet report` (printed by `--help` and `kontinuitet help report`).
 *
 * @example
 * process.stdout.write(`${REPORT_HELP}\n`);
 */
export const REPORT_HELP = `kontinuitet report <file|-> --out report.html [options]   (- reads standard input)

One self-contained HTML page to open or mail (no network, no external files): the key figures with
the target and the trend over the monthly series, the distribution of staff per client, groups
side by side, double staffing, continuity indices, route efficiency (when the log has coordinates or
travel legs), a sortable clients table and what was read. The measures read the log once; route
figures take a second pass over a file, for the window detailed (left out for standard input): in a
log read in threads, by a thread of the measures' read while the other evaluates the clients; one
thread evaluates the staff-days unless --threads is given.

  --out FILE, -o FILE    write the report to FILE (default: standard output)
  --from DATE            one window from DATE (YYYY-MM-DD); without it: one window a month
  --every month          a monthly series (the default without --from)
  --anchor A             first-day (default) or first-monday: where a monthly window starts
  --max-windows N        a series keeps at most the latest N windows (default 60)
  --window DATE          the window to detail, by its first day (default: the last one)
  --days N               days in a window (default 14)
  --preset P             kolada (default: ≥ 2 visits every day) or ange (≥ 2 a day on average)
  --target N             the target for staff per client (default 14)
  --count-one-staff      count one staff member per double-staffed visit (default: both)
  --by-overlap           a visit counts when it overlaps 07–22 (default: when it starts then)
  --lang L               sv (default) or en
  --title TEXT           the page title
  --route-sample N|all   the detour ratios and savings from a seeded sample of at most N staff-days
                         of a window (the same days on every run; the page says so), default
                         ${REPORT_ROUTE_SAMPLE} (~1 s of best-order search); all: every staff-day. The other
                         route figures are over every staff-day
  --explain              add "why so many?": the staff each client met by category (contact,
                         regulars, double staffing only, weekends, evenings, occasional) per
                         group, with two counterfactuals (a further pass over the file)
Beside the nation (Kolada's published U21401, U21402, U21436; a yearly survey, not the same days):
  --kommun CODE          the municipality (four digits, e.g. 2260): its figures, the nation's,
                         its peer group's and the quartiles of all municipalities, fetched from
                         Kolada's public API (needs the network)
  --reference FILE       a saved reference: used when FILE exists (offline), else fetched with
                         --kommun and saved to FILE
Clients are shown by pseudonyms (the first 10 hex digits of HMAC-SHA-256(key, id)):
  --pseudonym-key KEY    the key (default: KONTINUITET_PSEUDONYM_KEY, else a random key made for
                         this report, which the report says)
  --show-ids             show the clients' ids from the log instead (the report may then hold
                         personal identity numbers)
Reading the log:
${ENGINE_HELP}
${READ_HELP_REPORT}

Exit status: 0 success, 2 usage error or unreadable input.`;

/**
 * Runs `kontinuitet report` with its arguments (after the command name): measures continuity
 * and double staffing in one pass over the log and writes the HTML report to `--out` (or to
 * `out`); a line on `err` says where it went and how clients are named. Resolves with 0; usage
 * errors throw {@link UsageError}, unreadable input a `KontinuitetError` (exit status 2 in main).
 *
 * @example
 * await reportCommand(['visits.csv', '--out', 'report.html', '--lang', 'en'], process.stdout, process.stderr); // → 0
 */
export async function reportCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...READ_FLAGS,
    ...WINDOW_FLAGS,
    out: { type: 'string', short: 'o' },
    window: { type: 'string' },
    lang: { type: 'string' },
    title: { type: 'string' },
    'show-ids': { type: 'boolean' },
    kommun: { type: 'string' },
    explain: { type: 'boolean' },
    reference: { type: 'string' },
    'route-sample': { type: 'string' },
    ...ENGINE_FLAGS,
  });
  if (values.help) {
    out.write(`${REPORT_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('report needs exactly one input file (or - for standard input)');
  const lang = choice('lang', values.lang, ['sv', 'en'] as const) ?? 'sv';
  const windows = windowOptions(values);
  const engine = engineSettings(values);
  for (const [flag, day] of [['from', values.from], ['window', values.window]] as const) {
    if (day !== undefined && Number.isNaN(parseDay(day))) throw new UsageError(`--${flag} must be a date YYYY-MM-DD, got "${day}"`);
  }
  const routeSample = values['route-sample'] === 'all' ? Infinity : intFlag('route-sample', values['route-sample'], 1, 1e9) ?? REPORT_ROUTE_SAMPLE;
  const showIds = values['show-ids'] === true;
  const flagKey = values['pseudonym-key'];
  if (showIds && flagKey !== undefined) throw new UsageError('give either --show-ids or --pseudonym-key, not both');
  if (flagKey === '') throw new UsageError('--pseudonym-key must not be empty');
  const envKey = process.env.KONTINUITET_PSEUDONYM_KEY;
  const key = showIds ? undefined : flagKey ?? (envKey === undefined || envKey === '' ? undefined : envKey);

  const reference = await referenceFor(values.kommun, values.reference, err);
  const input = positionals[0]!;
  // a file is read by the byte-level reader and the routes' reader, whose garbage is short-lived:
  // V8's young generation is kept small (~25 MB less at 2M rows; as measure and routes do), not
  // for standard input or a workbook (their readers make many objects, slower with it)
  if (input !== '-' && !readsWorkbook([input])) keepSmallOnce();
  // ids are read as they are and pseudonymised when shown, so the reader does not hash them first
  const { pseudonymise: _p, 'pseudonym-key': _k, ...read } = values;
  const reading = readOptions(read);
  // route figures need the coordinate columns the measures do not read: the rows of the one window
  // the page details (the last, or --window), from a file, read by a thread of the measure's read
  // while this one evaluates the clients (the window is known once the log is read), or after
  const routeOptions = (from: string, days: number) => ({
    ...reading,
    from,
    rules: { days },
    ...(routeSample !== Infinity ? { bestOrderSample: routeSample } : {}),
    engine: { ...engine, threads: engine?.threads ?? REPORT_ROUTE_THREADS },
  });
  const detailedOf = <W extends { from: string }>(measured: readonly W[]) => (values.window === undefined ? measured.at(-1) : measured.find((w) => w.from === values.window));
  let ahead: { routes: RoutesAhead; from: string; days: number } | null = null;
  const beside: Beside | undefined = input === '-' ? undefined : async (spare, acc) => {
    const w = detailedOf(acc.reportedWindows().windows.map((r) => r.window));
    if (w === undefined) return;
    const routes = await readRoutesBeside(spare, input, routeOptions(w.from, acc.rules.days));
    ahead = { routes, from: w.from, days: acc.rules.days };
  };
  const results = await pageResults(input === '-' ? process.stdin : input, {
    ...reading,
    ...windows,
    ...(engine !== undefined ? { engine } : {}),
  }, beside);
  releaseMemory(); // the measure's rows, tables and clients, before the next pass (only when the CLI exposes gc)
  const parts = pageParts({ ...results, reference }, {
    lang,
    showIds,
    ...(key !== undefined ? { pseudonymKey: key } : {}),
    ...(values.window !== undefined ? { window: values.window } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    source: input === '-' ? (lang === 'sv' ? 'standardinmatning' : 'standard input') : basename(input),
  });
  // the page's end (the clients table on) needs no routes: written to a file of its own now, while
  // a thread of the measure's read may still read the route rows, and copied after the start
  const folder = spillFolder();
  try {
    const end = join(folder, 'page-end.html');
    tell(reading.onProgress, 'render');
    writeParts(end, parts.tail);
    releaseMemory(); // what the page's end was made of
    const detailed = detailedOf(results.continuity.windows);
    const days = results.continuity.rule.days;
    const readAhead = ahead as { routes: RoutesAhead; from: string; days: number } | null;
    const taken = readAhead !== null && readAhead.from === detailed?.from && readAhead.days === days ? readAhead.routes : null;
    // rows read ahead for another window (none should be) go unread
    if (readAhead !== null && taken === null) discardAhead(readAhead.routes);
    // the totals the page reads, all and per group (no spreads, staff summaries or staff-days)
    const routes = input === '-' || detailed === undefined ? undefined : await routeTotals(taken, input, routeOptions(detailed.from, days));
    releaseMemory(); // the routes' rows and staff-days
    // why so many: the explanation by the definition, with the same windows and rules (a file only)
    const explain = values.explain !== true || input === '-' ? undefined : await explainContinuity(input, { ...reading, ...windows });
    if (values.explain === true && input === '-') err.write('kontinuitet report: --explain needs a file (standard input is read once): left out\n');
    tell(reading.onProgress, 'render');
    const head = parts.head({ routes, explain });
    const page = (function* page(): Generator<PagePiece> {
      yield* head;
      yield { file: end };
    })();
    clearProgress();
    if (values.out === undefined || values.out === '-') for (const part of pieces(page, false)) out.write(part);
    else writeParts(values.out, page);
  } finally {
    removeFolder(folder);
  }
  const where = values.out === undefined || values.out === '-' ? 'standard output' : values.out;
  const names = showIds ? 'client ids shown as they are' : key !== undefined ? 'clients pseudonymised with the given key' : 'clients pseudonymised with a random key for this report';
  err.write(`kontinuitet report: wrote ${safeText(where)} (${results.continuity.windows.length} window${results.continuity.windows.length === 1 ? '' : 's'}; ${names})\n`);
  return 0;
}

/** The reference figures of `--kommun` / `--reference`: a saved file when it exists, else fetched (and saved to the file when given). */
async function referenceFor(kommun: string | undefined, file: string | undefined, err: NodeJS.WritableStream): Promise<KoladaReference | undefined> {
  if (kommun === undefined && file === undefined) return undefined;
  if (kommun !== undefined && !/^\d{4}$/.test(kommun)) throw new UsageError(`--kommun must be a municipality code of four digits (e.g. 2260), got "${kommun}"`);
  if (file !== undefined && existsSync(file)) {
    const saved = await loadReference(file);
    if (kommun !== undefined && saved.municipality.id !== kommun) throw new UsageError(`--reference holds the figures of municipality ${saved.municipality.id}, not ${kommun}`);
    return saved;
  }
  if (kommun === undefined) throw new UsageError('--reference FILE does not exist: give --kommun CODE to fetch the figures into it');
  const fetched = await fetchKoladaReference(kommun);
  if (file !== undefined) {
    await saveReference(file, fetched);
    err.write(`kontinuitet report: saved the reference figures to ${safeText(file)}\n`);
  }
  return fetched;
}

let keptSmall = false;

/** {@link keepYoungGenerationSmall} once a process (it listens for every worker that starts). */
function keepSmallOnce(): void {
  if (keptSmall) return;
  keptSmall = true;
  keepYoungGenerationSmall();
}

/**
 * The measure's results with only what the page reads of each client ({@link compactForPage}):
 * held while the routes read the log, ~20 MB less than the measure's at 2M rows (the clients'
 * indices, the staffing's clients and slots). The measure's own result is let go when this returns:
 * in the command's frame the awaited value would stay referenced (measured: 36 MB of heap still
 * used after a full collection, 14 MB so).
 */
async function pageResults(source: Parameters<typeof measureForPage>[0], options: Parameters<typeof measureForPage>[1], beside?: Beside): Promise<ReturnType<typeof compactForPage<Awaited<ReturnType<typeof measureForPage>>>>> {
  return compactForPage(await measureForPage(source, options, beside));
}
