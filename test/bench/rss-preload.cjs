// Preloaded with `node --require` into a benchmarked process: at exit, appends its peak RSS (KB)
// and wall time since process start to the file named by KONTINUITET_BENCH_RSS.
const { appendFileSync } = require('node:fs');
const file = process.env.KONTINUITET_BENCH_RSS;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
