import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The flag is process-wide, so each case runs in a process of its own: a script that starts a
 * worker thread (V8 resets the growth factor when it configures the worker's isolate), keeps a
 * million small objects alive, and prints the size of its young generation as V8 reports it.
 */
const SOURCE = fileURLToPath(new URL('../../src/cli/heap.ts', import.meta.url));
let dir = '';

const SCRIPT = `
import { getHeapSpaceStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { exposeGarbageCollection, keepYoungGenerationSmall, optimiseWorkersAtOnce, releaseMemory } from './heap.mjs';
if (process.argv[2] === 'small') keepYoungGenerationSmall();
if (process.argv[2] === 'at-once' || process.argv[2] === 'queued') {
  setFlagsFromString('--trace-opt'); // V8 prints each function it marks for optimisation, and how
  if (process.argv[2] === 'at-once') optimiseWorkersAtOnce();
  const worker = new Worker('function f(x) { let s = 0; for (let i = 0; i < x; i++) s += i % 7; return s } let t = 0; for (let k = 0; k < 2000; k++) t += f(10000);', { eval: true });
  await once(worker, 'exit');
  process.exit(0);
}
if (process.argv[2] === 'release' || process.argv[2] === 'release-hidden') {
  if (process.argv[2] === 'release') exposeGarbageCollection();
  let kept = Array.from({ length: 300000 }, (_, i) => ({ x: i + 0.5, s: 'v' + i }));
  const held = process.memoryUsage().heapUsed;
  kept = null;
  releaseMemory();
  console.log(held, process.memoryUsage().heapUsed, kept);
  process.exit(0);
}
if (process.argv[2] === 'gc') {
  const before = typeof globalThis.gc;
  exposeGarbageCollection();
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage(typeof globalThis.gc)", { eval: true });
  const [inWorker] = await once(worker, 'message');
  let freed = false;
  const registry = new FinalizationRegistry(() => { freed = true; });
  (() => { registry.register({ big: new Array(1000).fill(0) }, 'x'); })();
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(before, typeof globalThis.gc, inWorker, freed);
  process.exit(0);
}
const worker = new Worker('setTimeout(() => {}, 10)', { eval: true });
await once(worker, 'online');
const kept = [];
for (let i = 0; i < 3e6; i++) { const o = { i, s: 'x' + i }; if (i % 3 === 0) kept.push(o); }
const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
console.log(space.space_size, kept.length);
`;

function youngGenerationBytes(mode: 'small' | 'default'): number {
  const r = spawnSync(process.execPath, [join(dir, 'probe.mjs'), mode], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const [size, kept] = r.stdout.trim().split(' ').map(Number);
  expect(kept).toBe(1e6);
  return size!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontinuitet-heap-'));
  const { code } = await transform(readFileSync(SOURCE, 'utf8'), { loader: 'ts', format: 'esm' });
  writeFileSync(join(dir, 'heap.mjs'), code);
  writeFileSync(join(dir, 'probe.mjs'), SCRIPT);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keepYoungGenerationSmall', () => {
  it('keeps the young generation at two 1 MB semi-spaces, also after a worker starts', () => {
    // V8's new space of 2 × 1 MB semi-spaces reports about 2.1 MB
    expect(youngGenerationBytes('small')).toBeLessThan(3 << 20);
  });

  it('is needed: without it the same work grows the young generation past 8 MB', () => {
    expect(youngGenerationBytes('default')).toBeGreaterThan(8 << 20);
  });
});

describe('optimiseWorkersAtOnce', () => {
  /** How V8 in a worker thread marked its hot function for optimisation: 'kSynchronous' and/or 'kConcurrent'. */
  function modes(mode: 'at-once' | 'queued'): string[] {
    const r = spawnSync(process.execPath, [join(dir, 'probe.mjs'), mode], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return [...new Set(r.stdout.match(/ConcurrencyMode::k\w+/g) ?? [])].sort();
  }

  it('has workers started after it optimise on their own thread; by default they queue it', () => {
    expect(modes('at-once')).toContain('ConcurrencyMode::kSynchronous');
    expect(modes('queued')).toEqual(['ConcurrencyMode::kConcurrent']);
  });
});

describe('exposeGarbageCollection', () => {
  it('gives this thread and workers started after a gc() that collects', () => {
    const r = spawnSync(process.execPath, [join(dir, 'probe.mjs'), 'gc'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('undefined function function true');
  });
});

describe('releaseMemory', () => {
  /** The heap's used bytes with 300,000 objects held (~30 MB), and after they are dropped and releaseMemory runs. */
  function usedBytes(mode: 'release' | 'release-hidden'): [number, number] {
    const r = spawnSync(process.execPath, [join(dir, 'probe.mjs'), mode], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [held, after, kept] = r.stdout.trim().split(' ');
    expect(kept).toBe('null');
    return [Number(held), Number(after)];
  }

  it('collects what was dropped, with gc exposed: most of the 30 MB are gone', () => {
    const [held, after] = usedBytes('release');
    expect(held).toBeGreaterThan(20e6);
    expect(held - after).toBeGreaterThan(20e6);
  });

  it('does nothing without gc exposed (no error)', () => {
    const [held, after] = usedBytes('release-hidden');
    expect(held - after).toBeLessThan(10e6);
  });
});
