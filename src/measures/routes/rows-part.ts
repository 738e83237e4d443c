/**
 * The route rows of a piece of a file read by another thread ({@link RowsPart}), as plain typed
 * arrays to post between threads ({@link RouteRowsPart}), which {@link RouteRows.absorb} takes in
 * file order: the rows as one thread would have read them.
 *
 * @module
 */
import { Interner } from '../../engine/store.js';
import type { PackedNames } from '../../engine/intern.js';
import type { CodedColumn, CodedRow } from '../../engine/coded-row.js';
import type { PartSink } from '../../engine/scan-pieces.js';
import { LAT, LON, SHIFT_END, SHIFT_START, TRAVEL_KM, TRAVEL_MINUTES } from '../../engine/places.js';
import type { Visit } from '../../read/types.js';
import type { LocalZone } from '../../windows/zone.js';
import { copyBytes, inWholeSeconds, Slabs } from './columns.js';

/** Rows in a chunk of a part: 65,536 (~2 MB), so a part is let go a chunk at a time as it is taken. */
const CHUNK_ROWS = 1 << 16;
/** Bytes of visit ids a chunk first has room for, a row (the room grows when they need more). */
const ID_BYTES = 16;
/**
 * Bytes in a slab of a part's chunks ({@link Slabs}): 8 MB, three or four chunks, each a mapping of
 * its own while glibc's mmap threshold is below it (it rises only when a mapped block bigger than
 * it is freed), so the thread that takes a part gives its memory back a few chunks at a time.
 */
const PART_SLAB = 8 << 20;

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
function setNumber(c: RowsChunk, slabs: Slabs, key: 'staff' | 'client' | 'group' | 'point', i: number, v: number): void {
  let a = c[key];
  if (v > 0xffff && a instanceof Uint16Array) {
    const wide = slabs.i32(a.length);
    wide.set(a);
    c[key] = a = wide;
  }
  a[i] = v;
}

/**
 * A piece's rows: names numbered in the piece (its own numbers, in order of first sight), the
 * rows in chunks of {@link CHUNK_ROWS} (null once taken), the points, and the days kept (see
 * `RoutesAccumulator`).
 *
 * @example
 * const part: RouteRowsPart = sink.part(); // then, in file order: rows.absorb(part)
 */
export interface RouteRowsPart {
  count: number;
  staffNames: PackedNames;
  clientNames: PackedNames;
  groupNames: PackedNames;
  /** In row order; a chunk written to a file as it filled ({@link SpilledChunk}) is read back when taken. */
  chunks: (RowsChunk | SpilledChunk | null)[];
  lat: Float64Array;
  lon: Float64Array;
  /** Rows not kept (outside the days kept), the first and last local day of those kept. */
  seen: DaysSeen;
}

/** The local days whose rows are kept, [from, to) (see `RoutesAccumulator`). */
export type KeptDays = readonly [number, number];

/** Rows not kept (outside the days kept), and the first and last local day of those kept (Infinity, -Infinity: none). */
export interface DaysSeen {
  skipped: number;
  firstDay: number;
  lastDay: number;
}

/**
 * Which rows are kept, by their local day: those of the days kept, the others counted; the first
 * and last day kept noted ({@link DaysSeen}, added up over parts).
 *
 * @example
 * const days = new DaysKept([19997, 20014]);
 * days.keeps(20000); // → true
 * days.keeps(19000); // → false (days.seen.skipped: 1)
 */
export class DaysKept {
  readonly seen: DaysSeen = { skipped: 0, firstDay: Infinity, lastDay: -Infinity };

  constructor(readonly keep: KeptDays) {}

  /** Whether a row of local day `day` is kept (else counted as skipped), noting its day. */
  keeps(day: number): boolean {
    const seen = this.seen;
    if (day < this.keep[0] || day >= this.keep[1]) {
      seen.skipped++;
      return false;
    }
    if (day < seen.firstDay) seen.firstDay = day;
    if (day > seen.lastDay) seen.lastDay = day;
    return true;
  }

  /** Adds what another saw (a part's). */
  add(other: DaysSeen): void {
    const seen = this.seen;
    seen.skipped += other.skipped;
    if (other.firstDay < seen.firstDay) seen.firstDay = other.firstDay;
    if (other.lastDay > seen.lastDay) seen.lastDay = other.lastDay;
  }
}

/**
 * Gathers a piece's rows for the route figures in another thread (the fast path's consumer):
 * numbers names as {@link RouteRows} does, keeps the rows of the days kept, and gives them as a
 * {@link RouteRowsPart}. The chunks' arrays are cut from slabs ({@link Slabs}), so the memory of a
 * part goes back to the system as the thread that takes it lets its chunks go (arrays allocated one
 * by one stay in the reading thread's heap, resident, until the process ends).
 *
 * @example
 * const sink = new RowsPart(zone, [-Infinity, Infinity]); // fastScanPiece(…, sink, …); then sink.part()
 */
