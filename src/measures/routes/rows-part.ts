/**
 * The route rows of a piece of a file read by another thread ({@link RowsPart}), as plain typed
 * arrays to post between threads ({@link RouteRowsPart}), which {@link RouteRows.absorb} takes in
 * file order: the rows as one thread would have read them.
 *
 * @module
 */
import { Interner } from '../../engine/store.js';
import type { PackedNames } from '../../engine/intern.js';
import type { CodedColumn, CodedRow, CodedSink } from '../../engine/coded-row.js';
import type { PartSink } from '../../engine/scan-pieces.js';
import { LAT, LON, SHIFT_END, SHIFT_START, TRAVEL_KM, TRAVEL_MINUTES } from '../../engine/places.js';
import type { Visit } from '../../read/types.js';
import type { LocalZone } from '../../windows/zone.js';
import { copyBytes, inWholeSeconds, Slabs } from './columns.js';
import { chunkEnd, chunkStart, newChunk, sealed, setNumber, type ChunkSink, type RowsChunk, type SpilledChunk } from './rows-chunk.js';

/** Rows in a chunk of a part: 65,536 (~2 MB), so a part is let go a chunk at a time as it is taken. */
const CHUNK_ROWS = 1 << 16;
/**
 * Bytes in a slab of a part's chunks ({@link Slabs}): 8 MB, three or four chunks, each a mapping of
 * its own while glibc's mmap threshold is below it (it rises only when a mapped block bigger than
 * it is freed), so the thread that takes a part gives its memory back a few chunks at a time.
 */
const PART_SLAB = 8 << 20;


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

  /** The part's number for a text value of a column ({@link CodedSink.code}: a value the reader vouches is new is numbered without a lookup). */
  code(column: CodedColumn, text: string, fresh = false): number {
    const names = this.names(column);
    return names === null ? 0 : fresh ? names.fresh(text) : names.id(text);
  }

  /** {@link RowsPart.code} for a fresh value given as its ASCII bytes [a, b) of `buf` ({@link CodedSink.codeAscii}): no string made. */
  codeAscii(column: CodedColumn, buf: Uint8Array, a: number, b: number): number {
    return this.names(column)?.freshAscii(buf, a, b) ?? 0;
  }

  /** The names of a column the part keeps (kinds and roles are not kept). */
  private names(column: CodedColumn): Interner | null {
    return column === 'staff' ? this.staffNames : column === 'group' ? this.groupNames : column === 'client' ? this.clientNames : null;
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
