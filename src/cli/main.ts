import { endProgress } from './progress.js';
import { removeSpills } from '../engine/partitions.js';
import { KontinuitetError } from '../errors.js';
import { bounded, safeLines, safeText } from '../safe-text.js';
import { UsageError } from './args.js';
import { exposeGarbageCollection, keepYoungGenerationSmall, optimiseWorkersAtOnce, readsWorkbook } from './heap.js';

const HELP = `kontinuitet: staff continuity, double staffing and route efficiency from home-care visit logs

Usage: kontinuitet <command> [options]

Commands:
  measure <file>     the 14-day staff continuity (Kolada U21401/U21402/U21436) with spread measures
  staffing <file>    double staffing: visits, clients, staff hours and the price in continuity
  routes <file>      route efficiency: brukartid, travel, waiting and detour ratios per staff-day
  explain <file>     why each client met the staff they met: the count split into categories
  compare <a> <b>    two schedules side by side: the change, moved staff, visits in one only
  check <file>       CI gate: exit 1 when a schedule breaks continuity targets
  report <file>      one self-contained HTML report with charts, to open or mail (no network)
  plan <file>        reassign staff toward fewer staff per client (every visit covered, rules kept)
  generate           write a synthetic municipality's visit log (seeded, realistic)
  sql                print the continuity rule as one SQL query (DuckDB, PostgreSQL) for logs in a database
  sample             write the README's sample visit log (to try the commands on)
  help [command]     this text, or a command's options

Run "kontinuitet <command> --help" for a command's options.`;

type Command = (argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream) => Promise<number>;

/**
 * Each command's module, loaded when the command runs (a measure does not load the routing
 * graph, the CSV writer or the HTML report): its run function and help text.
 */
const COMMANDS: Record<string, () => Promise<{ run: Command; help: string }>> = {
  measure: async () => { const m = await import('./measure.js'); return { run: m.measureCommand, help: m.MEASURE_HELP }; },
  staffing: async () => { const m = await import('./staffing.js'); return { run: m.staffingCommand, help: m.STAFFING_HELP }; },
  routes: async () => { const m = await import('./routes.js'); return { run: m.routesCommand, help: m.ROUTES_HELP }; },
  explain: async () => { const m = await import('./explain.js'); return { run: m.explainCommand, help: m.EXPLAIN_HELP }; },
  compare: async () => { const m = await import('./explain.js'); return { run: m.compareCommand, help: m.COMPARE_HELP }; },
  check: async () => { const m = await import('./check.js'); return { run: m.checkCommand, help: m.CHECK_HELP }; },
  report: async () => { const m = await import('./report.js'); return { run: m.reportCommand, help: m.REPORT_HELP }; },
  plan: async () => { const m = await import('./plan.js'); return { run: m.planCommand, help: m.PLAN_HELP }; },
  generate: async () => { const m = await import('./generate.js'); return { run: m.generateCommand, help: m.GENERATE_HELP }; },
  sql: async () => { const m = await import('./sql.js'); return { run: m.sqlCommand, help: m.SQL_HELP }; },
  sample: async () => { const m = await import('./sample.js'); return { run: m.sampleCommand, help: m.SAMPLE_HELP }; },
};

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : undefined;
    out.write(`${topic === undefined ? HELP : (await topic()).help}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    out.write(`${VERSION}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) {
    err.write(`kontinuitet: unknown command "${safeText(name)}"\n\n${HELP}\n`);
    return 2;
  }
  const command = await load();
  try {
    const status = await command.run(rest, out, err);
    endProgress();
    return status;
  } catch (e) {
    endProgress();
    // every message may hold input (a flag's value, a file name, a header): printed safe
    if (e instanceof UsageError) {
      err.write(`kontinuitet ${name}: ${safeText(e.message)}\nRun "kontinuitet ${name} --help" for the options.\n`);
      return 2;
    }
    if (e instanceof KontinuitetError) {
      err.write(`kontinuitet ${name}: ${e.code}: ${safeText(e.message)}\n`);
      return 2;
    }
    if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError)) {
      err.write(`kontinuitet ${name}: ${bounded(safeText(e.message))}\n`);
      return 2;
    }
    throw e;
  }
}

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// stopped by a signal: the spill folders go first, then the conventional status (128 + the signal's number)
for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    removeSpills();
    process.exit(status);
  });
}

// the measure streams a log and keeps little: a small young generation saves memory at no cost
// in time, and a full collection after each thread's read drops what the read left behind; its
// worker threads optimise their hot code at once (the cores are all busy reading)
// (not for an Excel workbook: its reader makes objects by the cell, and with a small young
// generation their collection takes most of the time: 100k rows 11.9 → 8.3 s of CPU)
const workbook = readsWorkbook(process.argv.slice(3));
if (process.argv[2] === 'measure') {
  if (!workbook) keepYoungGenerationSmall();
  exposeGarbageCollection();
  optimiseWorkersAtOnce();
}
// staffing reads as the measure does and keeps its clients' results as objects: the measure's
// collections after each thread's read, and its workers' hot code optimised at once, but its young
// generation as V8 sizes it (kept small, its evaluation's objects took longer)
if (process.argv[2] === 'staffing') {
  exposeGarbageCollection();
  optimiseWorkersAtOnce();
}
// routes keeps its rows and staff-days in typed arrays, not objects: the same two settings
if (process.argv[2] === 'routes') {
  if (!workbook) keepYoungGenerationSmall();
  exposeGarbageCollection();
}
// the report collects between its passes and while it writes the page (its young generation
// stays: the page's pieces are objects and strings, and standard input goes through the general reader)
if (process.argv[2] === 'report') exposeGarbageCollection();
// the planner's search collects now and then (cli/plan.ts): its garbage is short-lived
if (process.argv[2] === 'plan') exposeGarbageCollection();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`kontinuitet: internal error: ${safeLines(e instanceof Error ? e.stack ?? e.message : String(e))}\n`);
    process.exitCode = 70;
  },
);