export class RowsPart implements PartSink<RouteRowsPart> {
  readonly wantsContact = false;
  private readonly staffNames = new Interner();
  private readonly clientNames = new Interner();
  private readonly groupNames = new Interner();
  private readonly chunks: (RowsChunk | SpilledChunk)[] = [];
  private chunk: RowsChunk;
  private count = 0;
  private idBytes = 0;
  private lat = new Float64Array(256);
  private lon = new Float64Array(256);
  private points = 0;
  private readonly lastPoint: number[] = [];
  /** The chunks' memory. */
  private readonly slabs = new Slabs(PART_SLAB);

  private readonly days: DaysKept;
  /** Arrays of a chunk written out, for the next chunk's rows that need them (with a spill file only). */
  private readonly spare: { exact: RowsChunk['exact']; places: (Float64Array | null)[] } = { exact: null, places: [null, null, null, null] };

  /**
   * `chunkRows`: rows in a chunk (tests make them small). `spill`: a file each chunk is written to
   * as it fills, which the part then names instead of holding its rows (a part read beside other
   * work holds one chunk at a time); closed by {@link RowsPart.part}.
   */
  constructor(private readonly zone: LocalZone, keep: KeptDays, private readonly chunkRows = CHUNK_ROWS, private readonly spill: ChunkSink | null = null) {
    this.chunk = newChunk(this.slabs, chunkRows);
    this.days = new DaysKept(keep);
  }

  code(column: CodedColumn, text: string): number {
    if (column === 'staff') return this.staffNames.id(text);
    if (column === 'group') return this.groupNames.id(text);
    if (column === 'client') return this.clientNames.id(text);
    return 0; // kinds and roles are not kept
  }

  addCoded(r: CodedRow): void {
    if (!this.days.keeps(this.zone.localDay(r.start))) return;
    const i = this.row(r.staff, r.client, r.group, r.start, r.end);
    const p = r.places;
    if (p === null) this.place(i, r.client, NaN, NaN, NaN, NaN, NaN, NaN);
    else this.place(i, r.client, p[LAT]!, p[LON]!, p[TRAVEL_MINUTES]!, p[TRAVEL_KM]!, p[SHIFT_START]!, p[SHIFT_END]!);
    if (r.bytes === null) this.text(i, r.visitId);
    else this.bytes(i, r.bytes, r.visitFrom, r.visitTo);
  }

  /** Takes a row the fast path handed to the general reader (a visit the reader gives is checked already). */
  addVisit(v: Visit): void {
    // as one thread: the names of a row not kept are not numbered
    if (!this.days.keeps(this.zone.localDay(v.start))) return;
    const client = this.clientNames.id(v.client);
    const i = this.row(this.staffNames.id(v.staff), client, this.groupNames.id(v.group), v.start, v.end);
    this.place(i, client, v.lat ?? NaN, v.lon ?? NaN, v.travelMinutes ?? NaN, v.travelKm ?? NaN, v.shiftStart ?? NaN, v.shiftEnd ?? NaN);
    this.text(i, v.visitId);
  }

  part(): RouteRowsPart {
    const chunks = this.count === 0 ? this.chunks : [...this.chunks, this.out(sealed(this.chunk, this.count, this.idBytes))];
    this.spill?.close();
    return {
      count: chunks.reduce((n, c) => n + c.count, 0),
      staffNames: this.staffNames.packed(), clientNames: this.clientNames.packed(), groupNames: this.groupNames.packed(),
      chunks, lat: this.lat.slice(0, this.points), lon: this.lon.slice(0, this.points),
      seen: this.days.seen,
    };
  }

  /** A chunk filled: kept, or written to the spill file. */
  private out(c: RowsChunk): RowsChunk | SpilledChunk {
    return this.spill === null ? c : this.spill.write(c);
  }

  /** The current chunk full: kept and a new one begun, or written out and its arrays used again (its exact times and places kept aside for when a row needs them). */
  private filled(): void {
    const c = this.chunk;
    this.chunks.push(this.out(sealed(c, this.count, this.idBytes)));
    this.count = 0;
    this.idBytes = 0;
    if (this.spill === null) {
      this.chunk = newChunk(this.slabs, this.chunkRows);
      return;
    }
    this.spare.exact = c.exact ?? this.spare.exact;
    c.places.forEach((a, k) => { if (a !== null) this.spare.places[k] = a; });
    this.chunk = { ...c, count: 0, base: Number.NaN, exact: null, places: [null, null, null, null], texts: [] };
  }

  /** A new row's number in the current chunk (a new chunk when it is full). */
  private row(staff: number, client: number, group: number, start: number, end: number): number {
    if (this.count === this.chunkRows) this.filled();
    const i = this.count++;
    const c = this.chunk;
    setNumber(c, this.slabs, 'staff', i, staff);
    setNumber(c, this.slabs, 'client', i, client);
    setNumber(c, this.slabs, 'group', i, group);
    if (c.exact === null) {
      if (i === 0) c.base = start;
      if (inWholeSeconds(c.base, start, end)) {
        c.seconds[i] = (start - c.base) / 1000;
        c.durations[i] = (end - start) / 1000;
        return i;
      }
      const exact = this.spare.exact ?? { start: this.slabs.f64(this.chunkRows), end: this.slabs.f64(this.chunkRows) };
      for (let k = 0; k < i; k++) {
        exact.start[k] = chunkStart(c, k);
        exact.end[k] = chunkEnd(c, k);
      }
      c.exact = exact;
    }
    c.exact.start[i] = start;
    c.exact.end[i] = end;
    return i;
  }

