/**
 * Storage of the label-setting DP (`./exactLabelDp.ts`): the growable struct-of-arrays label
 * pool, the doubling growth of its typed candidate buffers, the buffers kept from one search to
 * the next, and the total order of candidates.
 *
 * @module
 */


/** Growable typed-array store of labels (struct of arrays). */
export class LabelPool {
  size = 0;
  travel: Float64Array;
  time: Float64Array;
  late: Float64Array;
  parent: Int32Array;
  node: Int32Array;
  constructor(cap: number) {
    this.travel = new Float64Array(cap);
    this.time = new Float64Array(cap);
    this.late = new Float64Array(cap);
    this.parent = new Int32Array(cap);
    this.node = new Int32Array(cap);
  }
  push(travel: number, time: number, late: number, parent: number, node: number): number {
    if (this.size === this.travel.length) this.grow();
    const i = this.size++;
    this.travel[i] = travel;
    this.time[i] = time;
    this.late[i] = late;
    this.parent[i] = parent;
    this.node[i] = node;
    return i;
  }
  /**
   * Pushes candidate `c` of the candidate arrays as a label at node `node` (lateness 0 unless
   * `withLate`): {@link LabelPool.push} without its numbers passed (each a new heap number when
   * the call is not inlined).
   */
  pushCandidate(c: number, travel: Float64Array, time: Float64Array, late: Float64Array, parent: Int32Array, node: number, withLate: boolean): void {
    if (this.size === this.travel.length) this.grow();
    const i = this.size++;
    this.travel[i] = travel[c] as number;
    this.time[i] = time[c] as number;
    this.late[i] = withLate ? (late[c] as number) : 0;
    this.parent[i] = parent[c] as number;
    this.node[i] = node;
  }
  private grow(): void {
    const cap = this.travel.length * 2;
    const t = new Float64Array(cap);
    t.set(this.travel);
    this.travel = t;
    const ti = new Float64Array(cap);
    ti.set(this.time);
    this.time = ti;
    const l = new Float64Array(cap);
    l.set(this.late);
    this.late = l;
    const p = new Int32Array(cap);
    p.set(this.parent);
    this.parent = p;
    const n = new Int32Array(cap);
    n.set(this.node);
    this.node = n;
  }
}

/**
 * Elements past which the label DP's buffers are not kept (16,384: ~2 MB for them all; kept up
 * to 131,072 they held ~20 MB more of a 2M-row routes run's peak RSS, for no fewer collections).
 *
 * @example
 * LABEL_KEEP; // → 16384
 */
export const LABEL_KEEP = 1 << 14;

/**
 * The label pool, candidate and state buffers of the label DP, kept from one search to the next
 * (each grown by doubling; a new search starts from new small ones when any grew past
 * {@link LABEL_KEEP} elements, so a rare big search's buffers do not stay in memory). Whoever
 * grows a buffer in a search stores it back here; every entry a search reads it has written.
 */
export class LabelBuffers {
  readonly pool = new LabelPool(64);
  cSlot = new Int32Array(64);
  cTravel = new Float64Array(64);
  cTime = new Float64Array(64);
  cLate = new Float64Array(64);
  cParent = new Int32Array(64);
  gMask = new Int32Array(16);
  slotDeadline = new Float64Array(16);
  slotTravelLb = new Float64Array(16);
  order = new Int32Array(64);
  bucket = new Int32Array(16);
  /** A layer's states (subset, last node, first label, labels), and the spare set the next layer is written into. */
  stMask = new Int32Array(16);
  stNode = new Int32Array(16);
  stStart = new Int32Array(16);
  stCount = new Int32Array(16);
  spareMask = new Int32Array(16);
  spareNode = new Int32Array(16);
  spareStart = new Int32Array(16);
  spareCount = new Int32Array(16);
  readonly tmp: number[] = [];
  readonly sparse = new Map<number, number>();

  /** These buffers emptied for a new search, or new ones if any grew too big to keep. */
  fresh(): LabelBuffers {
    const big = Math.max(this.pool.travel.length, this.cSlot.length, this.order.length, this.bucket.length, this.slotDeadline.length,
      this.gMask.length, this.stMask.length, this.spareMask.length);
    if (big > LABEL_KEEP) return new LabelBuffers();
    this.pool.size = 0;
    this.tmp.length = 0;
    this.sparse.clear();
    return this;
  }
}

export function growF64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
export function growI32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Whether candidate `x` comes after `y`: by lateness, travel, time, then number (a total order). */
export function candidateAfter(x: number, y: number, late: Float64Array, travel: Float64Array, time: Float64Array): boolean {
  const dl = (late[x] as number) - (late[y] as number);
  if (dl !== 0) return dl > 0;
  const dt = (travel[x] as number) - (travel[y] as number);
  if (dt !== 0) return dt > 0;
  const dm = (time[x] as number) - (time[y] as number);
  return dm !== 0 ? dm > 0 : x > y;
}
