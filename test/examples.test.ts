import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The examples run against the built package, imported by its name: a file inside the package
 * that imports 'kontinuitet' gets the package itself through its "exports" (Node's self-reference),
 * i.e. dist/ as `npx tsup` left it. The TypeScript twin of the notebook is compiled with esbuild
 * and run by Node from the examples folder.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const SAMPLE = join(ROOT, 'data', 'sample-visits.csv');

function node(args: string[], options: { cwd?: string; input?: string } = {}) {
  return spawnSync(process.execPath, args, { cwd: options.cwd ?? ROOT, input: options.input, encoding: 'utf8', maxBuffer: 64 << 20 });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('examples run against the built package: run npx tsup first');
});

describe('examples/', () => {
  it('has a README that indexes every example', () => {
    const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
    for (const f of ['quickstart.mjs', 'notebook.ipynb', 'notebook.ts', 'notebook-build.mjs', 'github-actions/']) expect(readme).toContain(`(${f})`);
  });

  it('quickstart.mjs prints the sample’s figures and writes the report', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kontinuitet-quickstart-')), 'report.html');
    const r = node([join(EXAMPLES, 'quickstart.mjs'), SAMPLE, out], { cwd: tmpdir() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // the figures data/README.md states for the sample: 14.4 and 13.2 over 43 counted clients each
    expect(r.stdout).toMatch(/^2024-10-07 – 2024-10-20: mean 14\.4, .*\(43 clients counted of 70 served\)$/m);
    expect(r.stdout).toMatch(/^2024-11-04 – 2024-11-17: mean 13\.2, .*\(43 clients counted of 70 served\)$/m);
    expect(r.stdout).toMatch(/^rows: 12940 read, /m);
    expect(r.stdout).toContain(`report: ${out}`);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>\n<html lang="en">/);
  });

  it('notebook.ts, the notebook’s twin, runs', async () => {
    const { code } = await transform(readFileSync(join(EXAMPLES, 'notebook.ts'), 'utf8'), { loader: 'ts', format: 'esm', target: 'node20' });
    const r = node(['--input-type=module'], { cwd: EXAMPLES, input: code });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('notebook.ipynb is a Deno notebook with the twin’s cells and their outputs, up to date', () => {
    const nb = JSON.parse(readFileSync(join(EXAMPLES, 'notebook.ipynb'), 'utf8')) as {
      metadata: { kernelspec: { name: string; language: string } };
      cells: { cell_type: string; source: string[]; execution_count?: number; outputs?: { output_type: string; data?: Record<string, string[]> }[] }[];
    };
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'deno', language: 'typescript' });
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
    const shown = code.slice(1).map((c) => Object.keys(c.outputs?.[0]?.data ?? {}).sort().join(','));
    expect(shown.filter((m) => m === 'image/svg+xml,text/plain')).toHaveLength(3);
    expect(shown.filter((m) => m === 'text/html,text/plain')).toHaveLength(2);
    expect(shown.every((m) => m !== '')).toBe(true);
    const check = node([join(EXAMPLES, 'notebook-build.mjs'), '--check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
