/**
 * A chunk of route rows in columns ({@link RowsChunk}), as a part gathers them (rows-part.ts) and as
 * it is written to a file and read back ({@link SpilledChunk}, chunk-file.ts).
 *
 * @module
 */
import type { Slabs } from './columns.js';

/** Bytes of visit ids a chunk first has room for, a row (the room grows when they need more). */
const ID_BYTES = 16;

/**
 * Rows of a part, in columns: a row's numbers (the part's own; {@link PartNumbers}), times (read
 * with {@link chunkStart} and {@link chunkEnd}), point + 1 (its coordinates in the part's
 * `lat`/`lon`; 0: none), travel and shift (`places`: travel minutes, travel km, shift start, shift end; null: no
 * row of the chunk has one; NaN: this row has none) and visit id (ASCII bytes up to `idEnds[row]`
 * of `ids`, or text in `texts`).
 *
 * @example
 * chunkStart(chunk, 0); // → the first row's start (epoch ms)
 */
export interface RowsChunk {
  count: number;
  staff: PartNumbers;
  client: PartNumbers;
  group: PartNumbers;
  /** The first row's start (epoch ms); each row's start and end are whole seconds from it and from the start ({@link inWholeSeconds}) … */
  base: number;
  /** … its start, seconds after `base`, … */
  seconds: Int32Array;
  /** … and its duration in seconds; */
  durations: Int32Array;
  /** or, from the first row of the chunk that is not in whole seconds, every row's start and end (epoch ms). */
  exact: { start: Float64Array; end: Float64Array } | null;
  point: PartNumbers;
  places: (Float64Array | null)[];
  ids: Uint8Array;
  idEnds: Int32Array;
  /** Visit ids not given as ASCII bytes: [row of the chunk, id], by row. */
  texts: [number, string][];
}

/** The element type of an array of a chunk written out. */
export type ArrayKind = 'u8' | 'u16' | 'i32' | 'f64';

/**
 * A chunk of rows in a file: where its arrays lie (`bytes` from `offset`, each array 8-byte
 * aligned, in the order `chunk-file.ts` writes them; null: the chunk has no such array) and what is not
 * an array.
 *
 * @example
 * const ref: SpilledChunk = file.write(chunk); // later: loadChunk(ref) (chunk-file.ts)
 */
export interface SpilledChunk {
  readonly spilled: true;
  path: string;
  offset: number;
  bytes: number;
  count: number;
  base: number;
  texts: [number, string][];
  arrays: ({ kind: ArrayKind; length: number } | null)[];
}

/**
 * Where a part's chunks go as they fill when they are not held ({@link RowsPart}'s spill): each
 * written, then named by where it lies (`ChunkFile` in chunk-file.ts).
 *
 * @example
 * const sink: ChunkSink = new ChunkFile(path);
 */
export interface ChunkSink {
  write(c: RowsChunk): SpilledChunk;
  close(): void;
}

/**
 * A column of a chunk's numbers (staff, clients, groups, points): two bytes a row while every number
 * is below 65,536, four from the first that is not ({@link setNumber}).
 *
 * @example
 * const staff: PartNumbers = new Uint16Array(65_536);
 */
export type PartNumbers = Uint16Array | Int32Array;

/** The chunk's column `key` with row `i` set to `v` (a whole number ≥ 0), widened to four bytes a row (from `slabs`) when `v` needs them. */
export function setNumber(c: RowsChunk, slabs: Slabs, key: 'staff' | 'client' | 'group' | 'point', i: number, v: number): void {
  let a = c[key];
  if (v > 0xffff && a instanceof Uint16Array) {
    const wide = slabs.i32(a.length);
    wide.set(a);
    c[key] = a = wide;
  }
  a[i] = v;
}

/**
 * Row `r`'s start (epoch ms) in a chunk.
 *
 * @example
 * chunkStart(chunk, 0); // → e.g. 1727762400000
 */
export function chunkStart(c: RowsChunk, r: number): number {
  return c.exact === null ? c.base + c.seconds[r]! * 1000 : c.exact.start[r]!;
}

/**
 * Row `r`'s end (epoch ms) in a chunk.
 *
 * @example
 * chunkEnd(chunk, 0); // → e.g. 1727764200000
 */
export function chunkEnd(c: RowsChunk, r: number): number {
  return c.exact === null ? c.base + c.seconds[r]! * 1000 + c.durations[r]! * 1000 : c.exact.end[r]!;
}

/** An empty chunk of `n` rows, its arrays cut from `slabs`. */
export function newChunk(slabs: Slabs, n: number): RowsChunk {
  return {
    count: 0, staff: slabs.u16(n), client: slabs.u16(n), group: slabs.u16(n), base: Number.NaN, seconds: slabs.i32(n), durations: slabs.i32(n), exact: null,
    point: slabs.u16(n), places: [null, null, null, null], ids: slabs.bytes(ID_BYTES * n), idEnds: slabs.i32(n), texts: [],
  };
}

/** A chunk of `n` rows and `idBytes` bytes of ids, its arrays cut to size (views of the same memory, not copies). */
export function sealed(c: RowsChunk, n: number, idBytes: number): RowsChunk {
  return {
    count: n, staff: c.staff.subarray(0, n), client: c.client.subarray(0, n), group: c.group.subarray(0, n), base: c.base,
    seconds: c.seconds.subarray(0, n), durations: c.durations.subarray(0, n), exact: c.exact === null ? null : { start: c.exact.start.subarray(0, n), end: c.exact.end.subarray(0, n) },
    point: c.point.subarray(0, n), places: c.places.map((a) => (a === null ? null : a.subarray(0, n))), ids: c.ids.subarray(0, idBytes), idEnds: c.idEnds.subarray(0, n), texts: c.texts,
  };
}
