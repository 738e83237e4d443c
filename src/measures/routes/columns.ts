/**
 * The columns the route figures' rows are kept in (rows.ts): typed arrays in blocks taken from
 * large slabs, times as numbers (the visit ids: visitIds.ts).
 *
 * @module
 */

/** Rows in a block of every column: 65,536. */
const BITS = 16;
const BLOCK = 1 << BITS;
const MASK = BLOCK - 1;

/** Bytes in a slab ({@link Slabs}): 33 MB (the first one 1 MB). */
const SLAB = 33 << 20;

/**
 * Memory for blocks of columns, cut from slabs of 33 MB (after a first one of 1 MB, so a small log
 * takes little). An allocation that big is a mapping of its own (above glibc's largest mmap
 * threshold, 32 MB), so when the columns cut from it are let go it goes back to the system, and
 * its pages become resident only as rows reach them; blocks allocated one by one came from the
 * process heap, whose freed space stays resident (a 2M-row log held ~40 MB of rows it no longer
 * had). Columns let go together share slabs.
 */
export class Slabs {
  private slab = new ArrayBuffer(0);
  private used = 0;
  private next = 1 << 20;

  /** `size`: bytes in each slab after the first (33 MB: a mapping of its own whatever glibc's threshold). */
  constructor(private readonly size = SLAB) {}

  f64(n: number): Float64Array {
    const at = this.take(8 * n);
    return new Float64Array(this.slab, at, n);
  }

  i32(n: number): Int32Array {
    const at = this.take(4 * n);
    return new Int32Array(this.slab, at, n);
  }

  u16(n: number): Uint16Array {
    const at = this.take(2 * n);
    return new Uint16Array(this.slab, at, n);
  }

  bytes(n: number): Buffer {
    const at = this.take(n);
    return Buffer.from(this.slab, at, n);
  }

  /** Where `bytes` bytes begin in the current slab (a new one when they do not fit), 8-byte aligned. */
  private take(bytes: number): number {
    if (this.used + bytes > this.slab.byteLength) {
      this.slab = new ArrayBuffer(Math.max(this.next, bytes));
      this.next = this.size;
      this.used = 0;
    }
    const at = this.used;
    this.used += (bytes + 7) & ~7;
    return at;
  }
}

type Numbers = Float64Array | Int32Array;

/**
 * A column of numbers in blocks of 65,536 rows: it grows a block at a time, so nothing it holds is
 * ever copied (a doubling array holds up to twice its rows, and both sizes at once while it grows).
 */
export class Column<A extends Numbers> {
  readonly blocks: A[] = [];
  /** `whole`: every value is a whole number of 32 bits (an Int32Array column). */
  constructor(private readonly make: () => A, readonly whole = false) {}

  get(i: number): number {
    return this.blocks[i >>> BITS]![i & MASK]!;
  }

  /** The value of row `i`, or null when the column has none for it (NaN, or a block never made). */
  optional(i: number): number | null {
    const x = this.blocks[i >>> BITS]?.[i & MASK];
    return x === undefined || Number.isNaN(x) ? null : x;
  }

  /** The value of row `i`, NaN when the column has none for it (a block never made). */
  valueOrNaN(i: number): number {
    return this.blocks[i >>> BITS]?.[i & MASK] ?? Number.NaN;
  }

  set(i: number, v: number): void {
    const b = i >>> BITS;
    while (this.blocks.length <= b) this.blocks.push(this.make());
    this.blocks[b]![i & MASK] = v;
  }

  permute(order: Int32Array, into: Int32Array | Float64Array): void {
    permuteBlocks(this.blocks, order, into);
  }

  /** The column as {@link permuteRows} moves a column whose rows may lack a value: NaN read where a block was never made, and NaN written into none. */
  sparse(): MovedColumn {
    return {
      get: (i) => this.valueOrNaN(i),
      set: (i, v) => {
        if (v === v || this.blocks[i >>> BITS] !== undefined) this.set(i, v);
      },
    };
  }
}

/** {@link MovedColumn.permute} for a column in blocks of {@link BLOCK} rows, every row 0 … order.length − 1 in a block. */
function permuteBlocks(blocks: readonly (Uint16Array | Int32Array | Float64Array)[], order: Int32Array, into: Int32Array | Float64Array): void {
  const n = order.length;
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    into[p] = blocks[i >>> BITS]![i & MASK]!;
  }
  for (let b = 0, at = 0; at < n; b++, at += BLOCK) blocks[b]!.set(into.subarray(at, Math.min(at + BLOCK, n)));
}

/** A column of numbers (`absent`: NaN until set, for a column whose rows may have none). */
export const numbers = (slabs: Slabs, absent = false) => new Column(() => (absent ? slabs.f64(BLOCK).fill(Number.NaN) : slabs.f64(BLOCK)));
/** A column of whole numbers of 32 bits. */
export const ints = (slabs: Slabs) => new Column(() => slabs.i32(BLOCK), true);

/**
 * A column of whole numbers 0 … 2³¹ − 1 in blocks: two bytes a row while every number is below
 * 65,536 (ids of staff, clients, groups, points; durations in seconds up to 18 hours), four from
 * the first that is not (the blocks so far are widened then, once).
 */
