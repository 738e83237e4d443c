// Benchmark of the live tracker (ContinuityTracker) on a generated municipality of CLIENTS clients
// (default 10,000) over one 14-day window: the time of one assign or unassign with the client's new
// count, of candidates() for 20 staff of the client's group, and of summary() after a move (the
// issue's targets: ≤ 5 µs, ≤ 20 µs, ≤ 1 ms median). OPS calls each (default 20,000; summary 500) in
// batches of 100, each batch timed by the wall clock and by the process's CPU time (less moved by
// other work on a shared machine); the median and p90 of the batches' time per call are printed.
// Usage: node test/bench/tracker.mjs [clients]   Needs `npm run build` first (it imports dist/).
import os from 'node:os';
import { ContinuityTracker, continuity, readVisits } from '../../dist/index.js';
import { generateRows } from '../../dist/generate.js';

const CLIENTS = Number(process.argv[2] ?? 10_000);
const OPS = Number(process.env.BENCH_OPS ?? 20_000);
const FROM = '2024-10-07';

// the log: the generator's municipality, read as the library reads rows in memory
let t = performance.now();
const generated = generateRows({ clients: CLIENTS, days: 14, start: FROM, seed: 11 });
const birth = new Map();
const groupOf = new Map();
for (const r of generated.rows) {
  birth.set(r.client_id, r.client_birth_date);
  groupOf.set(r.client_id, r.group);
}
const { visits: rows } = await readVisits(generated.rows);
// its visits as the tracker holds them: one per visit id, at the times of its first row, with its staff
const byId = new Map();
const roles = new Map();
const staffOfGroup = new Map();
for (const r of rows) {
  roles.set(r.staff, r.staffRole);
  const pool = staffOfGroup.get(r.group) ?? staffOfGroup.set(r.group, new Set()).get(r.group);
  pool.add(r.staff);
  const v = byId.get(r.visitId);
  if (v === undefined) byId.set(r.visitId, { id: r.visitId, client: r.client, start: r.start, end: r.end, kind: r.kind, staff: [r.staff] });
  else if (!v.staff.includes(r.staff)) v.staff.push(r.staff);
}
const visits = [...byId.values()];
const pools = new Map([...staffOfGroup].map(([g, s]) => [g, [...s]]));
const prepared = performance.now() - t;

t = performance.now();
const tracker = new ContinuityTracker(visits, { from: FROM, staffRole: (s) => roles.get(s) ?? '' });
for (const [client, date] of birth) tracker.setClientAge(client, { birthDate: date });
const built = performance.now() - t;
const heap = process.memoryUsage().heapUsed; // the log's rows and visits, and the tracker
const first = tracker.summary();

// the calls, chosen before timing: a seeded LCG (Numerical Recipes), so every run makes the same calls
let seed = 12345;
const random = (n) => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed % n;
};
const pick = () => {
  const v = visits[random(visits.length)];
  const pool = pools.get(groupOf.get(v.client));
  return { v, pool };
};

const BATCH = 100;
/** Runs `call(k)` for k = 0..n−1 in batches of `per` calls; each batch's wall and CPU time (user + system) per call, in ns. */
function timed(n, per, call) {
  const wall = [];
  const cpu = [];
  for (let k = 0; k < n; k += per) {
    const c0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    for (let j = k; j < Math.min(n, k + per); j++) call(j);
    const w1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    const m = Math.min(n, k + per) - k;
    wall.push(Number(w1 - w0) / m);
    cpu.push(((c1.user + c1.system) * 1000) / m);
  }
  return { wall, cpu };
}
const quantile = (xs, p) => Float64Array.from(xs).sort()[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const us = (ns) => `${(ns / 1000).toFixed(2)} µs`;

// assign then unassign (the state comes back), each with the client's new count: the visits at
// random over the whole window (cold in the caches), the staff at random from the client's group
const moves = [];
const taken = new Set();
while (moves.length < OPS) {
  const { v, pool } = pick();
  const s = pool[random(pool.length)];
  if (!v.staff.includes(s) && !taken.has(v.id)) {
    taken.add(v.id);
    moves.push([v.id, s]);
  }
}
let checksum = 0;
const results = [];
for (let round = 0; round < 2; round++) { // the first round warms up
  results.length = 0;
  results.push(['assign (with the new count)', timed(OPS, BATCH, (k) => { checksum += tracker.assign(moves[k][0], moves[k][1]); }), 5_000]);
  results.push(['unassign (with the new count)', timed(OPS, BATCH, (k) => { checksum += tracker.unassign(moves[k][0], moves[k][1]); }), 5_000]);
}

// candidates: 20 staff of the client's group
const asks = Array.from({ length: OPS }, () => {
  const { v, pool } = pick();
  return [v.id, Array.from({ length: 20 }, () => pool[random(pool.length)])];
});
timed(OPS, BATCH, (k) => { checksum += tracker.candidates(asks[k][0], asks[k][1]).length; });
results.push(['candidates, 20 staff', timed(OPS, BATCH, (k) => { checksum += tracker.candidates(asks[k][0], asks[k][1]).length; }), 20_000]);

// summary after a move (the planner's loop: assign, read the figures)
const summaries = { wall: [], cpu: [] };
for (let k = 0; k < 500; k++) {
  const [id, s] = moves[k];
  tracker.assign(id, s);
  const one = timed(1, 1, () => { checksum += tracker.summary().clients.eligible; });
  summaries.wall.push(one.wall[0]);
  summaries.cpu.push(one.cpu[0]);
  tracker.unassign(id, s);
}
results.push(['summary()', summaries, 1_000_000]);
const last = tracker.summary();
if (JSON.stringify(last) !== JSON.stringify(first)) throw new Error('the tracker did not come back to its first state');

// at this size too, the tracker's summary is the measure's of the log it holds (one row per staff
// member at a visit, at the visit's times; the client's birth date on every row)
const held = visits.flatMap((v) => v.staff.map((s) => ({
  visitId: v.id, client: v.client, staff: s, start: v.start, end: v.end, kind: v.kind, staffRole: roles.get(s), birthDay: Date.parse(birth.get(v.client)) / 86_400_000,
})));
const window = continuity(held, { from: FROM }).windows[0];
const same = JSON.stringify(first) === JSON.stringify({ clients: window.clients, staffPerClient: window.staffPerClient, histogram: window.histogram });
if (!same) throw new Error('the tracker\'s summary differs from continuity() on the log it holds');

console.log(`${CLIENTS} clients, ${rows.length} rows, ${visits.length} visits (the tracker's summary equals continuity() on them); counted clients ${first.clients.eligible}, mean ${first.staffPerClient.mean?.toFixed(2)}, median ${first.staffPerClient.median}`);
console.log(`generate + read + group into visits ${prepared.toFixed(0)} ms; build the tracker ${built.toFixed(0)} ms; heap then ${(heap / 2 ** 20).toFixed(0)} MB (the rows, the visits and the tracker)`);
console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores; per call, the median (and p90) of ${BATCH}-call batches (summary: of single calls)`);
for (const [name, { wall, cpu }, target] of results) {
  const m = quantile(wall, 0.5);
  console.log(`${name.padEnd(30)} wall ${us(m).padStart(10)} (p90 ${us(quantile(wall, 0.9)).padStart(10)})  cpu ${us(quantile(cpu, 0.5)).padStart(10)}  target ≤ ${us(target)}${m <= target ? '' : '  OVER TARGET'}`);
}
if (checksum < 0) console.log(checksum); // keeps the calls from being optimised away
