// Benchmark of grouping rows without a visit id into visits (`groupVisits`, the kernel's `group`):
// many overlapping rows of ONE client, where each row overlaps a number of others that grows with
// the row count. Prints the median of RUNS (default 3) in ms per pattern and size, and the visits.
// Usage: node test/bench/group.mjs [sizes]   (default 50000,200000). Needs `npm run build` first
// (the generated kernel modules). `groupVisits` is the engine's, not a name of the package's
// entries: it is bundled from the sources with esbuild.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-bench-group-'));
const bundle = join(dir, 'group.mjs');
await build({ entryPoints: [fileURLToPath(new URL('../../src/engine/group.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: bundle, logLevel: 'silent' });
const { groupVisits } = await import(pathToFileURL(bundle).href);
rmSync(dir, { recursive: true, force: true });

const sizes = (process.argv[2] ?? '50000,200000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const T0 = Date.UTC(2024, 9, 1, 6);
const MIN = 60_000;

/** A seeded generator (mulberry32), so every run groups the same rows. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const patterns = {
  // n rows of 30 minutes spread evenly over one day: each overlaps ~n/48 others
  'one day, 30 min each': (n) => Array.from({ length: n }, (_, i) => {
    const start = T0 + Math.floor((i * 86_400_000) / n);
    return { start, end: start + 30 * MIN, visitId: '' };
  }),
  // random starts over one day (whole minutes), 5 to 240 minutes long
  'one day, random 5–240 min': (n) => {
    const r = random(7);
    return Array.from({ length: n }, () => {
      const start = T0 + Math.floor(r() * 1440) * MIN;
      return { start, end: start + (5 + Math.floor(r() * 236)) * MIN, visitId: '' };
    });
  },
};

for (const [name, make] of Object.entries(patterns)) {
  for (const n of sizes) {
    const rows = make(n);
    const times = [];
    let visits = 0;
    for (let k = 0; k < RUNS; k++) {
      const t = performance.now();
      visits = groupVisits(rows).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(28)} ${String(n).padStart(8)} rows  ${times[Math.floor(RUNS / 2)].toFixed(0).padStart(6)} ms  (${visits} visits)`);
  }
}
