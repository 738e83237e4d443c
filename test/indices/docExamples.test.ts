/**
 * Runs the `@example` blocks of the JSDoc in src/measures/indices and checks their stated output, and checks
 * that every export has a JSDoc comment. An example line is `expression; // → expected`, or an
 * expression line followed by `// → expected` continued on further `//` lines.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as shares from '../../src/measures/indices/contactPersonShare.js';
import * as indices from '../../src/measures/indices/continuityIndices.js';

// every function of the folder's modules, the ones it exports to users and the ones the engine uses
const api = { ...indices, ...shares };

const dir = new URL('../../src/measures/indices/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

interface Example {
  file: string;
  code: string;
  expected: string;
}

function examplesOf(file: string, source: string): Example[] {
  const out: Example[] = [];
  for (const block of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = block
      .split('\n')
      .map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
    let inExample = false;
    const body: string[] = [];
    for (const l of lines) {
      if (l.startsWith('@')) inExample = l.startsWith('@example');
      else if (inExample) body.push(l.trimEnd());
    }
    for (let i = 0; i < body.length; i++) {
      const line = body[i] ?? '';
      const inline = /^(.+?;)\s*\/\/ → (.+)$/.exec(line);
      if (inline) {
        out.push({ file, code: inline[1] ?? '', expected: inline[2] ?? '' });
      } else if (line !== '' && !line.startsWith('//') && (body[i + 1] ?? '').startsWith('// → ')) {
        const parts = [(body[i + 1] ?? '').slice('// → '.length)];
        let j = i + 2;
        while ((body[j] ?? '').startsWith('//') && !(body[j] ?? '').startsWith('// →')) {
          parts.push((body[j] ?? '').slice(2));
          j++;
        }
        out.push({ file, code: line, expected: parts.join(' ') });
        i = j - 1;
      }
    }
  }
  return out;
}

const all = files.flatMap((f) => examplesOf(f, readFileSync(new URL(f, dir), 'utf8')));
const names = Object.keys(api);
const run = (code: string): unknown =>
  new Function(...names, `return (${code.replace(/;\s*$/, '')});`)(...names.map((n) => (api as Record<string, unknown>)[n]));

describe('JSDoc examples in src/measures/indices', () => {
  it('finds examples for every exported function', () => {
    for (const fn of names) expect(all.some((e) => e.code.includes(`${fn}(`))).toBe(true);
  });

  it.each(all.map((e) => [e.file, e.code, e.expected] as const))('%s: %s', (_file, code, expected) => {
    expect(run(code)).toEqual(run(expected));
  });

  it('every export has a JSDoc comment that names a reference or formula', () => {
    for (const f of files) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      for (const m of src.matchAll(/export (?:function|interface|type|const) (\w+)/g)) {
        const before = src.slice(0, m.index).trimEnd();
        expect(before.endsWith('*/'), `${f}: ${m[1]} has no JSDoc`).toBe(true);
      }
    }
  });

  it('cites the references', () => {
    const src = readFileSync(new URL('continuityIndices.ts', dir), 'utf8');
    for (const ref of ['Bice & Boxerman 1977', 'Steinwachs 1979', 'Breslau & Reeb 1975', 'Magill & Senf 1987', 'Herfindahl–Hirschman'])
      expect(src).toContain(ref);
  });
});
