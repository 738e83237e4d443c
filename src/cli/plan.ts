import { collectGarbage } from '../engine/garbage.js';
import { clearProgress, terminalProgress } from './progress.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planCsvText, readText } from '../plan/csv.js';
import { solverPoolFiles } from '../plan/pools.js';
import { planContinuity, type PlanOptions } from '../plan/index.js';
import { safeText } from '../safe-text.js';
import { choice, intFlag, numberFlag, parseFlags, UsageError } from './args.js';
import { windowOptions } from './window-flags.js';

export const PLAN_HELP = `kontinuitet plan <file> --from YYYY-MM-DD --out plan.csv [options]

Reassigns staff to the visits of one 14-day window so that counted clients meet fewer staff (Kolada
U21401), every visit kept at its time with its number of staff. Hard rules: nobody at two
overlapping visits (unless the input had that overlap), a staff member works only within their span
that day (first visit start to last visit end, or shift_start–shift_end when given), room for travel
between visits when there are coordinates, roles stay (home health care rows never move; care visits
never go to such staff). With --roster, a rostered staff member works only in their shifts (rows of
theirs outside them stay with them), and staff only in the roster join the plan. plan.csv has
exactly the input's columns and rows; only staff_id changes. Writes the plan's figures
(kontinuitet/plan@1 JSON: before and after by the measure, travel, brukartid, lower bounds, pools,
the search) to standard output or --json FILE.

  --from DATE                first day of the window (required)
  --out FILE                 write the plan here (required)
  --changes FILE             write the changed rows (line, visit_id, from, to) as CSV
  --json FILE                write the JSON here instead of standard output
  --roster FILE              availability from a roster CSV: staff_id, date, shift_start, shift_end
                             (HH:MM or date-time; an end before the start is the next day), optional
                             group and role (Swedish headers too: Personal, Datum, Passtart, Passlut)
  --pools K                  give each counted client's pool: the at most K staff with most of its
                             rows in the plan, and write it for solvers (Timefold, VROOM, OR-Tools)
  --pools-out DIR            where the pool files go (default: next to --out, <name>-pools/)
  --keep-group               keep every visit inside its home-care group
  --max-travel-increase X    travel may grow by at most this share (default 0.05: +5 %)
  --target N                 stop once the mean is at most N (also the measure's target)
  --time-limit S             stop the search after S seconds (default 30)
  --iterations N             search steps (default 15 × counted rows, at least 20,000)
  --seed N                   seed of the search (default 1): the same seed and steps give the same plan
  --threads N                threads of the search: a problem of 20,000 counted rows or more is
                             searched in two halves at once (default 2 on a machine of 2 cores or
                             more; 1 = one after the other); the plan is the same either way
  --quiet, -q                no progress line (shown on a terminal while the search runs)
  --preset P, --days N, --count-one-staff, --by-overlap   the measure's rules (as for measure)
  --zone ZONE, --delimiter C, --encoding E                 how to read the file (as for measure)

Exit status: 0 success, 2 usage error or unreadable input.`;

/**
 * Search steps between two full garbage collections (the search's progress comes every 4,096
 * steps). The search makes short-lived garbage that V8 otherwise collects late: at 2,000 clients
 * ~80 MB stays live while the heap grew to ~500 MB.
 */
const COLLECT_EVERY_STEPS = 4096 * 32;

