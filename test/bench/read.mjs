// Read benchmark: how fast `scanVisits` streams a large visit log, against the raw floor of
// reading and decoding the same bytes, and the CSV tokenizer alone.
//
//   npx tsup && node test/bench/read.mjs [--rows 2000000] [--runs 3] [--keep] [--file path.csv] [--stray] [--own]
//
// Writes a seeded CSV of about `--rows` rows to a temp dir (removed at the end unless --keep) with the
// package's `writeGeneratedCsv` when dist exports it (clients scaled from a small calibration run),
// else (or with --own) with a seeded writer of the same columns defined below. Then runs
// each measurement `--runs` times, every run in a fresh child process so its peak RSS
// (process.resourceUsage().maxRSS) is its own. Prints the best and median time, rows/s and MB/s
// (10^6 bytes) of the best run (the least disturbed on a shared machine) and the highest peak RSS. `--stray` also times files with one unclosed quote near
// the top (the rest of the file becomes one quoted field), at 25, 50 and 100 MB, to show how that scales.
//
// Measurements:
//   floor-decode   createReadStream (1 MiB chunks, as the reader) + TextDecoder, nothing else
//   floor-lines    the same + counting '\n' with indexOf (a plain line scanner)
//   tokenizer      the same + CsvTokenizer from src/read/csv.ts, bundled here with esbuild
//                  (the dist bundle does not export it); its sink only counts rows
//   scanVisits     the public API: scanVisits(file, () => n++), keeping nothing
//   scanVisits+p   the same with pseudonymise: { key }
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(import.meta.url);
const ROOT = join(HERE, '..', '..', '..');
const BUILT = join(ROOT, 'dist', 'index.js');
const BUILT_GENERATE = join(ROOT, 'dist', 'generate.js');
// Other work may rebuild dist/ (tsup cleans it) while the bench runs: the parent bundles what it
// uses of the built entries (`scanVisits` of kontinuitet, `writeGeneratedCsv` of
// kontinuitet/generate, and the chunks they share) into one file next to this script once (module
// resolution still finds node_modules) and children import that.
const DIST = arg('dist', null) ?? join(HERE, '..', `.dist-snapshot-${process.pid}.mjs`);
const CHUNK = 1 << 20;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}
const flag = (name) => process.argv.includes(`--${name}`);

// ---------------------------------------------------------------- child: one measurement
async function childMeasure() {
  const what = arg('measure');
  const file = arg('in');
  const t0 = process.hrtime.bigint();
  let rows = 0;
  if (what === 'floor-decode' || what === 'floor-lines') {
    const decoder = new TextDecoder('utf-8');
    const lines = what === 'floor-lines';
    let chars = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
      const text = decoder.decode(chunk, { stream: true });
      chars += text.length;
      if (lines) for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) rows++;
    }
    chars += decoder.decode().length;
    if (!lines) rows = chars; // keep the work observable
  } else if (what === 'tokenizer') {
    const { CsvTokenizer, detectDelimiter } = await import(pathToFileURL(arg('tokenizer')).href);
    const decoder = new TextDecoder('utf-8');
    let tokenizer = null;
    let head = '';
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) {
      const text = decoder.decode(chunk, { stream: true });
      if (tokenizer) tokenizer.push(text);
      else {
        head += text;
        const nl = head.indexOf('\n');
        if (nl >= 0) {
          tokenizer = new CsvTokenizer(detectDelimiter(head.slice(0, nl)), () => { rows++; });
          tokenizer.push(head);
        }
      }
    }
    tokenizer.end();
    rows--; // the header
  } else if (what === 'scanVisits' || what === 'scanVisits+p') {
    const { scanVisits } = await import(pathToFileURL(DIST).href);
    const options = what === 'scanVisits+p' ? { pseudonymise: { key: 'bench' }, maxIssues: 10 } : { maxIssues: 10 };
    const ledger = await scanVisits(file, () => { rows++; }, options);
    if (ledger.read !== ledger.used + ledger.rejected) throw new Error('ledger does not add up');
    if (rows !== ledger.used) throw new Error('callback count differs from ledger.used');
    rows = ledger.read;
  } else {
    throw new Error(`unknown measurement ${what}`);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ what, rows, seconds, maxRssKb: process.resourceUsage().maxRSS, hwmKb: vmHwmKb() }) + '\n');
}

