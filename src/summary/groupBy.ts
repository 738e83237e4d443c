/**
 * Items grouped by a text key, each group in the items' order; the keys in the order first seen.
 * One pass over the items (a filter per key would take one pass per key).
 *
 * @example
 * groupBy([{ g: 'b', n: 1 }, { g: 'a', n: 2 }, { g: 'b', n: 3 }], (x) => x.g);
 * // → Map { 'b' => [{ g: 'b', n: 1 }, { g: 'b', n: 3 }], 'a' => [{ g: 'a', n: 2 }] }
 */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [item]);
    else list.push(item);
  }
  return groups;
}

/**
 * The keys of a {@link groupBy} result in sort order (code unit order, as `Array.prototype.sort`).
 *
 * @example
 * sortedKeys(groupBy(['b', 'a', 'b'], (x) => x)); // → ['a', 'b']
 */
export function sortedKeys(groups: ReadonlyMap<string, unknown>): string[] {
  return [...groups.keys()].sort();
}
