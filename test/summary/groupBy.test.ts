import { describe, expect, it } from 'vitest';
import { groupBy, sortedKeys } from '../../src/summary/groupBy.js';

describe('groupBy', () => {
  it('groups in one pass, keeping item order within a group and first-seen order of keys', () => {
    const items = [{ g: 'b', n: 1 }, { g: 'a', n: 2 }, { g: 'b', n: 3 }, { g: 'Ö', n: 4 }, { g: 'a', n: 5 }];
    const groups = groupBy(items, (x) => x.g);
    expect([...groups.keys()]).toEqual(['b', 'a', 'Ö']);
    expect(groups.get('b')!.map((x) => x.n)).toEqual([1, 3]);
    expect(groups.get('a')!.map((x) => x.n)).toEqual([2, 5]);
    // code unit order: 'Ö' (U+00D6) after 'b'
    expect(sortedKeys(groups)).toEqual(['a', 'b', 'Ö']);
    expect(groupBy([], (x: string) => x).size).toBe(0);
  });
});
