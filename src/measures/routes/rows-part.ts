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
import type { PartSink } from '../../engine/pieces.js';
import { LAT, LON, SHIFT_END, SHIFT_START, TRAVEL_KM, TRAVEL_MINUTES } from '../../engine/places.js';
import type { Visit } from '../../read/types.js';
import type { LocalZone } from '../../windows/zone.js';

/**
 * A piece's rows: names numbered in the piece (its own numbers, in order of first sight), a
 * row's numbers, times, point (its coordinates in `lat`/`lon`, -1: none), travel and shift (null:
 * no row has one; NaN: this row has none) and visit id (ASCII bytes up to `idEnds[row]`, or text in
 * `texts`), and the days kept (see `RoutesAccumulator`).
 *
 * @example
 * const part: RouteRowsPart = sink.part(); // then, in file order: rows.absorb(part)
 */
export interface RouteRowsPart {
  count: number;
  staffNames: PackedNames;
  clientNames: PackedNames;
  groupNames: PackedNames;
  staff: Int32Array;
  client: Int32Array;
  group: Int32Array;
  start: Float64Array;
  end: Float64Array;
  point: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  travelMinutes: Float64Array | null;
  travelKm: Float64Array | null;
  shiftStart: Float64Array | null;
  shiftEnd: Float64Array | null;
  ids: Uint8Array;
  idEnds: Int32Array;
  /** Visit ids not given as ASCII bytes: [row, id]. */
  texts: [number, string][];
  /** Rows not kept (outside the days kept), the first and last local day of those kept. */
  skipped: number;
  firstDay: number;
  lastDay: number;
}

/** The local days whose rows are kept, [from, to) (see `RoutesAccumulator`). */
export type KeptDays = readonly [number, number];

/**
 * Gathers a piece's rows for the route figures in another thread (the fast path's consumer):
 * numbers names as {@link RouteRows} does, keeps the rows of the days kept, and gives them as a
 * {@link RouteRowsPart}.
 *
 * @example
 * const sink = new RowsPart(zone, [-Infinity, Infinity]); // fastScanPiece(…, sink, …); then sink.part()
 */
export class RowsPart implements PartSink<RouteRowsPart> {
  readonly wantsContact = false;
  private readonly staffNames = new Interner();
  private readonly clientNames = new Interner();
  private readonly groupNames = new Interner();
  private count = 0;
  private capacity = 1024;
  private staff = new Int32Array(this.capacity);
  private client = new Int32Array(this.capacity);
  private group = new Int32Array(this.capacity);
  private start = new Float64Array(this.capacity);
  private end = new Float64Array(this.capacity);
  private point = new Int32Array(this.capacity);
  private idEnds = new Int32Array(this.capacity);
  private places: (Float64Array | null)[] = [null, null, null, null];
  private lat = new Float64Array(256);
  private lon = new Float64Array(256);
  private points = 0;
  private readonly lastPoint: number[] = [];
  private ids = new Uint8Array(1 << 16);
  private idBytes = 0;
  private readonly texts: [number, string][] = [];
  private skipped = 0;
  private firstDay = Infinity;
  private lastDay = -Infinity;

  constructor(private readonly zone: LocalZone, private readonly keep: KeptDays) {}

  code(column: CodedColumn, text: string): number {
    if (column === 'staff') return this.staffNames.id(text);
    if (column === 'group') return this.groupNames.id(text);
    if (column === 'client') return this.clientNames.id(text);
    return 0; // kinds and roles are not kept
  }

  addCoded(r: CodedRow): void {
    if (!this.keeps(r.start)) return;
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
    if (!this.keeps(v.start)) return;
    const client = this.clientNames.id(v.client);
    const i = this.row(this.staffNames.id(v.staff), client, this.groupNames.id(v.group), v.start, v.end);
    this.place(i, client, v.lat ?? NaN, v.lon ?? NaN, v.travelMinutes ?? NaN, v.travelKm ?? NaN, v.shiftStart ?? NaN, v.shiftEnd ?? NaN);
    this.text(i, v.visitId);
  }

