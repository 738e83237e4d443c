// Benchmark of the report's measure pass on a CSV file (measureForReport: the continuity measure
// with the indices and the staffing figures, one reading through the engine's door), in process:
// the wall time at each progress phase (read, evaluate), the total, the process's CPU time and
// RSS. Usage: node --expose-gc test/bench/report-pass.mjs FILE [threads] [from] [dist folder]
// (default 2 threads, 2024-10-01, this checkout's dist/; give another checkout's dist to compare).
// Needs `npm run build` first.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [file, threads = '2', from = '2024-10-01', dist = new URL('../../dist/', import.meta.url).pathname] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: node --expose-gc test/bench/report-pass.mjs FILE [threads] [from] [dist folder]');
const { measureForReport } = await import(pathToFileURL(resolve(dist, 'report.js')).href);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const seconds = () => ((performance.now() - t0) / 1000).toFixed(2);
let phase = '';
await measureForReport(file, {
  from,
  engine: { threads: Number(threads) },
  onProgress: (p) => { if (p.phase !== phase) console.log(`${(phase = p.phase)} from ${seconds()} s`); },
});
const cpu = process.cpuUsage(cpu0);
console.log(`done ${seconds()} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (threads ${threads}, ${dist})`);
