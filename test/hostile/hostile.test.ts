/**
 * The hostile-input suite (issue 22): every corpus file (corpus.ts) through every command of the
 * built CLI (dist/cli.js; `npm run build` first), each run a child process with a timeout.
 * Per file × command it asserts: the run ends before the timeout; exit 0/1/2 (1 only for check);
 * no stack trace; no id of the file in stderr, in a text or HTML output, or in the parts of a JSON
 * output that are not per-client/per-staff rows; no control character, bidi override or `::` line
 * in text output or stderr; nothing left in the child's TMPDIR; stderr bounded; in JSON
 * `read = used + rejected + Σ excluded` (and `read` = the file's records when it is known); the
 * same JSON for the file with its rows shuffled; the same figures as the file's plain twin.
 *
 * Knobs: HOSTILE_ONLY=name[,name] (substring), HOSTILE_COMMANDS=measure,routes (substring),
 * HOSTILE_KEEP=1 (keep the temp dir, printed), HOSTILE_JOBS (child processes at once, default 3),
 * HOSTILE_TIMEOUT_MS (per run, default 15000).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { CLI } from '../cli/run.js';
import { writeCorpus, type WrittenFile } from './corpus.js';

const TIMEOUT = Number(process.env.HOSTILE_TIMEOUT_MS ?? 15_000);
const JOBS = Math.max(1, Number(process.env.HOSTILE_JOBS ?? 3));
const OUTPUT_CAP = 32 << 20;
const STDERR_BOUND = 8_192;
/** Staff hours above this in one window are absurd for any corpus file (≤ 10 staff × 24 h × 31 days). */
const ABSURD_HOURS = 10 * 24 * 31;

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-hostile-'));
const files = writeCorpus(join(dir, 'corpus'), process.env.HOSTILE_ONLY);
const config = join(dir, 'kontinuitet.config.json');
writeFileSync(config, JSON.stringify({ byGroup: true, targets: { mean: 14, median: 14, shareAbove20: 0.2, maxStaff: 6, maxRejectedShare: 0.5 } }));

interface Command {
  /** Arguments of the text (or HTML) run; the file is appended. */
  text: string[];
  /** Arguments of the JSON run, when the command has one. */
  json?: string[];
  /** JSON keys whose values are per-client or per-staff rows and may hold ids. */
  idKeys?: readonly string[];
  html?: boolean;
}
const COMMANDS: Record<string, Command> = {
  measure: { text: ['measure'] },
  'measure --by-group': { text: ['measure', '--by-group'], json: ['measure', '--by-group', '--format', 'json'], idKeys: ['perClient'] },
  staffing: { text: ['staffing'] },
  'staffing --by-group': { text: ['staffing', '--by-group'], json: ['staffing', '--by-group', '--format', 'json'], idKeys: ['perClient', 'doubleStaffed', 'recurringSlots', 'duplicates'] },
  routes: { text: ['routes'], json: ['routes', '--format', 'json'], idKeys: ['perStaff', 'routes'] },
  report: { text: ['report', '--pseudonym-key', 'hostile-suite'], html: true },
  explain: { text: ['explain'], json: ['explain', '--format', 'json'], idKeys: ['perClient'] },
  check: { text: ['check', '--config', config], json: ['check', '--config', config, '--format', 'json'], idKeys: [] },
};
const commandFilter = process.env.HOSTILE_COMMANDS;
const commandNames = Object.keys(COMMANDS).filter((c) => commandFilter === undefined || commandFilter.split(',').some((f) => c.includes(f.trim())));

