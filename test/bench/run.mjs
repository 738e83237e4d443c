// `npm run bench`: every benchmark in turn (each generates its own log in the temp dir; nothing is
// committed). Pass a row count to override the default sizes of the reader and measure benchmarks,
// e.g. `npm run bench -- 500000`; the routes benchmark keeps its municipality (its argument is a
// number of clients, not of rows: 400,000 clients made a 2.8 GB log); then routes again on a log of
// over-full days (100,000 rows, a random staff member on every visit: the search budget's case);
// the live tracker on a generated window of 10,000 clients.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const rows = process.argv[2];
const benches = [
  ['read.mjs', rows ? ['--rows', rows] : []],
  ['measure.mjs', rows ? [rows] : []],
  ['routes.mjs', []],
  ['routes.mjs', ['--messy', '100000']],
  ['group.mjs', []],
  ['tracker.mjs', []],
];
let failed = 0;
for (const [script, args] of benches) {
  if (!existsSync(`${here}${script}`)) continue;
  console.log(`\n== ${script} ==`);
  const r = spawnSync(process.execPath, [`${here}${script}`, ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
