// Benchmark of the route figures (`kontinuitet routes`) on a generated municipality of about 300
// staff × 14 days: whole-process wall time (median of RUNS) and peak RSS of the measuring process
// (the log is generated beforehand in its own process). Prints both and the headline figures.
// Usage: node test/bench/routes.mjs [clients]   (default 240 clients ≈ 300 staff)
//        node test/bench/routes.mjs --messy ROWS   a log of over-full days instead: the reader
//        benchmark's own writer (read.mjs --own: a random staff member on every visit, ~13
//        overlapping stops a staff-day), where the best-order search's budget matters
// Needs `npx tsup` first. Uses `routes` of the built CLI when registered, else bundles
// src/cli/routes.ts with esbuild into node_modules/.cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const messy = process.argv[2] === '--messy' ? Number(process.argv[3] ?? 100_000) : null;
const clients = messy === null ? Number(process.argv[2] ?? 240) : null;
const DAYS = 14;
const RUNS = Number(process.env.BENCH_RUNS ?? (process.argv[2] === '--messy' ? 1 : 3));
const dir = join(tmpdir(), 'kontinuitet-bench');
mkdirSync(dir, { recursive: true });
const cli = join(root, 'dist', 'cli.js');

const file = join(dir, messy === null ? `routes-${clients}x${DAYS}.csv` : `routes-messy-${messy}.csv`);
if (!existsSync(file)) {
  const g = messy === null
    ? spawnSync(process.execPath, [cli, 'generate', '--clients', String(clients), '--days', String(DAYS), '--seed', '7', '--out', file], { encoding: 'utf8' })
    : spawnSync(process.execPath, [join(here, 'read.mjs'), '--generate', '--own', '--rows', String(messy), '--out', file, '--dist', join(root, 'dist', 'index.js')], { encoding: 'utf8' });
  if (g.status !== 0) throw new Error(g.stderr);
}

/** The command to run: the built CLI's `routes`, or a bundled stand-in until it is registered. */
function entry() {
  if (spawnSync(process.execPath, [cli, 'help', 'routes'], { encoding: 'utf8' }).stdout.includes('kontinuitet routes')) return [cli, 'routes'];
  const out = join(root, 'node_modules', '.cache', 'kontinuitet-routes-bench.mjs');
  const main = join(root, 'node_modules', '.cache', 'kontinuitet-routes-bench-main.mjs');
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  const b = spawnSync(join(root, 'node_modules', '.bin', 'esbuild'), [join(root, 'src', 'cli', 'routes.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${out}`, '--log-level=warning'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(b.stderr);
  writeFileSync(main, `import { routesCommand } from './kontinuitet-routes-bench.mjs';\nprocess.exitCode = await routesCommand(process.argv.slice(2), process.stdout, process.stderr);\n`);
  return [main];
}

function timed(args) {
  const rssFile = join(dir, `rss-${process.pid}-${Math.random()}.txt`);
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', join(here, 'rss-preload.cjs'), ...args], {
    encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, KONTINUITET_BENCH_RSS: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  rmSync(rssFile);
  return { ms, rssMb: rssKb / 1024, stdout: r.stdout };
}

const cmd = entry();
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(timed([...cmd, file, '--all', '--format', 'json']));
const ms = [...runs.map((r) => r.ms)].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
const result = JSON.parse(runs[0].stdout);
const w = result.windows[0];
const pct = (x) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const f = (x, digits) => (x === null ? '–' : x.toFixed(digits));
const exact = w.routes.filter((d) => d.bestExact).length;
console.log(`machine: ${cpus().length} cores, Node ${process.version}`);
const staffDayVisits = w.routes.reduce((a, d) => Math.max(a, d.visits), 0);
console.log(messy === null
  ? `log: ${result.rows.read} rows, ${clients} clients, ${w.perStaff.length} staff × ${DAYS} days = ${w.staffDays} staff-days (max ${staffDayVisits} visits a day)`
  : `log (messy): ${result.rows.read} rows, ${w.staffDays} staff-days, ${(result.rows.read / w.staffDays).toFixed(1)} visits a staff-day (max ${staffDayVisits})`);
console.log(`kontinuitet routes: ${ms.toFixed(0)} ms (median of ${RUNS}, whole process), ${(ms / w.staffDays).toFixed(2)} ms per staff-day, peak RSS ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB`);
console.log(`best order proven exact on ${exact} of ${w.staffDays} staff-days; heuristic on ${w.daysHeuristic ?? '–'}, of them ${w.daysQuick ?? '–'} quick (past the run's search budget of ${result.options.searchBudgetMs ?? '–'} ms)`);
console.log(`brukartid ${pct(w.clientTimeShare)} (median staff-day ${pct(w.spread.clientTimeShare.median)}, p10 ${pct(w.spread.clientTimeShare.p10)}); travel ${f(w.travelMinutesPerVisit, 2)} min and ${f(w.kmPerVisit, 2)} km per visit`);
console.log(`detour ratio free ${f(w.detourRatio, 3)} (median ${f(w.spread.detourRatio.median, 3)}), within ±${result.options.windowMinutes} min ${f(w.detourRatioWindows, 3)} (median ${f(w.spread.detourRatioWindows.median, 3)}); saving ${(w.savingMinutes / 60).toFixed(1)} h / ${w.savingKm.toFixed(0)} km free, ${(w.savingMinutesWindows / 60).toFixed(1)} h / ${w.savingKmWindows.toFixed(0)} km within windows; windows infeasible on ${w.windowsInfeasible} days`);