export class Whole {
  private blocks: (Uint16Array | Int32Array)[] = [];
  private wide = false;
  readonly whole = true;
  constructor(private readonly slabs: Slabs) {}

  get(i: number): number {
    return this.blocks[i >>> BITS]![i & MASK]!;
  }

  permute(order: Int32Array, into: Int32Array | Float64Array): void {
    permuteBlocks(this.blocks, order, into);
  }

  /**
   * The numbers of rows 0 … n − 1 in one array (two bytes each, or four once the column is wide):
   * what a loop over every row reads without a call per row.
   *
   * @example
   * column.copy(3); // → Uint16Array [rows 0, 1 and 2's numbers]
   */
  copy(n: number): Uint16Array | Int32Array {
    const out = this.wide ? new Int32Array(n) : new Uint16Array(n);
    for (let b = 0, at = 0; at < n; b++, at += BLOCK) out.set(this.blocks[b]!.subarray(0, Math.min(BLOCK, n - at)), at);
    return out;
  }

  /** The numbers of rows b × 65,536 … (b + 1) × 65,536 − 1, as kept (two bytes each, or four once the column is wide). */
  block(b: number): Uint16Array | Int32Array {
    return this.blocks[b]!;
  }

  /**
   * Sets rows `at`, `at + 1` … to `values` (as {@link Whole.set} does a row at a time): two-byte
   * values a block at a time.
   *
   * @example
   * column.setRun(0, Uint16Array.of(4, 2)); // column.get(1) → 2
   */
  setRun(at: number, values: Uint16Array | Int32Array): void {
    const n = values.length;
    if (values instanceof Int32Array) {
      for (let r = 0; r < n; r++) this.set(at + r, values[r]!);
      return;
    }
    for (let r = 0; r < n;) {
      const i = at + r, b = i >>> BITS, m = Math.min(n - r, BLOCK - (i & MASK));
      while (this.blocks.length <= b) this.blocks.push(this.wide ? this.slabs.i32(BLOCK) : this.slabs.u16(BLOCK));
      this.blocks[b]!.set(values.subarray(r, r + m), i & MASK);
      r += m;
    }
  }

  set(i: number, v: number): void {
    if (v > 0xffff && !this.wide) {
      this.wide = true;
      this.blocks = this.blocks.map((b) => {
        const wider = this.slabs.i32(BLOCK);
        wider.set(b);
        return wider;
      });
    }
    const b = i >>> BITS;
    while (this.blocks.length <= b) this.blocks.push(this.wide ? this.slabs.i32(BLOCK) : this.slabs.u16(BLOCK));
    this.blocks[b]![i & MASK] = v;
  }
}

/**
 * Copies `from[a, b)` into `to` at `at`, a byte at a time: a visit id is a few bytes, and a view
 * of them to `set` from would be an object a row.
 *
 * @example
 * const to = new Uint8Array(4);
 * copyBytes(to, 1, Uint8Array.of(7, 8, 9), 1, 3); // to → [0, 8, 9, 0]
 */
export function copyBytes(to: Uint8Array, at: number, from: Uint8Array, a: number, b: number): void {
  for (let k = a; k < b; k++) to[at++] = from[k]!;
}

/**
 * Whether a row's start and end (epoch ms) are whole seconds from `base` and from its start, each
 * fitting 32 bits and giving the instant back exactly: `base + s × 1000` is `start` and
 * `start + d × 1000` is `end`, for `s = (start − base) / 1000` and `d = (end − start) / 1000 ≥ 0`.
 *
 * @example
 * inWholeSeconds(1727762400000, 1727762460000, 1727764260000); // → true (s = 60, d = 1800)
 * inWholeSeconds(1727762400000, 1727762460500, 1727764260000); // → false (half a second)
 */
export function inWholeSeconds(base: number, start: number, end: number): boolean {
  const s = (start - base) / 1000, d = (end - start) / 1000;
  return Number.isInteger(s) && Math.abs(s) <= 0x7fffffff && Number.isInteger(d) && d >= 0 && d <= 0x7fffffff
    && base + s * 1000 === start && start + d * 1000 === end;
}

/**
 * The start and end (epoch ms) of the rows: whole seconds from the first row's start (four bytes)
 * and the duration in whole seconds (two bytes up to 18 hours), each checked to give the instant
 * back exactly; from the first row that does not fit (a time with milliseconds, a log over more
 * than 68 years) both as numbers (eight bytes each) for every row.
 */
export class Times {
  private base = Number.NaN;
  private readonly seconds: Column<Int32Array>;
  private readonly durations: Whole;
  private exact: { start: Column<Float64Array>; end: Column<Float64Array> } | null = null;

  constructor(private readonly slabs: Slabs) {
    this.seconds = ints(slabs);
    this.durations = new Whole(slabs);
  }

