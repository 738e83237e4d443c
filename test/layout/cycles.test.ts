import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// madge (a devDependency) ships no types: the part of its API this test uses.
interface MadgeGraph {
  obj(): Record<string, string[]>;
  circular(): string[][];
  warnings(): { skipped: string[] };
}
const madge = createRequire(import.meta.url)('madge') as (path: string, config: { fileExtensions: string[] }) => Promise<MadgeGraph>;

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Every TypeScript module under src/, as madge names them (relative, with `/`). */
function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return modules(path);
    return e.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

describe('the import graph of src/', () => {
  it('has no cycle, type-only imports and dynamic imports included', async () => {
    const graph = await madge(SRC, { fileExtensions: ['ts'] });
    // madge resolved every import (a `.js` specifier to its `.ts` module): nothing skipped but
    // the WebAssembly kernels `npm run build` writes (src/engine/kernel/*.wasm.ts), when not built yet
    expect(graph.warnings().skipped.filter((s) => !/kernel\/\w+\.wasm\.js$/.test(s))).toEqual([]);
    // … and saw every module: an import it could not follow would hide the cycles through it
    const seen = new Set([...Object.keys(graph.obj()), ...Object.values(graph.obj()).flat()]);
    expect(modules(SRC).filter((m) => !seen.has(m) && m !== 'index.ts' && !m.endsWith('.as.ts'))).toEqual([]);
    expect(graph.circular()).toEqual([]);
  });

  it('flows one way: the engine, the reader, the windows, the measures and the summary import no output or CLI module', async () => {
    const graph = (await madge(SRC, { fileExtensions: ['ts'] })).obj();
    const upstream = /^(engine|read|windows|measures|summary)\//;
    // a subpath entry (measures/routes/index.ts: `kontinuitet/routes`) gathers the tables too
    const entries = new Set(['measures/routes/index.ts']);
    const reaching = Object.entries(graph)
      .filter(([m]) => upstream.test(m) && !entries.has(m))
      .flatMap(([m, deps]) => deps.filter((d) => /^(outputs|cli)\//.test(d)).map((d) => `${m} → ${d}`));
    expect(reaching).toEqual([]);
  });
});
