import { describe, expect, it } from 'vitest';
import { LabelBuffers } from '../../src/measures/routes/exactLabelPool.js';
import { SCRATCH_KEEP } from '../../src/measures/routes/scratch.js';

describe('LabelBuffers.fresh: the label DP buffers kept from one search to the next', () => {
  it('gives the same buffers back, emptied, while none grew past SCRATCH_KEEP', () => {
    const b = new LabelBuffers();
    b.pool.push(1, 2, 0, -1, 0);
    b.pool.push(3, 4, 0, 0, 1);
    b.tmp.push(7, 8);
    b.sparse.set(5, 0);
    b.cSlot = new Int32Array(SCRATCH_KEEP);
    const again = b.fresh();
    expect(again).toBe(b);
    expect([again.pool.size, again.tmp.length, again.sparse.size, again.cSlot.length]).toEqual([0, 0, 0, SCRATCH_KEEP]);
  });

  it('gives new small buffers once one grew past SCRATCH_KEEP', () => {
    const b = new LabelBuffers();
    for (let i = 0; i <= SCRATCH_KEEP; i++) b.pool.push(i, i, 0, i - 1, 0);
    const again = b.fresh();
    expect(again).not.toBe(b);
    expect([again.pool.size, again.pool.travel.length, again.cSlot.length]).toEqual([0, 64, 64]);
  });
});