afterAll(() => {
  if (process.env.HOSTILE_KEEP === '1') console.log(`hostile corpus kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
});

// ---------- running the CLI with bounded concurrency ----------

interface Run { status: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean; overflow: boolean; ms: number; leftovers: string[] }

let active = 0;
const queue: (() => void)[] = [];
async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (active >= JOBS) await new Promise<void>((resolve) => queue.push(resolve));
  active++;
  try {
    return await task();
  } finally {
    active--;
    queue.shift()?.();
  }
}

let runs = 0;
function runCli(args: string[]): Promise<Run> {
  return slot(() => new Promise<Run>((resolve) => {
    const tmp = join(dir, 'tmp', String(runs++));
    mkdirSync(tmp, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
    delete env.GITHUB_STEP_SUMMARY;
    delete env.KONTINUITET_PSEUDONYM_KEY;
    delete env.NODE_OPTIONS;
    const began = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    let overflow = false;
    const stop = () => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
    };
    const timer = setTimeout(() => { timedOut = true; stop(); }, TIMEOUT);
    const take = (into: Buffer[]) => (b: Buffer) => {
      size += b.length;
      if (size > OUTPUT_CAP) { if (!overflow) { overflow = true; stop(); } return; }
      into.push(b);
    };
    child.stdout.on('data', take(out));
    child.stderr.on('data', take(err));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const leftovers = existsSync(tmp) ? readdirSync(tmp) : [];
      rmSync(tmp, { recursive: true, force: true });
      resolve({ status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, overflow, ms: Date.now() - began, leftovers });
    });
  }));
}

/** One promise per distinct run, so a twin's runs are shared. */
const memo = new Map<string, Promise<Run>>();
const cached = (args: string[]) => {
  const key = JSON.stringify(args);
  if (!memo.has(key)) memo.set(key, runCli(args));
  return memo.get(key)!;
};

// ---------- the assertions ----------

// C0 (but \t \n), DEL, C1, bidi embeddings/overrides/isolates and marks
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const STACK = /^\s+at .+[(:]\d|\bnode:internal\b|\b(TypeError|RangeError|ReferenceError|SyntaxError)\b|internal error/m;

const show = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

function leaks(text: string, ids: readonly string[]): string[] {
  // also with control characters removed: UTF-16 read as UTF-8 puts a NUL between the letters
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '');
  return ids.filter((id) => text.includes(id) || plain.includes(id));
}

/** Violations of the rules for human-readable text (stdout of a table, an HTML page, stderr). */
function textViolations(where: string, text: string, ids: readonly string[]): string[] {
  const v: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = CONTROL.exec(line);
    if (m !== null) v.push(`${where}: control character U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()} on line ${i + 1}: ${show(line)}`);
    if (/^\s*::/.test(line)) v.push(`${where}: a line starting with "::" (line ${i + 1}): ${show(line)}`);
  });
  for (const id of leaks(text, ids)) v.push(`${where}: contains the id ${show(id)}`);
  return v.slice(0, 12);
}

function runViolations(label: string, run: Run, ids: readonly string[], command: string): string[] {
  const v: string[] = [];
  if (run.timedOut) v.push(`${label}: did not finish within ${TIMEOUT} ms (killed)`);
  if (run.overflow) v.push(`${label}: wrote more than ${OUTPUT_CAP} bytes (killed)`);
  if (run.timedOut || run.overflow) return v;
  const allowed = command === 'check' ? [0, 1, 2] : [0, 2];
  if (run.status === null || !allowed.includes(run.status)) v.push(`${label}: exit ${run.status ?? run.signal} (allowed ${allowed.join('/')})`);
  if (STACK.test(run.stderr)) v.push(`${label}: stack trace or internal error on stderr: ${show(run.stderr.match(STACK)![0])}`);
  if (run.stderr.length > STDERR_BOUND) v.push(`${label}: stderr of ${run.stderr.length} characters (bound ${STDERR_BOUND})`);
  v.push(...textViolations(`${label} stderr`, run.stderr, ids));
  if (run.leftovers.length > 0) v.push(`${label}: left ${run.leftovers.join(', ')} in its TMPDIR`);
  return v;
}

function parseJson(label: string, run: Run, v: string[]): any {
  if (run.status !== 0 && run.status !== 1) return undefined;
  try {
    return JSON.parse(run.stdout);
  } catch {
    v.push(`${label}: exit ${run.status} but stdout is not JSON: ${show(run.stdout)}`);
    return undefined;
  }
}

function ledgerViolations(label: string, json: any, file: WrittenFile, command: string): string[] {
  const rows = json?.rows;
  if (rows === undefined || typeof rows.read !== 'number') return [`${label}: no rows ledger in the JSON`];
  const v: string[] = [];
  const excluded = Object.values((rows.excluded ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
  if (command === 'check') {
    // check@1 has no excluded reasons: only read ≥ used + rejected can be held
    if (rows.read < rows.used + rows.rejected) v.push(`${label}: ledger read ${rows.read} < used ${rows.used} + rejected ${rows.rejected}`);
  } else if (rows.read !== rows.used + rows.rejected + excluded) {
    v.push(`${label}: ledger read ${rows.read} ≠ used ${rows.used} + rejected ${rows.rejected} + excluded ${excluded}`);
  }
  if (file.records !== undefined && rows.read !== file.records) v.push(`${label}: read ${rows.read} rows of the file's ${file.records}`);
  return v;
}

/** Hours fields of staffing and routes: a window's figures must stay within reason. */
function absurdHours(label: string, json: any): string[] {
  const v: string[] = [];
  const walk = (x: any, path: string) => {
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${path}[${i}]`));
    else if (x !== null && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, `${path}.${k}`);
    else if (typeof x === 'number' && /Hours$/.test(path) && x > ABSURD_HOURS) v.push(`${label}: ${path} = ${x} hours`);
  };
  walk(json?.windows, 'windows');
  return v.slice(0, 3);
}

/** The JSON without per-client/per-staff rows, where no id may appear. */
function withoutIdRows(json: any, keys: readonly string[]): any {
  return JSON.parse(JSON.stringify(json, (k, x) => (keys.includes(k) ? '[rows]' : x)));
}

/** Drops what legitimately depends on row order: line numbers, and the order of lists by line (issues, duplicates, check's clients). */
function normalise(json: any): any {
  const strip = (x: any): any => {
    if (Array.isArray(x)) return x.map(strip);
    if (x !== null && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      // key order is not part of the output's meaning (a ledger's excluded reasons come in row order)
      for (const [k, y] of Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (/^(line|lines|firstLine|lineNumbers?)$/.test(k)) continue;
        out[k] = (k === 'issues' || k === 'duplicates' || k === 'clients') && Array.isArray(y) ? (strip(y) as unknown[]).map((e) => JSON.stringify(e)).sort() : strip(y);
      }
      return out;
    }
    return typeof x === 'string' ? x.replace(/\blines? \d+(?:(?:, | and |–|-)\d+)*/g, 'line #') : x;
  };
  return strip(json);
}

/** What must agree between a file and its plain twin: the ledger counts and the figures. */
function figures(json: any): unknown {
  const { read, used, rejected, excluded, outsideWindows } = json?.rows ?? {};
  return normalise({ rows: { read, used, rejected, excluded, outsideWindows }, windows: json?.windows, checks: json?.checks });
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as any)[k], (b as any)[k], `${path}.${k}`);
      if (d !== '') return d;
    }
  }
  return `${path || '(root)'}: ${show(JSON.stringify(a) ?? 'undefined')} vs ${show(JSON.stringify(b) ?? 'undefined')}`;
}

// ---------- the tests ----------

const INJECTED_HTML = /<script>alert|<img src=x|<\/style><b>/;

const namesOf = (file: WrittenFile) => commandNames.filter((c) => file.commands === undefined || file.commands.includes(c));

describe.concurrent.each(files.filter((f) => namesOf(f).length > 0).map((f) => [f.name, f] as const))('hostile %s', (_name, file) => {
  const names = namesOf(file);
  const twin = file.twin === undefined ? undefined : files.find((f) => f.name === file.twin);
  it.each(names)('%s', async (name) => {
    const command = COMMANDS[name]!;
    const v: string[] = [];
    const text = await cached([...command.text, file.path]);
    v.push(...runViolations('text', text, file.ids, name));
    if (!text.timedOut && !text.overflow) {
      v.push(...textViolations(command.html === true ? 'html' : 'stdout', text.stdout, file.ids));
      if (command.html === true && INJECTED_HTML.test(text.stdout)) v.push(`html: markup from the input is not escaped: ${show(text.stdout.match(INJECTED_HTML)![0])}`);
    }
    if (command.json !== undefined) {
      const json = await cached([...command.json, file.path]);
      v.push(...runViolations('json', json, file.ids, name));
      const data = json.timedOut || json.overflow ? undefined : parseJson('json', json, v);
      if (data !== undefined) {
        v.push(...ledgerViolations('json', data, file, name));
        v.push(...absurdHours('json', data));
        for (const id of leaks(JSON.stringify(withoutIdRows(data, command.idKeys ?? [])), file.ids)) v.push(`json: the id ${show(id)} outside the per-client/per-staff rows`);
      }
      if (file.shuffledPath !== undefined && !json.timedOut && !json.overflow) {
        const shuffled = await cached([...command.json, file.shuffledPath]);
        v.push(...runViolations('shuffled json', shuffled, file.ids, name));
        if (!shuffled.timedOut && !shuffled.overflow) {
          if (shuffled.status !== json.status) v.push(`row order: exit ${json.status} but ${shuffled.status} with the rows shuffled`);
          else if (data !== undefined) {
            const other = parseJson('shuffled json', shuffled, v);
            const d = firstDifference(normalise(data), normalise(other));
            if (d !== '') v.push(`row order: the output differs with the rows shuffled at ${d}`);
          } else {
            const d = firstDifference(normalise(json.stderr), normalise(shuffled.stderr));
            if (d !== '') v.push(`row order: stderr differs with the rows shuffled: ${d}`);
          }
        }
      }
      if (twin !== undefined && data !== undefined && json.status === 0) {
        const plain = await cached([...command.json, twin.path]);
        if (plain.status === 0) {
          const d = firstDifference(figures(data), figures(JSON.parse(plain.stdout)));
          if (d !== '') v.push(`twin: figures differ from ${twin.name} at ${d}`);
        }
      }
    }
    if (v.length > 0) throw new Error(`${file.name} (${file.about}) × ${name}:\n  - ${[...new Set(v)].join('\n  - ')}`);
  }, TIMEOUT * 5 + 30_000);
});