  add(i: number, start: number, end: number): void {
    if (this.exact === null) {
      if (i === 0) this.base = start;
      if (inWholeSeconds(this.base, start, end)) {
        this.seconds.set(i, (start - this.base) / 1000);
        this.durations.set(i, (end - start) / 1000);
        return;
      }
      const exact = { start: numbers(this.slabs), end: numbers(this.slabs) };
      for (let k = 0; k < i; k++) {
        exact.start.set(k, this.start(k));
        exact.end.set(k, this.end(k));
      }
      this.exact = exact;
    }
    this.exact.start.set(i, start);
    this.exact.end.set(i, end);
  }

  /**
   * {@link Times.add} of rows `at` … `at + n − 1` given as whole seconds after `base` (`seconds`)
   * and durations in seconds, as a chunk of rows holds them (rows-chunk.ts); false, with nothing
   * added, when they cannot be kept as whole seconds from the first row's start (then add them a
   * row at a time).
   *
   * @example
   * times.addRun(0, 2, 1727762400000, Int32Array.of(0, 60), Int32Array.of(1800, 900)); // → true
   */
  addRun(at: number, n: number, base: number, seconds: Int32Array, durations: Int32Array): boolean {
    if (this.exact !== null || n === 0) return n === 0;
    const first = at === 0 ? base : this.base;
    // base + seconds × 1000 is each start exactly (the chunk checked it), so first + (seconds + shift) × 1000 is too
    const shift = (base - first) / 1000;
    if (!Number.isInteger(shift)) return false;
    for (let r = 0; r < n; r++) {
      const s = seconds[r]! + shift;
      if (s > 0x7fffffff || s < -0x7fffffff) return false;
    }
    this.base = first;
    for (let r = 0; r < n; r++) this.seconds.set(at + r, seconds[r]! + shift);
    this.durations.setRun(at, durations.subarray(0, n));
    return true;
  }

  /** The columns the times are kept in, for {@link permuteRows}. */
  moved(): MovedColumn[] {
    const e = this.exact;
    return e !== null ? [e.start, e.end] : [this.seconds, this.durations];
  }

  start(i: number): number {
    return this.exact !== null ? this.exact.start.get(i) : this.base + this.seconds.get(i) * 1000;
  }

  /**
   * The rows of 0 … n − 1 under way at one of the instants `at` (their start before it, their end
   * at or after it: what a window ending then cuts), in order; read a block at a time.
   *
   * @example
   * times.across([midnight], n); // → [the rows from before midnight until midnight or later]
   */
  across(at: readonly number[], n: number): number[] {
    const rows: number[] = [];
    if (at.length === 0) return rows;
    const first = Math.min(...at), last = Math.max(...at);
    const test = (i: number, start: number, end: number) => {
      if (end < first || start >= last) return;
      for (const t of at) {
        if (start < t && t <= end) {
          rows.push(i);
          return;
        }
      }
    };
    for (let b = 0, from = 0; from < n; b++, from += BLOCK) {
      const m = Math.min(BLOCK, n - from);
      if (this.exact !== null) {
        const start = this.exact.start.blocks[b]!, end = this.exact.end.blocks[b]!;
        for (let j = 0; j < m; j++) test(from + j, start[j]!, end[j]!);
      } else {
        // as start(i) and end(i) make them
        const seconds = this.seconds.blocks[b]!, durations = this.durations.block(b);
        for (let j = 0; j < m; j++) {
          const start = this.base + seconds[j]! * 1000;
          test(from + j, start, start + durations[j]! * 1000);
        }
      }
    }
    return rows;
  }

  end(i: number): number {
    return this.exact !== null ? this.exact.end.get(i) : this.start(i) + this.durations.get(i) * 1000;
  }
}

/** A column as {@link permuteRows} moves its rows: a row's value read, and written; `whole`: every value a whole number of 32 bits. */
export interface MovedColumn {
  get(i: number): number;
  set(i: number, v: number): void;
  readonly whole?: boolean;
  /** Rows `order[0]`, `order[1]` … into `into`, then `into` written back as rows 0, 1 …: the same as `get` and `set`, without a call a row. */
  permute?(order: Int32Array, into: Int32Array | Float64Array): void;
}

/**
 * Puts the rows of `columns` in the order `order` (row `order[p]` becomes row p, for every p), in
 * place, a column at a time: its rows gathered in the new order into one array (four bytes a row
 * for a column of whole numbers, else eight), then written back.
 *
 * @example
 * const a = Float64Array.of(10, 20, 30);
 * permuteRows(Int32Array.of(2, 0, 1), [{ get: (i) => a[i]!, set: (i, v) => { a[i] = v; } }]);
 * a; // → [30, 10, 20]
 */
export function permuteRows(order: Int32Array, columns: readonly MovedColumn[]): void {
  const n = order.length;
  let ints: Int32Array | null = null, floats: Float64Array | null = null;
  for (const c of columns) {
    const gathered = c.whole === true ? (ints ??= new Int32Array(n)) : (floats ??= new Float64Array(n));
    if (c.permute !== undefined) {
      c.permute(order, gathered);
      continue;
    }
    for (let p = 0; p < n; p++) gathered[p] = c.get(order[p]!);
    for (let p = 0; p < n; p++) c.set(p, gathered[p]!);
  }
}