/** Peak RSS of this process image from /proc (Linux), or null. Unlike maxRSS it is not inherited from the parent. */
function vmHwmKb() {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN) || null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- child: write the data
async function childGenerate() {
  const written = await writeCsv(arg('out'), Number(arg('rows')));
  process.stdout.write(JSON.stringify(written) + '\n');
}

function childMakeStray() {
  // the first `mb` MB of the log (whole lines), clean and with one unclosed quote on line 2
  const text = readFileSync(arg('in'), 'latin1');
  const mb = Number(arg('mb'));
  const cut = text.slice(0, text.lastIndexOf('\n', mb * 1e6) + 1);
  const nl = cut.indexOf('\n');
  const bad = Buffer.from('V0,C0,S0,2024-10-01 08:00,2024-10-01 09:00,"omvårdnad,Norr,,,,,\n', 'utf8').toString('latin1');
  writeFileSync(arg('clean'), cut, 'latin1');
  writeFileSync(arg('stray'), cut.slice(0, nl + 1) + bad + cut.slice(nl + 1), 'latin1');
}

// ---------------------------------------------------------------- parent: data, runs, report
/** mulberry32: a small seeded generator, so every run of the bench reads the same file. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(n, w) {
  return String(n).padStart(w, '0');
}
const KINDS = ['omvårdnad', 'omvårdnad', 'omvårdnad', 'service', 'tillsyn', 'tillsyn', 'trygghetslarm', 'matleverans', 'hsl'];
const GROUPS = ['Norr', 'Söder', 'Öst', 'Väst', 'Centrum', 'Ånge by', 'Fränsta', 'Ljungaverk', 'Torpshammar', 'Alby'];

/**
 * Writes `target` rows: 28 days from 2024-10-01 (across the 2024-10-27 DST change), clients with
 * 2–6 visits a day between 07:00 and 22:30, staff from the client's group, 6 % of visits
 * double-staffed (two rows, one visit id), columns as the generator's CSV export.
 */
async function writeOwnCsv(path, target) {
  const random = rng(20240101);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const days = 28;
  const firstDay = Date.UTC(2024, 9, 1) / 86_400_000;
  const clients = Math.max(1, Math.ceil(target / (days * 4.2)));
  const staffPerGroup = Math.max(8, Math.ceil(clients / GROUPS.length / 3));
  const out = createWriteStream(path, { highWaterMark: CHUNK });
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  let buf = 'visit_id,client_id,staff_id,start,end,kind,group,client_birth_date,staff_role,contact_staff_id,lat,lon\n';
  let rows = 0;
  let visit = 0;
  const clientInfo = Array.from({ length: clients }, (_, c) => {
    const g = c % GROUPS.length;
    return {
      id: `C${pad(c + 1, 5)}`, g, birth: `${int(1920, 1958)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`,
      contact: `S${pad(g * staffPerGroup + int(0, staffPerGroup - 1) + 1, 4)}`,
      lat: (62.0 + random() * 1.2).toFixed(5), lon: (15.0 + random() * 1.5).toFixed(5), perDay: int(2, 6),
    };
  });
  outer: for (let d = 0; d < days; d++) {
    const date = new Date((firstDay + d) * 86_400_000).toISOString().slice(0, 10);
    for (const c of clientInfo) {
      const n = Math.max(1, c.perDay + int(-1, 1));
      for (let k = 0; k < n; k++) {
        const startMin = 7 * 60 + Math.floor(((k + random() * 0.8) / n) * (15 * 60));
        const endMin = Math.min(startMin + int(10, 60), 23 * 60 + 59);
        const start = `${date} ${pad(Math.floor(startMin / 60), 2)}:${pad(startMin % 60, 2)}`;
        const end = `${date} ${pad(Math.floor(endMin / 60), 2)}:${pad(endMin % 60, 2)}`;
        const kind = KINDS[int(0, KINDS.length - 1)];
        const vid = `V${pad(++visit, 7)}`;
        const staffCount = random() < 0.06 ? 2 : 1;
        for (let s = 0; s < staffCount; s++) {
          const staff = `S${pad(c.g * staffPerGroup + int(0, staffPerGroup - 1) + 1, 4)}`;
          const role = kind === 'hsl' ? 'hsl' : random() < 0.7 ? 'undersköterska' : 'vårdbiträde';
          buf += `${vid},${c.id},${staff},${start},${end},${kind},${GROUPS[c.g]},${c.birth},${role},${c.contact},${c.lat},${c.lon}\n`;
          if (++rows >= target) break outer;
        }
        if (buf.length > CHUNK) {
          await write(buf);
          buf = '';
        }
      }
    }
  }
  await write(buf);
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  return rows;
}

