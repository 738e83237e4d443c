import { KontinuitetError } from '../errors.js';
import { UsageError } from './args.js';
import { checkCommand, CHECK_HELP } from './check.js';
import { generateCommand, GENERATE_HELP } from './generate.js';
import { keepYoungGenerationSmall } from './heap.js';
import { measureCommand, MEASURE_HELP } from './measure.js';
import { reportCommand, REPORT_HELP } from './report.js';
import { routesCommand, ROUTES_HELP } from './routes.js';
import { staffingCommand, STAFFING_HELP } from './staffing.js';

const HELP = `kontinuitet: staff continuity, double staffing and route efficiency from home-care visit logs

Usage: kontinuitet <command> [options]

Commands:
  measure <file>     the 14-day staff continuity (Kolada U21401/U21402/U21436) with spread measures
  staffing <file>    double staffing: visits, clients, staff hours and the price in continuity
  routes <file>      route efficiency: brukartid, travel, waiting and detour ratios per staff-day
  check <file>       CI gate: exit 1 when a schedule breaks continuity targets
  report <file>      one self-contained HTML report with charts, to open or mail (no network)
  generate           write a synthetic municipality's visit log (seeded, realistic)
  help [command]     this text, or a command's options

Run "kontinuitet <command> --help" for a command's options.`;

type Command = (argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  measure: { run: measureCommand, help: MEASURE_HELP },
  staffing: { run: staffingCommand, help: STAFFING_HELP },
  routes: { run: routesCommand, help: ROUTES_HELP },
  check: { run: checkCommand, help: CHECK_HELP },
  report: { run: reportCommand, help: REPORT_HELP },
  generate: { run: generateCommand, help: GENERATE_HELP },
};

/** Runs the CLI with `argv` (without node and script); returns the exit status. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] !== undefined ? COMMANDS[rest[0]] : undefined;
    out.write(`${topic?.help ?? HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    out.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    err.write(`kontinuitet: unknown command "${name}"\n\n${HELP}\n`);
    return 2;
  }
  try {
    return await command.run(rest, out, err);
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`kontinuitet ${name}: ${e.message}\nRun "kontinuitet ${name} --help" for the options.\n`);
      return 2;
    }
    if (e instanceof KontinuitetError) {
      err.write(`kontinuitet ${name}: ${e.code}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError)) {
      err.write(`kontinuitet ${name}: ${e.message}\n`);
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

// the measure streams a log and keeps little: a small young generation saves memory at no cost in time
if (process.argv[2] === 'measure') keepYoungGenerationSmall();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`kontinuitet: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 70;
  },
);
