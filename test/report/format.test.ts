import { describe, expect, it } from 'vitest';
import { int, num } from '../../src/outputs/report/html/format.js';

// The page's numbers, by hand: thousands grouped by a narrow no-break space (sv) or a comma (en),
// a minus sign for a negative number, rounded to whole numbers.
describe('int', () => {
  it('groups thousands from 1,000 on, rounding first', () => {
    expect(int(999, 'sv')).toBe('999');
    expect(int(999.5, 'sv')).toBe('1\u202f000');
    expect(int(1000, 'en')).toBe('1,000');
    expect(int(12940.4, 'sv')).toBe('12\u202f940');
    expect(int(1234567, 'en')).toBe('1,234,567');
    expect(int(-12940, 'en')).toBe('−12,940');
    expect(int(-7, 'sv')).toBe('−7');
    expect(int(0, 'en')).toBe('0');
  });

  it('groups as num does', () => {
    for (const n of [5, 999, 1000, 20500, 1e6]) expect(int(n, 'sv')).toBe(num(n, 'sv', 0));
  });
});