  /** Row `i`'s point (the client's last one when the same, as {@link RouteRows} numbers them), travel and shift. */
  private place(i: number, c: number, lat: number, lon: number, travelMinutes: number, travelKm: number, shiftStart: number, shiftEnd: number): void {
    const chunk = this.chunk;
    if (Number.isNaN(lat) || Number.isNaN(lon)) chunk.point[i] = 0;
    else {
      const last = this.lastPoint[c];
      if (last !== undefined && this.lat[last] === lat && this.lon[last] === lon) setNumber(chunk, this.slabs, 'point', i, last + 1);
      else {
        const p = this.points++;
        if (p === this.lat.length) {
          const lats = new Float64Array(2 * p), lons = new Float64Array(2 * p);
          lats.set(this.lat);
          lons.set(this.lon);
          this.lat = lats;
          this.lon = lons;
        }
        this.lat[p] = lat;
        this.lon[p] = lon;
        this.lastPoint[c] = p;
        setNumber(chunk, this.slabs, 'point', i, p + 1);
      }
    }
    // no array per row: most rows have none of the four
    if (travelMinutes === travelMinutes) this.setPlace(0, i, travelMinutes);
    if (travelKm === travelKm) this.setPlace(1, i, travelKm);
    if (shiftStart === shiftStart) this.setPlace(2, i, shiftStart);
    if (shiftEnd === shiftEnd) this.setPlace(3, i, shiftEnd);
  }

  /** Row `i`'s value `v` of place column `k` (travel minutes, travel km, shift start, shift end), the column made at its first value. */
  private setPlace(k: number, i: number, v: number): void {
    (this.chunk.places[k] ??= (this.spare.places[k] ?? this.slabs.f64(this.chunkRows)).fill(NaN))[i] = v;
  }

  private bytes(i: number, buf: Uint8Array, a: number, b: number): void {
    const chunk = this.chunk;
    const need = this.idBytes + (b - a);
    if (need > chunk.ids.length) {
      const more = this.slabs.bytes(Math.max(need, 2 * chunk.ids.length));
      more.set(chunk.ids.subarray(0, this.idBytes));
      chunk.ids = more;
    }
    copyBytes(chunk.ids, this.idBytes, buf, a, b);
    this.idBytes = need;
    chunk.idEnds[i] = need;
  }

  private text(i: number, id: string): void {
    if (id !== '') this.chunk.texts.push([i, id]);
    this.chunk.idEnds[i] = this.idBytes;
  }
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
function newChunk(slabs: Slabs, n: number): RowsChunk {
  return {
    count: 0, staff: slabs.u16(n), client: slabs.u16(n), group: slabs.u16(n), base: Number.NaN, seconds: slabs.i32(n), durations: slabs.i32(n), exact: null,
    point: slabs.u16(n), places: [null, null, null, null], ids: slabs.bytes(ID_BYTES * n), idEnds: slabs.i32(n), texts: [],
  };
}

/** A chunk of `n` rows and `idBytes` bytes of ids, its arrays cut to size (views of the same memory, not copies). */
function sealed(c: RowsChunk, n: number, idBytes: number): RowsChunk {
  return {
    count: n, staff: c.staff.subarray(0, n), client: c.client.subarray(0, n), group: c.group.subarray(0, n), base: c.base,
    seconds: c.seconds.subarray(0, n), durations: c.durations.subarray(0, n), exact: c.exact === null ? null : { start: c.exact.start.subarray(0, n), end: c.exact.end.subarray(0, n) },
    point: c.point.subarray(0, n), places: c.places.map((a) => (a === null ? null : a.subarray(0, n))), ids: c.ids.subarray(0, idBytes), idEnds: c.idEnds.subarray(0, n), texts: c.texts,
  };
}

/**
 * The buffers of a part's arrays, to move to the receiving thread instead of copying them
 * (`postMessage`'s transfer list): each belongs to the part alone (its slabs).
 *
 * @example
 * parentPort.postMessage(reply, partTransfers(part));
 */
export function partTransfers(part: RouteRowsPart): ArrayBuffer[] {
  const arrays: (ArrayBufferView | null)[] = [
    part.staffNames.bytes, part.staffNames.ends, part.clientNames.bytes, part.clientNames.ends, part.groupNames.bytes, part.groupNames.ends, part.lat, part.lon,
  ];
  for (const c of part.chunks) if (c !== null && !('spilled' in c)) arrays.push(c.staff, c.client, c.group, c.seconds, c.durations, c.exact?.start ?? null, c.exact?.end ?? null, c.point, c.ids, c.idEnds, ...c.places);
  return [...new Set(arrays.filter((a) => a !== null).map((a) => a!.buffer as ArrayBuffer))];
}