/** Uses the package's own generator when dist exports it (aiming at `target` rows), else {@link writeOwnCsv}. */
async function writeCsv(path, target) {
  const api = await import(pathToFileURL(DIST).href);
  if (typeof api.writeGeneratedCsv !== 'function' || flag('own')) return { rows: await writeOwnCsv(path, target), by: 'bench writer (seeded, own)' };
  // calibrate rows per client-day on a small run, then scale the number of clients
  const probe = join(path + '.probe');
  const small = await api.writeGeneratedCsv(createWriteStream(probe), { clients: 200, days: 28, seed: 1 });
  rmSync(probe, { force: true });
  const clients = Math.max(1, Math.round((target / small.rows) * 200));
  const truth = await api.writeGeneratedCsv(createWriteStream(path), { clients, days: 28, seed: 1 });
  return { rows: truth.rows, by: `writeGeneratedCsv({ clients: ${clients}, days: 28 })` };
}

/** Bundles `scanVisits` and `writeGeneratedCsv` of the built entries into {@link DIST}, one file. */
async function snapshot() {
  const esbuild = await import('esbuild');
  const entry = `export { scanVisits } from ${JSON.stringify(BUILT)};\n`
    + (existsSync(BUILT_GENERATE) ? `export { writeGeneratedCsv } from ${JSON.stringify(BUILT_GENERATE)};\n` : '');
  await esbuild.build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'js' }, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', outfile: DIST, logLevel: 'silent' });
}

