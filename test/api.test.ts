/**
 * The public API (issue #23): docs/api.md is what test/api-report.mjs writes from the entry files;
 * the main entry stays small and holds no engine internals; every exported name has a doc comment
 * with an @example and names only types an entry exports; the entries are those of package.json
 * "exports" and tsup.config.ts. Then the built package: every entry resolves by its path in ESM and
 * CommonJS with the names of its source, and the entries share one KontinuitetError class.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

interface ApiName { name: string; kind: string; runtime: boolean; summary: string; example: boolean }
interface ApiEntry { path: string; source: string; dist: string; groups: { title: string | null; names: ApiName[] }[] }
interface ApiReportModule {
  ROOT: string;
  REPORT: string;
  ENTRIES: readonly ApiEntry[];
  analyse(): { entries: ApiEntry[]; unexported: string[] };
  apiReport(entries: ApiEntry[]): string;
}

// a plain script (node test/api-report.mjs writes docs/api.md), imported by its URL
const api = (await import(new URL('./api-report.mjs', import.meta.url).href)) as ApiReportModule;
const { entries, unexported } = api.analyse();
const names = (e: ApiEntry) => e.groups.flatMap((g) => g.names);
const runtimeNames = (e: ApiEntry) => names(e).filter((n) => n.runtime).map((n) => n.name).sort();

/** Engine parts that were public once and are not the user's: no entry may export them again. */
const ENGINE = [
  'ContinuityAccumulator', 'StaffingAccumulator', 'RoutesAccumulator', 'groupVisits', 'overlapsByHalf', 'staffTime', 'analyseVisit',
  'isDoubleStaffed', 'longestTogether', 'peakTogether', 'duplicateRegistrations', 'recurringSlots', 'clientIndices', 'summariseIndices',
  'routeDay', 'unionMinutes', 'routeSpread', 'summariseRoutes', 'LocalZone', 'parseTimestamp', 'parseDay', 'dayWindow', 'monthlyWindows',
  'normaliseHeader', 'resolveColumns', 'detectDelimiter', 'kindMatches', 'knobsFor', 'validateJson', 'xmlEscape',
];

describe('the API report', () => {
  it('docs/api.md is up to date', () => {
    const current = existsSync(api.REPORT) ? readFileSync(api.REPORT, 'utf8') : '';
    expect(current, 'docs/api.md is out of date: run `npm run api` (node test/api-report.mjs) and commit it').toBe(api.apiReport(entries));
  });

  it('the main entry has at most 50 runtime names, as the import gives them', async () => {
    const main = entries.find((e) => e.path === 'kontinuitet')!;
    expect(runtimeNames(main).length).toBeLessThanOrEqual(50);
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual(runtimeNames(main));
  });

  it('the runtime names of every entry are those its module gives', async () => {
    for (const e of entries) expect(Object.keys(await import(/* @vite-ignore */ new URL(`../${e.source}`, import.meta.url).href)).sort(), e.path).toEqual(runtimeNames(e));
  });

  it('no entry exports the engine’s parts', () => {
    const exported = entries.flatMap((e) => names(e).map((n) => `${e.path}:${n.name}`));
    expect(exported.filter((x) => ENGINE.includes(x.split(':')[1]!) || /Accumulator/.test(x))).toEqual([]);
  });

  it('every exported name has a doc comment with an @example', () => {
    const missing = entries.flatMap((e) => names(e).filter((n) => !n.example || n.summary === '').map((n) => `${e.path}:${n.name}`));
    expect(missing).toEqual([]);
  });

  it('public declarations name only types an entry exports', () => {
    expect(unexported).toEqual([]);
  });

  it('the entries are package.json "exports" and tsup’s entries, the package free of side effects', () => {
    const pkg = JSON.parse(readFileSync(join(api.ROOT, 'package.json'), 'utf8')) as { sideEffects: boolean; exports: Record<string, unknown> };
    const tsup = readFileSync(join(api.ROOT, 'tsup.config.ts'), 'utf8');
    expect(pkg.sideEffects).toBe(false);
    const subpath = (p: string) => (p === 'kontinuitet' ? '.' : `.${p.slice('kontinuitet'.length)}`);
    expect(Object.keys(pkg.exports).filter((k) => !k.endsWith('.json')).sort()).toEqual(api.ENTRIES.map((e) => subpath(e.path)).sort());
    for (const e of api.ENTRIES) {
      expect(pkg.exports[subpath(e.path)], e.path).toEqual({
        import: { types: `./dist/${e.dist}.d.ts`, default: `./dist/${e.dist}.js` },
        require: { types: `./dist/${e.dist}.d.cts`, default: `./dist/${e.dist}.cjs` },
      });
      expect(tsup, e.path).toContain(`${e.dist}: '${e.source}'`);
    }
  });
});

