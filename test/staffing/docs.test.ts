import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every export of src/measures/staffing and of the staffing command has a JSDoc comment with an @example. */
const files = [
  ...readdirSync(new URL('../../src/measures/staffing/', import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => new URL(`../../src/measures/staffing/${f}`, import.meta.url)),
  new URL('../../src/cli/staffing.ts', import.meta.url),
];

describe('staffing docs', () => {
  for (const file of files) {
    it(`${file.pathname.split('/src/')[1]}: every export has a JSDoc with @example`, () => {
      const source = readFileSync(file, 'utf8');
      const missing: string[] = [];
      for (const m of source.matchAll(/^export (?:async )?(?:function|const|class|interface|type) (\w+)/gm)) {
        const before = source.slice(0, m.index);
        const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/.exec(before);
        if (doc === null || !doc[1]!.includes('@example')) missing.push(m[1]!);
      }
      expect(missing).toEqual([]);
    });
  }
});
