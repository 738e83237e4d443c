import { describe, expect, it } from 'vitest';
import { flowLine, placeInRows, spreadApart } from '../../src/outputs/report/svg/place.js';

/** True when two labels of one row overlap (closer than the gap). */
function clash(a: { x: number; w: number }, b: { x: number; w: number }, gap: number): boolean {
  return Math.abs(a.x - b.x) < (a.w + b.w) / 2 + gap;
}

describe('placeInRows', () => {
  it('keeps apart labels on one row and stacks the ones that would touch', () => {
    // median 13 and mean 13.8 one bin apart, the target 14 in between: three rows; 20 far off on row 0
    const labels = [{ at: 140, width: 60 }, { at: 148, width: 70 }, { at: 152, width: 50 }, { at: 200, width: 16 }];
    const { placed, rows } = placeInRows(labels, { min: 0, max: 360, gap: 8 });
    expect(rows).toBe(3);
    expect(placed.map((p) => p.row)).toEqual([0, 1, 2, 0]);
    expect(placed.map((p) => p.x)).toEqual([140, 148, 152, 200]); // none moved inside the bounds
  });

  it('never lets two labels of a row overlap, and keeps them inside the bounds (property)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 200; run++) {
      const labels = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => ({ at: rand() * 400 - 20, width: 10 + rand() * 80 }));
      const { placed, rows } = placeInRows(labels, { min: 0, max: 360, gap: 6 });
      expect(Math.max(...placed.map((p) => p.row)) + 1).toBe(rows);
      labels.forEach((l, i) => {
        expect(placed[i]!.x - l.width / 2).toBeGreaterThanOrEqual(0);
        expect(placed[i]!.x + l.width / 2).toBeLessThanOrEqual(360);
        for (let j = 0; j < i; j++) {
          if (placed[j]!.row !== placed[i]!.row) continue;
          expect(clash({ x: placed[i]!.x, w: l.width }, { x: placed[j]!.x, w: labels[j]!.width }, 6)).toBe(false);
        }
      });
    }
  });

  it('moves a label at the edge inwards by exactly what sticks out', () => {
    const { placed } = placeInRows([{ at: 5, width: 40 }, { at: 358, width: 20 }], { min: 0, max: 360, gap: 4 });
    expect(placed).toEqual([{ x: 20, row: 0 }, { x: 350, row: 0 }]);
  });
});

describe('spreadApart', () => {
  it('moves close labels apart around their mean and leaves the others', () => {
    // 100 and 104 want to be 14 apart: centred on 102 → 95 and 109
    expect(spreadApart([100, 104, 200], 14, 0, 300)).toEqual([95, 109, 200]);
    expect(spreadApart([50, 10], 14, 0, 300)).toEqual([50, 10]);
  });

  it('keeps every pair at least the size apart, inside the bounds when they fit (property)', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 200; run++) {
      const wanted = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => rand() * 120);
      const out = spreadApart(wanted, 14, 0, 120);
      const sorted = [...out].sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(14 - 1e-9);
      for (const v of out) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of out) expect(v).toBeLessThanOrEqual(120);
    }
  });

  it('keeps the order of the wanted positions', () => {
    const out = spreadApart([30, 20, 25], 10, 0, 100);
    expect(out[1]! < out[2]! && out[2]! < out[0]!).toBe(true);
  });
});

describe('flowLine', () => {
  it('starts a new line when the next item would pass the edge', () => {
    expect(flowLine([50, 50, 50], { x0: 0, maxX: 120, gap: 10 })).toEqual({ at: [{ x: 0, line: 0 }, { x: 60, line: 0 }, { x: 0, line: 1 }], lines: 2 });
    expect(flowLine([200], { x0: 10, maxX: 120, gap: 10 })).toEqual({ at: [{ x: 10, line: 0 }], lines: 1 });
    expect(flowLine([], { x0: 0, maxX: 120, gap: 10 }).lines).toBe(0);
  });
});
