// Quickstart: the 14-day staff continuity of a visit log, and the HTML report.
//
//   npm install kontinuitet
//   node quickstart.mjs [visits.csv] [report.html]
//
// Without arguments it reads the sample log of this repository and writes the report to the
// system's temporary folder.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureContinuity, measureStaffing } from 'kontinuitet';
import { renderReport } from 'kontinuitet/report';

const file = process.argv[2] ?? fileURLToPath(new URL('../data/sample-visits.csv', import.meta.url));
const out = process.argv[3] ?? join(tmpdir(), 'kontinuitet-report.html');

// 1. The official figure (Kolada U21401 mean, U21402 median, U21436 share above 20): one 14-day
//    window a month, starting on the first Monday.
const continuity = await measureContinuity(file, { anchor: 'first-monday' });
for (const w of continuity.windows) {
  const s = w.staffPerClient;
  console.log(`${w.from} – ${w.to}: mean ${s.mean?.toFixed(1)}, median ${s.median}, share above 20 ${((s.shareAbove20 ?? 0) * 100).toFixed(1)} % (${s.n} clients counted of ${w.clients.served} served)`);
}

// 2. Every row is accounted for: read = used + rejected + excluded.
const { read, used, rejected, excluded } = continuity.rows;
console.log(`rows: ${read} read, ${used} used, ${rejected} rejected, excluded ${JSON.stringify(excluded)}`);

// 3. Double staffing over the same windows, and the report: one HTML file, no network needed.
const staffing = await measureStaffing(file, { anchor: 'first-monday' });
writeFileSync(out, renderReport({ continuity, staffing }, { lang: 'en', source: basename(file) }));
console.log(`report: ${out}`);