  part(): RouteRowsPart {
    const n = this.count;
    const cut = (a: Float64Array | null) => (a === null ? null : a.slice(0, n));
    return {
      count: n,
      staffNames: this.staffNames.packed(), clientNames: this.clientNames.packed(), groupNames: this.groupNames.packed(),
      staff: this.staff.slice(0, n), client: this.client.slice(0, n), group: this.group.slice(0, n),
      start: this.start.slice(0, n), end: this.end.slice(0, n),
      point: this.point.slice(0, n), lat: this.lat.slice(0, this.points), lon: this.lon.slice(0, this.points),
      travelMinutes: cut(this.places[0]!), travelKm: cut(this.places[1]!), shiftStart: cut(this.places[2]!), shiftEnd: cut(this.places[3]!),
      ids: this.ids.slice(0, this.idBytes), idEnds: this.idEnds.slice(0, n), texts: this.texts,
      skipped: this.skipped, firstDay: this.firstDay, lastDay: this.lastDay,
    };
  }

  /** Whether a row starting at `start` is kept (else counted as skipped), noting its day. */
  private keeps(start: number): boolean {
    const day = this.zone.localDay(start);
    if (day < this.keep[0] || day >= this.keep[1]) {
      this.skipped++;
      return false;
    }
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
    return true;
  }

  /** A new row's number. */
  private row(staff: number, client: number, group: number, start: number, end: number): number {
    const i = this.count++;
    if (i === this.capacity) this.grow();
    this.staff[i] = staff;
    this.client[i] = client;
    this.group[i] = group;
    this.start[i] = start;
    this.end[i] = end;
    return i;
  }

  private grow(): void {
    const c = (this.capacity *= 2);
    const wider = <A extends Int32Array | Float64Array>(a: A, fill = false): A => {
      const b = new (a.constructor as new (n: number) => A)(c);
      if (fill) b.fill(NaN);
      b.set(a);
      return b;
    };
    this.staff = wider(this.staff);
    this.client = wider(this.client);
    this.group = wider(this.group);
    this.start = wider(this.start);
    this.end = wider(this.end);
    this.point = wider(this.point);
    this.idEnds = wider(this.idEnds);
    this.places = this.places.map((a) => (a === null ? null : wider(a, true)));
  }

  /** Row `i`'s point (the client's last one when the same, as {@link RouteRows} numbers them), travel and shift. */
  private place(i: number, c: number, lat: number, lon: number, travelMinutes: number, travelKm: number, shiftStart: number, shiftEnd: number): void {
    if (Number.isNaN(lat) || Number.isNaN(lon)) this.point[i] = -1;
    else {
      const last = this.lastPoint[c];
      if (last !== undefined && this.lat[last] === lat && this.lon[last] === lon) this.point[i] = last;
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
        this.point[i] = p;
      }
    }
    const values = [travelMinutes, travelKm, shiftStart, shiftEnd];
    for (let k = 0; k < 4; k++) {
      const v = values[k]!;
      if (v !== v) continue;
      (this.places[k] ??= new Float64Array(this.capacity).fill(NaN))[i] = v;
    }
  }

  private bytes(i: number, buf: Uint8Array, a: number, b: number): void {
    const need = this.idBytes + (b - a);
    if (need > this.ids.length) {
      const more = new Uint8Array(Math.max(need, 2 * this.ids.length));
      more.set(this.ids.subarray(0, this.idBytes));
      this.ids = more;
    }
    this.ids.set(buf.subarray(a, b), this.idBytes);
    this.idBytes = need;
    this.idEnds[i] = need;
  }

  private text(i: number, id: string): void {
    if (id !== '') this.texts.push([i, id]);
    this.idEnds[i] = this.idBytes;
  }
}

/**
 * The buffers of a part's arrays, to move to the receiving thread instead of copying them
 * (`postMessage`'s transfer list): each belongs to the part alone.
 *
 * @example
 * parentPort.postMessage(reply, partTransfers(part));
 */
export function partTransfers(part: RouteRowsPart): ArrayBuffer[] {
  const arrays: (ArrayBufferView | null)[] = [
    part.staffNames.bytes, part.staffNames.ends, part.clientNames.bytes, part.clientNames.ends, part.groupNames.bytes, part.groupNames.ends,
    part.staff, part.client, part.group, part.start, part.end, part.point, part.lat, part.lon,
    part.travelMinutes, part.travelKm, part.shiftStart, part.shiftEnd, part.ids, part.idEnds,
  ];
  return [...new Set(arrays.filter((a) => a !== null).map((a) => a!.buffer as ArrayBuffer))];
}