describe('the built package', () => {
  beforeAll(() => {
    if (!existsSync(join(api.ROOT, 'dist', 'index.js'))) throw new Error('the built package is tested: run npm run build first');
  });

  /** Runs code in Node from the package's folder, so `kontinuitet/…` is the package itself (its "exports"). */
  function node(code: string, type: 'module' | 'commonjs') {
    const r = spawnSync(process.execPath, [`--input-type=${type}`], { cwd: api.ROOT, input: code, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  }

  it('every entry resolves by its path, in ESM and CommonJS, with the names of its source', () => {
    const paths = JSON.stringify(api.ENTRIES.map((e) => e.path));
    const esm = node(`const out = {}; for (const p of ${paths}) out[p] = Object.keys(await import(p)).sort(); console.log(JSON.stringify(out));`, 'module');
    const cjs = node(`const out = {}; for (const p of ${paths}) out[p] = Object.keys(require(p)).filter((k) => k !== '__esModule').sort(); console.log(JSON.stringify(out));`, 'commonjs');
    const expected = Object.fromEntries(entries.map((e) => [e.path, runtimeNames(e)]));
    expect(esm).toEqual(expected);
    expect(cjs).toEqual(expected);
  });

  it('an error from any entry is the KontinuitetError of the main entry (the entries share their modules)', () => {
    const probe = (load: string) => `${load}
      const caught = [];
      try { await check.loadCheckConfig('/nonexistent/kontinuitet.config.json'); } catch (e) { caught.push(e); }
      try { gen.generateRows({ clients: 0 }); } catch (e) { caught.push(e); }
      try { routes.routes([], { every: 'year' }); } catch (e) { caught.push(e); }
      try { await report.measureForReport(null); } catch (e) { caught.push(e); }
      console.log(JSON.stringify(caught.map((e) => [e instanceof main.KontinuitetError, e.code])));`;
    const esm = node(probe(`const [main, check, gen, routes, report] = await Promise.all(['kontinuitet', 'kontinuitet/check', 'kontinuitet/generate', 'kontinuitet/routes', 'kontinuitet/report'].map((p) => import(p)));`), 'module');
    const cjs = node(`(async () => { ${probe(`const [main, check, gen, routes, report] = ['kontinuitet', 'kontinuitet/check', 'kontinuitet/generate', 'kontinuitet/routes', 'kontinuitet/report'].map((p) => require(p));`)} })();`, 'commonjs');
    const expected = [[true, 'UNREADABLE_INPUT'], [true, 'BAD_OPTION'], [true, 'BAD_OPTION'], [true, 'BAD_SOURCE']];
    expect(esm).toEqual(expected);
    expect(cjs).toEqual(expected);
  });

  it('the type declarations (the entries’ and the chunks they share) hold no engine internals', () => {
    const files = readdirSync(join(api.ROOT, 'dist')).filter((f) => /\.d\.c?ts$/.test(f));
    for (const e of api.ENTRIES) expect(files).toContain(`${e.dist}.d.ts`);
    for (const file of files) expect(readFileSync(join(api.ROOT, 'dist', file), 'utf8'), file).not.toMatch(/Accumulator/);
  });
});
