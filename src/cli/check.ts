import { clearProgress } from './progress.js';
import { appendFileSync, writeFileSync } from 'node:fs';
import { safeText } from '../safe-text.js';
import { relative, resolve, sep } from 'node:path';
import { findCheckConfig, loadCheckConfig, parseCheckConfig } from '../outputs/check/config.js';
import { checkJunit, githubAnnotations } from '../outputs/check/format-ci.js';
import { checkMarkdown, checkTable } from '../outputs/check/format-text.js';
import { checkSchedule } from '../outputs/check/schedule.js';
import type { CheckConfig, CheckReport, Figure, Targets, Tolerance, WarnWithin } from '../outputs/check/types.js';
import { parseDay } from '../windows/parse.js';
import { choice, intFlag, numberFlag, parseFlags, UsageError } from './args.js';
import { ENGINE_FLAGS, ENGINE_HELP, engineSettings } from './engine-flags.js';
import { READ_FLAGS, READ_HELP, readOptions } from './read-flags.js';

export const CHECK_HELP = `kontinuitet check <file|-> [options]   (- reads standard input)

A CI gate: checks a schedule export (or any visit log) against continuity targets and exits 1 when
one fails. Targets come from kontinuitet.config.json in the working directory (or --config FILE;
JSON schema: config.schema.json in the package) and from flags, which override the config.

Window and rules (as in measure):
  --from DATE            first day of the window (default: the first local day of the log)
  --every month          one window per month the log covers; every window must pass
  --anchor A             first-day (default) or first-monday, with --every month
  --days N               days in a window (default 14)
  --preset P             kolada (default) or ange
  --count-one-staff      count one staff member per double-staffed visit (default: both)
  --by-overlap           a visit counts when it overlaps 07–22 (default: when it starts then)

Targets (upper limits unless said):
  --target-mean N        mean staff per client (Kolada U21401), e.g. 14
  --target-median N      median staff per client (U21402)
  --max-share-above-20 X share (0–1) of clients meeting more than 20 staff (U21436)
  --max-staff N          staff for any one client; the clients above it are listed
  --min-contact-share X  lower limit on the contact-person share: mean over clients with a listed
                         contact person of the share of visits the contact person was at
  --max-rejected-share X share of rejected rows (default 0: any bad row fails)
  --by-group             also check every group (per-group overrides live in the config)
  --warn-within N[,X]    warn when a target holds by no more than N staff [or X share]

Compare mode:
  --baseline FILE        the previous export: report how every figure changed
  --tolerance K=V[,…]    fail when a figure worsens by more than V: mean, median, shareAbove20,
                         maxStaff, contactShare, rejectedShare (e.g. mean=0.5,shareAbove20=0.02)

Output:
  --config FILE          the config file (default: ./kontinuitet.config.json when present)
  --format F             table (default), json (kontinuitet/check@1), github (annotations and,
                         when GITHUB_STEP_SUMMARY is set, a job-summary table) or junit (XML)
  --out FILE             write the report (github: the Markdown summary) to FILE; the table
                         then goes to standard output
  --show-ids             name clients by their id (default: the line of their first row, or the
                         pseudonym with --pseudonymise)
${ENGINE_HELP}
${READ_HELP}

Exit status: 0 every target holds (warnings allowed), 1 a target or baseline tolerance fails,
2 usage, config or unreadable input error.`;

const FIGURE_NAMES: readonly Figure[] = ['mean', 'median', 'shareAbove20', 'maxStaff', 'contactShare', 'rejectedShare'];

const TARGET_FLAGS = {
  'target-mean': { key: 'mean', share: false },
  'target-median': { key: 'median', share: false },
  'max-share-above-20': { key: 'shareAbove20', share: true },
  'max-staff': { key: 'maxStaff', share: false },
  'min-contact-share': { key: 'minContactShare', share: true },
  'max-rejected-share': { key: 'maxRejectedShare', share: true },
} as const;

