// Preloaded with `node --require` into a benchmarked process: at exit, appends its peak resident
// set (KB) to the file named by KONTINUITET_BENCH_RSS. VmHWM from /proc is this process's own peak;
// maxRSS from getrusage can carry over the parent's size at spawn on Linux.
const { appendFileSync, readFileSync } = require('node:fs');
const file = process.env.KONTINUITET_BENCH_RSS;
function peakKb() {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {}
  return process.resourceUsage().maxRSS;
}
if (file) process.on('exit', () => appendFileSync(file, `${peakKb()}\n`));