async function bundleTokenizer(dir) {
  try {
    const esbuild = await import('esbuild');
    const outfile = join(dir, 'csv-tokenizer.mjs');
    await esbuild.build({ entryPoints: [join(ROOT, 'src', 'visits', 'csv.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, logLevel: 'silent' });
    return outfile;
  } catch (e) {
    console.log(`(tokenizer alone skipped: cannot bundle src/read/csv.ts: ${e.message})`);
    return null;
  }
}

/**
 * Runs this script in a fresh process. The parent stays small on purpose: on Linux a child's
 * process.resourceUsage().maxRSS starts at the parent's RSS at spawn time (exec keeps the
 * old image's high-water mark), so a big parent would inflate every child's figure.
 */
function child(args) {
  const r = spawnSync(process.execPath, [HERE, ...args, '--dist', DIST], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const out = r.stdout.trim();
  return out === '' ? null : JSON.parse(out.split('\n').at(-1));
}

function runChild(what, file, tokenizer) {
  return child(['--measure', what, '--in', file, ...(tokenizer ? ['--tokenizer', tokenizer] : [])]);
}

function measure(what, file, bytes, runs, tokenizer, expectRows) {
  const results = Array.from({ length: runs }, () => runChild(what, file, tokenizer));
  const sorted = results.map((r) => r.seconds).sort((a, b) => a - b);
  const best = sorted[0];
  const median = sorted[Math.floor(runs / 2)];
  const rows = expectRows ?? results[0].rows;
  const hwm = results.every((r) => r.hwmKb !== null) ? Math.max(...results.map((r) => r.hwmKb)) / 1024 : null;
  return { what, best, median, rowsPerSecond: rows / best, mbPerSecond: bytes / 1e6 / best, peakRssMb: Math.max(...results.map((r) => r.maxRssKb)) / 1024, hwmMb: hwm, rowsSeen: results[0].rows };
}

function table(rows) {
  const lines = [['measurement', 'best s', 'median s', 'rows/s', 'MB/s', 'maxRSS MB', 'VmHWM MB', 'rows seen']];
  for (const r of rows) {
    lines.push([r.what, r.best.toFixed(2), r.median.toFixed(2), Math.round(r.rowsPerSecond).toLocaleString('en-US'), r.mbPerSecond.toFixed(0), r.peakRssMb.toFixed(0), r.hwmMb === null ? '-' : r.hwmMb.toFixed(0), r.rowsSeen.toLocaleString('en-US')]);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

async function main() {
  if (!existsSync(BUILT)) {
    console.error('dist/index.js not found: build first with `npx tsup`');
    process.exitCode = 1;
    return;
  }
  await snapshot();
  const target = Number(arg('rows', '2000000'));
  const runs = Number(arg('runs', '3'));
  const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-bench-'));
  const given = arg('file', null);
  const file = given ?? join(dir, 'visits.csv');
  try {
    let rows;
    if (given) {
      rows = null;
      console.log(`file: ${file}`);
    } else {
      // generation runs in a child too, so this process stays small (see child())
      const t = performance.now();
      const written = child(['--generate', '--out', file, '--rows', String(target), ...(flag('own') ? ['--own'] : [])]);
      rows = written.rows;
      console.log(`wrote ${rows.toLocaleString('en-US')} rows with ${written.by} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const bytes = statSync(file).size;
    console.log(`file: ${(bytes / 1e6).toFixed(0)} MB; node ${process.version}; ${runs} run(s) each, fresh process per run\n`);
    const tokenizer = await bundleTokenizer(dir);
    const results = [
      measure('floor-decode', file, bytes, runs, null, rows),
      measure('floor-lines', file, bytes, runs, null, rows),
    ];
    if (tokenizer) results.push(measure('tokenizer', file, bytes, runs, tokenizer, rows));
    results.push(measure('scanVisits', file, bytes, runs, null, rows));
    results.push(measure('scanVisits+p', file, bytes, runs, null, rows));
    console.log(table(results));

    if (flag('stray')) {
      // one field opened with a quote that never closes, on line 2: everything after it is one field
      console.log('\nunclosed quote on line 2 (scanVisits, 1 run each):');
      const stray = [];
      for (const mb of [25, 50, 100].filter((m) => m * 1e6 < bytes)) {
        const strayFile = join(dir, `stray-${mb}.csv`);
        const clean = join(dir, `clean-${mb}.csv`);
        child(['--make-stray', '--in', file, '--mb', String(mb), '--clean', clean, '--stray', strayFile]);
        stray.push({ ...measure('scanVisits', clean, statSync(clean).size, 1, null, null), what: `clean ${mb} MB` });
        stray.push({ ...measure('scanVisits', strayFile, statSync(strayFile).size, 1, null, null), what: `stray quote ${mb} MB` });
      }
      console.log(table(stray));
    }
  } finally {
    rmSync(DIST, { force: true });
    if (flag('keep')) console.log(`\nkept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (flag('measure')) await childMeasure();
else if (flag('generate')) await childGenerate();
else if (flag('make-stray')) childMakeStray();
else await main();
