/**
 * Label placement for the charts: labels are placed where they cannot overlap (by their
 * estimated widths, see `textWidth`), never left to chance.
 */

/** A label to place on a line: the position it belongs to and its width. */
export interface LabelSpan {
  at: number;
  width: number;
}

/**
 * Places labels centred on their positions in rows: each label is first kept inside
 * `[min, max]` (moved inwards when it would stick out), then put in the first row where it keeps
 * `gap` from every label already there; a new row is opened when none has room. Labels are
 * taken in order of position. Returns, per label in the given order, its centre and row (0 is
 * the row nearest the plot), and the number of rows used.
 *
 * @example
 * placeInRows([{ at: 10, width: 40 }, { at: 20, width: 40 }, { at: 100, width: 20 }], { min: 0, max: 200, gap: 4 });
 * // → { placed: [{ x: 20, row: 0 }, { x: 20, row: 1 }, { x: 100, row: 0 }], rows: 2 }
 */
export function placeInRows(labels: readonly LabelSpan[], bounds: { min: number; max: number; gap: number }): { placed: { x: number; row: number }[]; rows: number } {
  const order = labels.map((l, i) => ({ l, i })).sort((a, b) => a.l.at - b.l.at || a.i - b.i);
  const rowEnds: number[] = [];
  const placed: { x: number; row: number }[] = labels.map(() => ({ x: 0, row: 0 }));
  for (const { l, i } of order) {
    const half = l.width / 2;
    // inside the bounds when it fits; a label wider than them starts at `min`
    const x = Math.max(bounds.min + half, Math.min(bounds.max - half, l.at));
    let row = rowEnds.findIndex((end) => x - half >= end + bounds.gap);
    if (row < 0) row = rowEnds.push(-Infinity) - 1;
    rowEnds[row] = x + half;
    placed[i] = { x, row };
  }
  return { placed, rows: rowEnds.length };
}

/**
 * Moves labels along one axis (e.g. the y positions of labels at the right of a chart) as
 * little as needed so that any two are at least `size` apart, staying inside `[min, max]` when
 * they fit there. Returns the new positions in the given order.
 *
 * @example
 * spreadApart([100, 104, 200], 14, 0, 300); // → [95, 109, 200]
 */
export function spreadApart(wanted: readonly number[], size: number, min: number, max: number): number[] {
  const order = wanted.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  // clusters of labels that touch are centred on the mean of their wanted positions
  const clusters: { start: number; items: number[] }[] = [];
  for (const { v, i } of order) {
    clusters.push({ start: v, items: [i] });
    for (;;) {
      const last = clusters[clusters.length - 1]!;
      const want = last.items.reduce((a, k) => a + wanted[k]!, 0) / last.items.length - ((last.items.length - 1) * size) / 2;
      last.start = Math.max(min, Math.min(max - (last.items.length - 1) * size, want));
      const prev = clusters[clusters.length - 2];
      if (prev === undefined || prev.start + prev.items.length * size <= last.start) break;
      prev.items.push(...last.items);
      clusters.pop();
    }
  }
  const out = wanted.slice();
  for (const c of clusters) c.items.forEach((k, j) => (out[k] = c.start + j * size));
  return out;
}

/**
 * Flows items (legend entries) from left to right, starting a new line when the next would pass
 * `maxX`. Returns each item's position (its left edge and line) and the number of lines.
 *
 * @example
 * flowLine([50, 50, 50], { x0: 0, maxX: 120, gap: 10 }); // → { at: [{ x: 0, line: 0 }, { x: 60, line: 0 }, { x: 0, line: 1 }], lines: 2 }
 */
export function flowLine(widths: readonly number[], o: { x0: number; maxX: number; gap: number }): { at: { x: number; line: number }[]; lines: number } {
  let x = o.x0, line = 0;
  const at = widths.map((w) => {
    if (x > o.x0 && x + w > o.maxX) (x = o.x0), line++;
    const here = { x, line };
    x += w + o.gap;
    return here;
  });
  return { at, lines: widths.length === 0 ? 0 : line + 1 };
}
