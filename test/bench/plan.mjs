// Benchmark of the planner (not a test): `kontinuitet generate --profile ange2013` at 300 clients x 14
// days (seed 1), then `kontinuitet plan` at each allowed travel increase: mean before and after,
// travel change, lower bound, wall time. Usage: node test/bench/plan.mjs [clients] [time-limit-s] [increases] [--shifts]
// (--shifts: the generator writes staff shifts, and the planner uses them as availability)
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const clients = process.argv[2] ?? '300';
const limit = process.argv[3] ?? '30';
const increases = (process.argv[4] ?? '0,0.05,0.1,0.25').split(',');
const shifts = process.argv.includes('--shifts');
const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-plan-bench-'));
const file = join(dir, 'visits.csv');
execFileSync(process.execPath, [cli, 'generate', '--profile', 'ange2013', '--clients', clients, '--days', '14', '--seed', '1', ...(shifts ? ['--shifts'] : []), '--out', file], { stdio: 'ignore' });
console.log(`ange2013, ${clients} clients x 14 days, seed 1${shifts ? ', --shifts' : ''}, time limit ${limit} s`);
console.log('max travel +   before  after   travel   bound  gap    steps    s');
for (const x of increases) {
  const t = Date.now();
  const out = execFileSync(process.execPath, [cli, 'plan', file, '--from', '2024-10-01', '--out', join(dir, 'plan.csv'), '--max-travel-increase', x, '--time-limit', limit], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const r = JSON.parse(out);
  const pct = (v) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;
  console.log(`${pct(Number(x)).padEnd(13)} ${r.before.mean.toFixed(2).padStart(6)} ${r.after.mean.toFixed(2).padStart(6)} ${pct(r.travel.change).padStart(8)} ${String(r.lowerBound.mean).padStart(6)} ${String(r.lowerBound.gap).padStart(6)} ${String(r.search.iterations).padStart(7)} ${((Date.now() - t) / 1000).toFixed(1).padStart(5)}`);
}
