import { clearProgress, terminalProgress } from './progress.js';
import { writeFile } from 'node:fs/promises';
import { planCsvText, readText } from '../plan/csv.js';
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
never go to such staff). plan.csv has exactly the input's columns and rows; only staff_id changes.
Writes the plan's figures (kontinuitet/plan@1 JSON: before and after by the measure, travel, lower
bounds, the search) to standard output or --json FILE.

  --from DATE                first day of the window (required)
  --out FILE                 write the plan here (required)
  --changes FILE             write the changed rows (line, visit_id, from, to) as CSV
  --json FILE                write the JSON here instead of standard output
  --keep-group               keep every visit inside its home-care group
  --max-travel-increase X    travel may grow by at most this share (default 0.05: +5 %)
  --target N                 stop once the mean is at most N (also the measure's target)
  --time-limit S             stop the search after S seconds (default 30)
  --iterations N             search steps (default 15 × counted rows, at least 20,000)
  --seed N                   seed of the search (default 1): the same seed and steps give the same plan
  --quiet, -q                no progress line (shown on a terminal while the search runs)
  --preset P, --days N, --count-one-staff, --by-overlap   the measure's rules (as for measure)
  --zone ZONE, --delimiter C, --encoding E                 how to read the file (as for measure)

Not yet: --roster FILE (availability from a roster) and --pools K (solver pools).

Exit status: 0 success, 2 usage error or unreadable input.`;

/** Runs `kontinuitet plan`. */
export async function planCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    from: { type: 'string' }, out: { type: 'string', short: 'o' }, changes: { type: 'string' }, json: { type: 'string' },
    'keep-group': { type: 'boolean' }, 'max-travel-increase': { type: 'string' }, target: { type: 'string' },
    'time-limit': { type: 'string' }, iterations: { type: 'string' }, seed: { type: 'string' },
    preset: { type: 'string' }, days: { type: 'string' }, 'count-one-staff': { type: 'boolean' }, 'by-overlap': { type: 'boolean' },
    zone: { type: 'string' }, delimiter: { type: 'string' }, encoding: { type: 'string' },
    roster: { type: 'string' }, pools: { type: 'string' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out.write(`${PLAN_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] === '-') throw new UsageError('plan needs exactly one input file (not standard input: the plan is written from the file again)');
  if (values.from === undefined) throw new UsageError('plan needs --from YYYY-MM-DD (the first day of the window)');
  if (values.out === undefined) throw new UsageError('plan needs --out FILE (where to write the plan)');
  if (values.roster !== undefined) throw new UsageError('--roster is not supported yet: availability comes from the visits (or shift_start/shift_end)');
  if (values.pools !== undefined) throw new UsageError('--pools is not supported yet');
  const window = windowOptions({ from: values.from, preset: values.preset, days: values.days, target: values.target, 'count-one-staff': values['count-one-staff'], 'by-overlap': values['by-overlap'] });
  const delimiter = choice('delimiter', values.delimiter === 'tab' ? '\t' : values.delimiter, [',', ';', '\t'] as const);
  const encoding = choice('encoding', values.encoding, ['utf8', 'latin1'] as const);
  const increase = numberFlag('max-travel-increase', values['max-travel-increase']);
  const timeLimit = numberFlag('time-limit', values['time-limit']);
  const iterations = intFlag('iterations', values.iterations, 0, 1e9);
  const seed = intFlag('seed', values.seed, 0, 2 ** 32 - 1);
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
  };
  const onProgress = terminalProgress(err, values.quiet === true);
  if (onProgress !== undefined) options.onProgress = onProgress;
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
  const { visits: _visits, ...json } = plan;
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (values.json !== undefined) await writeFile(values.json, text);
  else out.write(text);
  const pct = plan.travel.change === null ? 'no travel model' : `travel ${plan.travel.change >= 0 ? '+' : ''}${(plan.travel.change * 100).toFixed(1)} %`;
  err.write(`plan: mean ${fmt(plan.before.mean)} → ${fmt(plan.after.mean)} over ${plan.after.clients} counted clients, ${pct}, ${plan.changes.length} rows reassigned, 0 unassigned; wrote ${safeText(values.out)}\n`);
  return 0;
}

function fmt(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}

function csvField(f: string): string {
  return /[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f;
}
