import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../cli/run.js';

// Notebook users run the library under Deno: the threaded measure (worker threads) must finish
// there too, with Node's figures. Skipped only where the deno binary is missing outside CI.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DENO = join(ROOT, 'node_modules/.bin/deno');
const INDEX = new URL('../../dist/index.js', import.meta.url).href;
const have = existsSync(DENO);
const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-deno-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!have && !process.env.CI)('under Deno', () => {
  it('the threaded measure of a file over 8 MB finishes and gives Node\'s result', async () => {
    const log = join(dir, 'log.csv');
    spawnSync(process.execPath, [CLI, 'generate', '--clients', '700', '--days', '28', '--out', log]);
    expect(statSync(log).size).toBeGreaterThan(8 << 20);
    const script = join(dir, 'measure.mjs');
    writeFileSync(script, `import { measureContinuity } from ${JSON.stringify(INDEX)};
const r = await measureContinuity(Deno.args[0], { from: '2024-10-07', engine: { threads: 2, watchdogMs: 20000 } });
console.log(JSON.stringify(r));\n`);
    const deno = spawnSync(DENO, ['run', '-A', '--node-modules-dir=manual', script, log], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
    expect(deno.error).toBeUndefined(); // a timeout (the run hung) shows here
    expect(deno.stderr).toBe('');
    const built = await import(INDEX) as typeof import('../../src/index.js');
    const node = await built.measureContinuity(log, { from: '2024-10-07', engine: { threads: 1 } });
    expect(JSON.parse(deno.stdout)).toEqual(JSON.parse(JSON.stringify(node)));
  }, 90_000);
});