/** Runs `kontinuitet plan`. */
export async function planCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    from: { type: 'string' }, out: { type: 'string', short: 'o' }, changes: { type: 'string' }, json: { type: 'string' },
    'keep-group': { type: 'boolean' }, 'max-travel-increase': { type: 'string' }, target: { type: 'string' },
    'time-limit': { type: 'string' }, iterations: { type: 'string' }, seed: { type: 'string' }, threads: { type: 'string' },
    preset: { type: 'string' }, days: { type: 'string' }, 'count-one-staff': { type: 'boolean' }, 'by-overlap': { type: 'boolean' },
    zone: { type: 'string' }, delimiter: { type: 'string' }, encoding: { type: 'string' },
    roster: { type: 'string' }, pools: { type: 'string' }, 'pools-out': { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out.write(`${PLAN_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] === '-') throw new UsageError('plan needs exactly one input file (not standard input: the plan is written from the file again)');
  if (values.from === undefined) throw new UsageError('plan needs --from YYYY-MM-DD (the first day of the window)');
  if (values.out === undefined) throw new UsageError('plan needs --out FILE (where to write the plan)');
  const pools = intFlag('pools', values.pools, 1, 1000);
  if (values['pools-out'] !== undefined && pools === undefined) throw new UsageError('--pools-out needs --pools K');
  const window = windowOptions({ from: values.from, preset: values.preset, days: values.days, target: values.target, 'count-one-staff': values['count-one-staff'], 'by-overlap': values['by-overlap'] });
  const delimiter = choice('delimiter', values.delimiter === 'tab' ? '\t' : values.delimiter, [',', ';', '\t'] as const);
  const encoding = choice('encoding', values.encoding, ['utf8', 'latin1'] as const);
  const increase = numberFlag('max-travel-increase', values['max-travel-increase']);
  const timeLimit = numberFlag('time-limit', values['time-limit']);
  const iterations = intFlag('iterations', values.iterations, 0, 1e9);
  const seed = intFlag('seed', values.seed, 0, 2 ** 32 - 1);
  const threads = intFlag('threads', values.threads, 1, 64);
  const options: PlanOptions = {
    ...window,
    from: values.from,
    ...(values.zone !== undefined ? { zone: values.zone } : {}),
    ...(delimiter !== undefined ? { delimiter } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
    ...(values['keep-group'] ? { keepGroup: true } : {}),
    ...(increase !== undefined ? { maxTravelIncrease: increase } : {}),
    ...(timeLimit !== undefined ? { timeLimit } : {}),
    ...(iterations !== undefined ? { iterations } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values.roster !== undefined ? { roster: values.roster } : {}),
    ...(pools !== undefined ? { pools } : {}),
    ...(threads !== undefined ? { engine: { threads } } : {}),
  };
  const show = terminalProgress(err, values.quiet === true);
  let collected = 0;
  options.onProgress = (p) => {
    show?.(p);
    if (p.phase === 'plan' && Math.floor(p.done / COLLECT_EVERY_STEPS) !== collected) {
      collected = Math.floor(p.done / COLLECT_EVERY_STEPS);
      collectGarbage();
    }
  };
  const file = positionals[0]!;
  const plan = await planContinuity(file, options);
  clearProgress();
  const staffByLine = new Map(plan.changes.map((c) => [c.line, c.to]));
  const readBack = { ...(delimiter !== undefined ? { delimiter } : {}), ...(encoding !== undefined ? { encoding } : {}) };
  await writeFile(values.out, planCsvText(await readText(file, readBack), staffByLine, readBack));
  if (values.changes !== undefined) {
    const lines = ['line,visit_id,from,to', ...plan.changes.map((c) => [String(c.line), c.visitId, c.from, c.to].map(csvField).join(','))];
    await writeFile(values.changes, `${lines.join('\n')}\n`);
  }
  let poolsNote = '';
  if (pools !== undefined) {
    const dir = values['pools-out'] ?? `${values.out.replace(/\.csv$/i, '')}-pools`;
    const files = solverPoolFiles(plan);
    await mkdir(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, `${name}.json`), `${JSON.stringify(content, null, 2)}\n`);
    poolsNote = `; pools in ${safeText(dir)}`;
  }
  for (const issue of plan.roster?.issues.slice(0, 10) ?? []) err.write(`plan: ${safeText(issue.message)}\n`);
  if (plan.roster !== undefined && plan.roster.rejected > 10) err.write(`plan: … and ${plan.roster.rejected - 10} more roster rows rejected (all in the JSON's roster.issues)\n`);
  const { visits: _visits, countedRows: _rows, ...json } = plan;
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (values.json !== undefined) await writeFile(values.json, text);
  else out.write(text);
  if (plan.roster !== undefined) poolsNote = `; roster rows ${plan.roster.used} used, ${plan.roster.rejected} rejected${poolsNote}`;
  const pct = plan.travel.change === null ? 'no travel model' : `travel ${plan.travel.change >= 0 ? '+' : ''}${(plan.travel.change * 100).toFixed(1)} %`;
  err.write(`plan: mean ${fmt(plan.before.mean)} → ${fmt(plan.after.mean)} over ${plan.after.clients} counted clients, ${pct}, ${plan.changes.length} rows reassigned, 0 unassigned; wrote ${safeText(values.out)}${poolsNote}\n`);
  return 0;
}

function fmt(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}

function csvField(f: string): string {
  return /[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f;
}