/** Runs `kontinuitet check`; returns 0 (all targets hold), 1 (a target fails); throws on usage, config or input errors (exit 2). */
export async function checkCommand(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...READ_FLAGS,
    config: { type: 'string' },
    from: { type: 'string' },
    every: { type: 'string' },
    anchor: { type: 'string' },
    days: { type: 'string' },
    preset: { type: 'string' },
    'count-one-staff': { type: 'boolean' },
    'by-overlap': { type: 'boolean' },
    'by-group': { type: 'boolean' },
    'target-mean': { type: 'string' },
    'target-median': { type: 'string' },
    'max-share-above-20': { type: 'string' },
    'max-staff': { type: 'string' },
    'min-contact-share': { type: 'string' },
    'max-rejected-share': { type: 'string' },
    'warn-within': { type: 'string' },
    baseline: { type: 'string' },
    tolerance: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'show-ids': { type: 'boolean' },
    ...ENGINE_FLAGS,
  });
  if (values.help) {
    out.write(`${CHECK_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('check needs exactly one input file (or - for standard input)');
  const format = choice('format', values.format, ['table', 'json', 'github', 'junit'] as const) ?? 'table';
  const read = readOptions(values);
  const engine = engineSettings(values);

  const flagTargets: Targets = {};
  for (const [flag, { key, share }] of Object.entries(TARGET_FLAGS)) {
    const v = limitFlag(flag, values[flag as keyof typeof TARGET_FLAGS], share);
    if (v !== undefined) flagTargets[key] = v;
  }
  const configPath = values.config ?? findCheckConfig(process.cwd());
  if (configPath === null && Object.keys(flagTargets).length === 0) {
    throw new UsageError('no targets: put kontinuitet.config.json in the working directory, give --config FILE, or give target flags (--target-mean 14, --max-staff 20, …)');
  }
  const file = configPath === null ? null : await loadCheckConfig(configPath);
  if (configPath !== null) err.write(`kontinuitet check: targets from ${safeText(configPath)}\n`);
  const config = mergeFlags(file, flagTargets, values);

  const input = positionals[0]!;
  const report = await checkSchedule(input === '-' ? process.stdin : input, config, {
    read,
    ...(engine !== undefined ? { engine } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values['show-ids'] ? { clientRef: (id: string) => id } : read.pseudonymise !== undefined ? { clientRef: (id: string) => `pseudonym ${id}` } : {}),
  });
  clearProgress();
  writeReport(report, format, { out, err, path: values.out, input: input === '-' ? undefined : repoPath(input) });
  return report.status === 'fail' ? 1 : 0;
}

/** The config with the flags laid over it, validated as a whole (a flag wins over the config). */
function mergeFlags(file: CheckConfig | null, flagTargets: Targets, values: Record<string, string | boolean | string[] | undefined>): CheckConfig {
  const str = (k: string) => values[k] as string | undefined;
  const merged: Record<string, unknown> = { ...file, targets: { ...file?.targets, ...flagTargets } };
  const from = str('from');
  if (from !== undefined) {
    if (Number.isNaN(parseDay(from))) throw new UsageError(`--from must be a date YYYY-MM-DD, got "${from}"`);
    merged.from = from;
    delete merged.every;
    delete merged.anchor;
  }
  const every = choice('every', str('every'), ['month'] as const);
  if (every !== undefined) {
    if (from !== undefined) throw new UsageError('give either --from (one window) or --every month (a series), not both');
    merged.every = every;
    delete merged.from;
  }
  const anchor = choice('anchor', str('anchor'), ['first-day', 'first-monday'] as const);
  if (anchor !== undefined) merged.anchor = anchor;
  const days = intFlag('days', str('days'), 1, 366);
  if (days !== undefined) merged.days = days;
  const preset = choice('preset', str('preset'), ['kolada', 'ange'] as const);
  if (preset !== undefined) merged.preset = preset;
  if (isText(values.zone)) merged.zone = values.zone;
  if (values['count-one-staff'] === true) merged.countBothStaff = false;
  if (values['by-overlap'] === true) merged.inWindowBy = 'overlap';
  if (values['by-group'] === true) merged.byGroup = true;
  const warn = warnFlag(str('warn-within'));
  if (warn !== undefined) merged.warnWithin = warn;
  const tolerance = toleranceFlag(str('tolerance'));
  if (tolerance !== undefined) merged.baseline = { ...file?.baseline, tolerance: { ...file?.baseline?.tolerance, ...tolerance } };
  return parseCheckConfig(merged, 'options');
}

function isText(v: string | boolean | string[] | undefined): v is string {
  return typeof v === 'string';
}

function limitFlag(name: string, value: string | undefined, share: boolean): number | undefined {
  const n = numberFlag(name, value);
  if (n === undefined) return undefined;
  if (n < 0 || (share && n > 1)) throw new UsageError(`--${name} must be ${share ? 'a share from 0 to 1' : 'a number ≥ 0'}, got "${value}"`);
  return n;
}

function warnFlag(value: string | undefined): WarnWithin | undefined {
  if (value === undefined) return undefined;
  const [staff, share, ...rest] = value.split(',');
  const warn: WarnWithin = {};
  if (rest.length > 0 || staff === undefined) throw new UsageError(`--warn-within must be N or N,X (staff, share), got "${value}"`);
  if (staff !== '') warn.staff = limitFlag('warn-within', staff, false)!;
  if (share !== undefined && share !== '') warn.share = limitFlag('warn-within', share, true)!;
  return warn;
}

function toleranceFlag(value: string | undefined): Tolerance | undefined {
  if (value === undefined) return undefined;
  const tolerance: Tolerance = {};
  for (const part of value.split(',')) {
    const [key, v] = part.split('=');
    if (!(FIGURE_NAMES as readonly string[]).includes(key ?? '') || v === undefined) {
      throw new UsageError(`--tolerance takes KEY=VALUE pairs with KEY one of ${FIGURE_NAMES.join(', ')}, got "${part}"`);
    }
    tolerance[key as Figure] = limitFlag('tolerance', v, key === 'shareAbove20' || key === 'contactShare' || key === 'rejectedShare')!;
  }
  return tolerance;
}

/** A path as GitHub annotations want it: relative to the working directory (the checkout), with `/`. */
function repoPath(file: string): string {
  return relative(process.cwd(), resolve(file)).split(sep).join('/');
}

function writeReport(
  report: CheckReport,
  format: 'table' | 'json' | 'github' | 'junit',
  o: { out: NodeJS.WritableStream; err: NodeJS.WritableStream; path: string | undefined; input: string | undefined },
): void {
  const table = checkTable(report);
  if (format === 'github') {
    const annotations = githubAnnotations(report, o.input === undefined ? {} : { file: o.input });
    o.out.write(`${[...annotations, table].join('\n')}\n`);
    const markdown = checkMarkdown(report);
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary !== undefined && summary !== '') {
      try {
        appendFileSync(summary, markdown);
      } catch (e) {
        o.err.write(`kontinuitet check: cannot append the job summary to GITHUB_STEP_SUMMARY (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
      }
    }
    if (o.path !== undefined) writeFileSync(o.path, markdown);
    return;
  }
  const text = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'junit' ? checkJunit(report) : `${table}\n`;
  if (o.path === undefined) o.out.write(text);
  else {
    writeFileSync(o.path, text);
    if (format !== 'table') o.out.write(`${table}\n`);
  }
}
