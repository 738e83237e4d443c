// Benchmark of `kontinuitet measure` against the same indicator as a DuckDB SQL query, on
// generated logs (not committed) of 2M and 10M rows. Whole-process wall time, alternating runs,
// median of RUNS; peak RSS of each process (worker threads included) via a preloaded reporter;
// then `kontinuitet staffing` and `kontinuitet routes` once on the same log.
// Usage: node test/bench/measure.mjs [rows[,rows…]]   (default 2000000,10000000); BENCH_RUNS (5),
// BENCH_COMMANDS (staffing,routes: the commands run once after measure; '' for none),
// BENCH_ROUTES_MAX (2,500,000: routes is skipped on larger logs, its best-order searches taking
// ~0.2 ms a staff-day: some 6 minutes at 10M rows)
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const sizes = (process.argv[2] ?? '2000000,10000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROUTES_MAX = Number(process.env.BENCH_ROUTES_MAX ?? 2_500_000);
const FROM = '2024-10-01';
const dir = join(tmpdir(), 'kontinuitet-bench');
mkdirSync(dir, { recursive: true });

/** ~3.73 rows per client-day in the generator's 'typical' profile; 14 days like the indicator. Generated in a child process (not committed). */
async function ensureLog(rows) {
  const days = 14;
  const clients = Math.max(50, Math.round(rows / (days * 3.73)));
  const file = join(dir, `log-${rows}.csv`);
  if (!existsSync(file)) {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'generate', '--clients', String(clients), '--days', String(days), '--start', FROM, '--seed', '7', '--out', file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    console.log(r.stderr.trim());
  }
  return file;
}

/**
 * Runs a Node script with the RSS reporter; its output goes to a file (a national log's JSON can
 * be longer than the longest string the bench could hold), read back only when `keep` is set.
 */
function timed(args, keep = false) {
  const rssFile = join(dir, `rss-${process.pid}-${Math.random()}.txt`);
  const outFile = join(dir, `out-${process.pid}-${Math.random()}.json`);
  const out = openSync(outFile, 'w');
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', join(here, 'rss-preload.cjs'), ...args], {
    stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: { ...process.env, KONTINUITET_BENCH_RSS: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  closeSync(out);
  try {
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    const rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    return { ms, rssMb: rssKb / 1024, outMb: statSync(outFile).size / 1e6, stdout: keep ? readFileSync(outFile, 'utf8') : '' };
  } finally {
    rmSync(rssFile, { force: true });
    rmSync(outFile, { force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`machine: ${cpus().length} cores, Node ${process.version}`);
for (const size of sizes) await bench(size);

async function bench(targetRows) {
  const file = await ensureLog(targetRows);
  const mb = statSync(file).size / 1e6;
  const ours = [];
  const duck = [];
  let ourOut = '';
  let duckOut = '';
  for (let i = 0; i < RUNS; i++) {
    const last = i === RUNS - 1;
    const a = timed([join(root, 'dist', 'cli.js'), 'measure', file, '--from', FROM, '--format', 'json'], last);
    const b = timed([join(here, 'duckdb-indicator.mjs'), file, FROM], last);
    ours.push(a);
    duck.push(b);
    ourOut = a.stdout;
    duckOut = b.stdout;
  }
  const result = JSON.parse(ourOut);
  const reference = JSON.parse(duckOut);
  const w = result.windows[0];
  const perClient = Object.fromEntries(w.perClient.filter((c) => c.eligible).map((c) => [c.client, c.staff]));
  const agree = w.staffPerClient.n === reference.eligible
    && Math.abs(w.staffPerClient.mean - reference.mean) < 1e-9
    && JSON.stringify(Object.entries(perClient).sort()) === JSON.stringify(Object.entries(reference.perClient).sort());
  const rows = result.rows.read;
  const ourMs = median(ours.map((x) => x.ms));
  const duckMs = median(duck.map((x) => x.ms));
  console.log(`log: ${rows} rows, ${mb.toFixed(0)} MB; window ${FROM}, ${w.staffPerClient.n} eligible clients, mean ${w.staffPerClient.mean?.toFixed(2)}`);
  console.log(`kontinuitet measure: ${ourMs.toFixed(0)} ms (median of ${RUNS}), ${(rows / ourMs * 1000 / 1e6).toFixed(2)} M rows/s, ${(mb / ourMs * 1000).toFixed(0)} MB/s, peak RSS ${Math.max(...ours.map((x) => x.rssMb)).toFixed(0)} MB`);
  console.log(`duckdb SQL:          ${duckMs.toFixed(0)} ms (median of ${RUNS}), ${(rows / duckMs * 1000 / 1e6).toFixed(2)} M rows/s, ${(mb / duckMs * 1000).toFixed(0)} MB/s, peak RSS ${Math.max(...duck.map((x) => x.rssMb)).toFixed(0)} MB`);
  console.log(`time ratio kontinuitet/duckdb: ${(ourMs / duckMs).toFixed(2)}; results agree: ${agree ? 'yes' : 'NO'}`);
  if (!agree) console.log(`  ours n=${w.staffPerClient.n} mean=${w.staffPerClient.mean}; duckdb n=${reference.eligible} mean=${reference.mean}`);
  for (const command of (process.env.BENCH_COMMANDS ?? 'staffing,routes').split(',').filter(Boolean)) {
    if (command === 'routes' && rows > ROUTES_MAX) {
      console.log(`kontinuitet routes:   skipped above ${ROUTES_MAX} rows (its searches take ~0.2 ms a staff-day; BENCH_ROUTES_MAX raises the limit)`);
      continue;
    }
    try {
      const x = timed([join(root, 'dist', 'cli.js'), command, file, '--from', FROM, '--format', 'json']);
      console.log(`kontinuitet ${command}:${' '.repeat(9 - command.length)}${x.ms.toFixed(0)} ms (one run), ${(rows / x.ms * 1000 / 1e6).toFixed(2)} M rows/s, peak RSS ${x.rssMb.toFixed(0)} MB, JSON ${x.outMb.toFixed(0)} MB`);
    } catch (e) {
      console.log(`kontinuitet ${command}: failed: ${String(e.message).split('\n').slice(0, 3).join(' ')}`);
    }
  }
}
