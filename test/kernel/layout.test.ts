import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as layout from '../../src/engine/kernel/layout.js';

const kernel = (name: string) => readFileSync(new URL(`../../src/engine/kernel/${name}`, import.meta.url), 'utf8');

describe('the memory layouts shared by the kernels and the TypeScript', () => {
  it('the column addresses are the words 0 … COLUMNS − 1, each once; the laid-out ones come first', () => {
    const columns = Object.entries(layout).filter(([k]) => !/^(COLUMNS|LAID_OUT|RECORD_|CODED_|KERNEL_|SLOT_|TABLE_STATE|CHECKS)/.test(k)).map(([, v]) => v).sort((a, b) => a - b);
    expect(columns).toEqual(Array.from({ length: layout.COLUMNS }, (_, k) => k));
    expect(layout.LAID_OUT).toBe(layout.PER_DAY);
  });

  it('the row settings follow one another as split.as.ts reads them', () => {
    expect(layout.SLOT_TABLES).toBe(layout.SLOT_COLUMNS + 4 * layout.CODED_SLOTS);
    expect(layout.TABLE_STATE).toBe(layout.SLOT_TABLES + 4 * layout.CODED_SLOTS);
    expect(layout.CHECKS).toBe(layout.TABLE_STATE + 32 * layout.CODED_TABLES);
    // a record: head words, then the flags word, then one word per coded slot, all inside the head
    expect(layout.RECORD_VALUES).toBe(layout.RECORD_FLAGS + 1);
    expect(layout.RECORD_VALUES + layout.CODED_SLOTS).toBeLessThanOrEqual(layout.RECORD_HEAD);
  });

  it('the kernels define no layout constant of their own: they import it from layout.ts', () => {
    const names = Object.keys(layout).join('|');
    for (const file of ['rows.as.ts', 'split.as.ts']) {
      const source = kernel(file);
      expect(source, file).toMatch(/from '\.\/layout';/);
      expect(source.match(new RegExp(`^\\s*const (${names}) =`, 'm')), file).toBeNull();
    }
  });
});
