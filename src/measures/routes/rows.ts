/**
 * The visit rows of the route figures, kept in columns (typed arrays in blocks, ids as numbers)
 * rather than one object per row: a route needs a staff member's whole day, so every row is held
 * until the end of the read, and at ~1 kB an object a 2M-row log took over a gigabyte.
 *
 * @module
 */
import { Interner } from '../../engine/store.js';
import { collectGarbage, collectGarbageLive } from '../../engine/garbage.js';
import type { LocalZone } from '../../windows/zone.js';
import type { Visit } from '../../read/types.js';
import type { CodedColumn, CodedRow } from '../../engine/coded-row.js';
import { LAT, LON, SHIFT_END, SHIFT_START, TRAVEL_KM, TRAVEL_MINUTES } from '../../engine/places.js';
import type { RouteStop } from './day.js';
import { STOP, type DayStops } from './dayStops.js';
import { mostFrequent } from './staffdays.js';
import { Slabs, Column, numbers, Whole, Times, permuteRows, type MovedColumn } from './columns.js';
import { VisitIds } from './visitIds.js';
import type { RouteRowsPart } from './rows-part.js';
import { chunkEnd, chunkStart, type RowsChunk } from './rows-chunk.js';
import { loadChunk, type ChunkBuffer } from './chunk-file.js';
import { doubleStaffedRows } from './doubleStaffed.js';
import { staffDayOrder, type StaffDayOrder } from './staffDayOrder.js';


/** Rows read between two full collections of the reader's garbage while the heap is small ({@link COLLECT_HEAP}). */
const COLLECT_ROWS = 1 << 14;
/** Live heap (bytes) up to which the reader's garbage is collected every {@link COLLECT_ROWS} rows; n times it: every n × as many. */
const COLLECT_HEAP = 16 << 20;

/**
 * The rows of the route figures in columns. Staff, clients and groups are numbered
 * ({@link Interner}); times are whole seconds where they can be ({@link Times}); a row's
 * coordinates are a point number, a client's next row usually reusing its last point; the travel
 * and shift columns are made only once a row has one. About 24 bytes a row with visit ids of 8
 * characters (a 2M-row log: ~50 MB), of which {@link RouteRows.markDoubleStaffed} lets go of the
 * clients and visit ids (~14) and {@link RouteRows.staffDays} of the staff (2).
 *
 * @example
 * const rows = new RouteRows();
 * for (const v of visits) rows.add(v);
 * rows.markDoubleStaffed(300_000);
 * const order = rows.staffDays(zone);
 * rows.stop(order.rows[0], Infinity); // → the first staff member's first stop
 */
export class RouteRows {
  /** Rows held. */
  count = 0;
  readonly staffNames = new Interner();
  readonly groupNames = new Interner();
  /** The memory of the columns kept to the end (the staff, and the clients and visit ids, have their own: let go sooner). */
  private readonly kept = new Slabs();
  private readonly times = new Times(this.kept);
  private readonly group = new Whole(this.kept);
  /** Point number + 1 (0: no coordinates). */
  private readonly point = new Whole(this.kept);
  private readonly lat = numbers(this.kept);
  private readonly lon = numbers(this.kept);
  private points = 0;
  private travelMinutes: Column<Float64Array> | null = null;
  private travelKm: Column<Float64Array> | null = null;
  private shiftStart: Column<Float64Array> | null = null;
  private shiftEnd: Column<Float64Array> | null = null;
  private staff: Whole | null;
  private clients: { names: Interner; client: Whole; lastPoint: number[]; visits: VisitIds } | null;
  /** The numbers as read of the rows put in order ({@link RouteRows.reorder}) that a window's end may cut: their order when cut. */
  private readNumbers: Map<number, number> | null = null;
  /** 1 for a row of a double-staffed visit ({@link RouteRows.markDoubleStaffed}). */
  private double: Uint8Array | null = null;
  /** The same a bit a row, once the rows are put in order ({@link RouteRows.reorder}; `double` is let go then). */
  private doubleBits: Uint8Array | null = null;
  /** The row at which the reader's garbage is next collected. */
  private collectAt = COLLECT_ROWS;

  constructor() {
    this.staff = new Whole(new Slabs());
    const slabs = new Slabs();
    this.clients = { names: new Interner(), client: new Whole(slabs), lastPoint: [], visits: new VisitIds(slabs) };
  }

  /**
   * The reader's garbage, now and then: a full collection every {@link COLLECT_ROWS} rows while
   * V8's heap is small (16 MB live or less, as in a routes run), spaced out in proportion to the
   * live heap when it is bigger (a full collection's time grows with it: the report holds its
   * measure's figures while this reads, ~56 MB at 2M rows, where one took ~90 ms).
   */
  private collectReadersGarbage(i: number): void {
    const live = collectGarbageLive() ?? 0;
    this.collectAt = i + COLLECT_ROWS * Math.max(1, Math.round(live / COLLECT_HEAP));
  }

  /** Keeps a checked visit row. */
  add(v: Visit): void {
    const held = this.held();
    const i = this.put(this.staffNames.id(v.staff), held.names.id(v.client), this.groupNames.id(v.group), v.start, v.end);
    // the general reader's garbage (an object per row); the fast path's rows make none
    if (i >= this.collectAt) this.collectReadersGarbage(i);
    this.place(i, held, v.lat ?? NaN, v.lon ?? NaN, v.travelMinutes ?? NaN, v.travelKm ?? NaN, v.shiftStart ?? NaN, v.shiftEnd ?? NaN);
    held.visits.add(i, v.visitId);
  }

  /**
   * The number of a text value of a column (the fast path asks it once per value, as it first
   * reads it): staff, clients and groups are numbered as {@link RouteRows.add} numbers them.
   */
  code(column: CodedColumn, text: string): number {
    if (column === 'staff') return this.staffNames.id(text);
    if (column === 'group') return this.groupNames.id(text);
    if (column === 'client') return this.held().names.id(text);
    return 0; // kinds and roles are not kept
  }

  /** Keeps a row of the fast path, its values numbered by {@link RouteRows.code}: the same row as {@link RouteRows.add} keeps of the visit. */
  addCoded(r: CodedRow): void {
    const held = this.held();
    const i = this.put(r.staff, r.client, r.group, r.start, r.end);
    const p = r.places;
    if (p === null) this.place(i, held, NaN, NaN, NaN, NaN, NaN, NaN);
    else this.place(i, held, p[LAT]!, p[LON]!, p[TRAVEL_MINUTES]!, p[TRAVEL_KM]!, p[SHIFT_START]!, p[SHIFT_END]!);
    if (r.bytes === null) held.visits.add(i, r.visitId);
    else held.visits.addBytes(i, r.bytes, r.visitFrom, r.visitTo);
  }

  /**
   * Keeps the rows of a part read by another thread ({@link RouteRowsPart}), after the rows kept
   * so far: its names numbered here as they come (new ones in the part's order of first sight),
   * so parts taken in file order give the rows, numbers and points one thread gives. The part's
   * chunks are let go as they are taken.
   */
  absorb(part: RouteRowsPart): void {
    const held = this.held();
    const staff = this.staffNames.idsOf(part.staffNames), clients = held.names.idsOf(part.clientNames), groups = this.groupNames.idsOf(part.groupNames);
    const { lat, lon, chunks } = part;
    // the part's numbers are these rows' own (its names all new here, in the same order, and no
    // point yet): its columns are taken as they are (the rows read the file from its start)
    const asNumbered = this.points === 0 && unchanged(staff) && unchanged(clients) && unchanged(groups);
    if (asNumbered) for (let p = 0; p < lat.length; p++) this.pointAt(p, lat[p]!, lon[p]!);
    // a chunk written to a file is read into one buffer, used again for the next
    const scratch: ChunkBuffer = { buffer: new ArrayBuffer(0) };
    for (let k = 0; k < chunks.length; k++) {
      const taken = chunks[k]!;
      const spilled = 'spilled' in taken;
      const c = spilled ? loadChunk(taken, scratch) : taken;
      chunks[k] = null;
      if (asNumbered) this.takeAsNumbered(c, held);
      else this.takeRenumbered(c, held, staff, clients, groups, lat, lon);
      // the chunks moved here taken so far, now and then (their memory is outside V8's heap, freed when collected)
      if (!spilled && (k & 7) === 7) collectGarbage();
    }
  }

  /** A chunk's rows as they are numbered: its columns copied a block at a time where they can be. */
  private takeAsNumbered(c: RowsChunk, held: NonNullable<RouteRows['clients']>): void {
    const at = this.count, n = c.count;
    this.count += n;
    if (c.exact !== null || !this.times.addRun(at, n, c.base, c.seconds, c.durations)) {
      for (let r = 0; r < n; r++) this.times.add(at + r, chunkStart(c, r), chunkEnd(c, r));
    }
    this.staff!.setRun(at, c.staff);
    held.client.setRun(at, c.client);
    this.group.setRun(at, c.group);
    this.point.setRun(at, c.point);
    // each client's last point, as pointOf keeps it
    for (let r = 0; r < n; r++) {
      const p = c.point[r]!;
      if (p > 0) held.lastPoint[c.client[r]!] = p - 1;
    }
    const [travelMinutes, travelKm, shiftStart, shiftEnd] = c.places;
    if (travelMinutes !== null || travelKm !== null || shiftStart !== null || shiftEnd !== null) {
      for (let r = 0; r < n; r++) this.placeOther(at + r, travelMinutes?.[r] ?? NaN, travelKm?.[r] ?? NaN, shiftStart?.[r] ?? NaN, shiftEnd?.[r] ?? NaN);
    }
    this.visitIds(c, held, at);
  }

  /** A chunk's rows numbered as here (`staff[n]`: the number here of the part's staff number n, …). */
  private takeRenumbered(c: RowsChunk, held: NonNullable<RouteRows['clients']>, staff: Int32Array, clients: Int32Array, groups: Int32Array, lat: Float64Array, lon: Float64Array): void {
    const at = this.count;
    const [travelMinutes, travelKm, shiftStart, shiftEnd] = c.places;
    for (let r = 0; r < c.count; r++) {
      const i = this.put(staff[c.staff[r]!]!, clients[c.client[r]!]!, groups[c.group[r]!]!, chunkStart(c, r), chunkEnd(c, r));
      const p = c.point[r]! - 1;
      this.place(i, held, p < 0 ? NaN : lat[p]!, p < 0 ? NaN : lon[p]!, travelMinutes?.[r] ?? NaN, travelKm?.[r] ?? NaN, shiftStart?.[r] ?? NaN, shiftEnd?.[r] ?? NaN);
    }
    this.visitIds(c, held, at);
  }

  /** The visit ids of a chunk's rows, taken as rows `at` … */
  private visitIds(c: RowsChunk, held: NonNullable<RouteRows['clients']>, at: number): void {
    held.visits.addRun(at, Buffer.from(c.ids.buffer, c.ids.byteOffset, c.ids.length), c.idEnds, c.count, c.texts);
  }

  private held(): NonNullable<RouteRows['clients']> {
    const held = this.clients;
    if (held === null || this.staff === null) throw new Error('RouteRows: rows added after the double-staffed visits were marked');
    return held;
  }

  /** A new row's numbers and times; its number. */
  private put(staff: number, client: number, group: number, start: number, end: number): number {
    const i = this.count++;
    this.times.add(i, start, end);
    this.staff!.set(i, staff);
    this.clients!.client.set(i, client);
    this.group.set(i, group);
    return i;
  }

  /** Row `i`'s point, travel and shift (NaN: none). */
  private place(i: number, held: NonNullable<RouteRows['clients']>, lat: number, lon: number, travelMinutes: number, travelKm: number, shiftStart: number, shiftEnd: number): void {
    this.point.set(i, this.pointOf(held.lastPoint, held.client.get(i), lat, lon));
    this.placeOther(i, travelMinutes, travelKm, shiftStart, shiftEnd);
  }

  /** Row `i`'s travel and shift (NaN: none). */
  private placeOther(i: number, travelMinutes: number, travelKm: number, shiftStart: number, shiftEnd: number): void {
    if (travelMinutes === travelMinutes) (this.travelMinutes ??= numbers(this.kept, true)).set(i, travelMinutes);
    if (travelKm === travelKm) (this.travelKm ??= numbers(this.kept, true)).set(i, travelKm);
    if (shiftStart === shiftStart) (this.shiftStart ??= numbers(this.kept, true)).set(i, shiftStart);
    if (shiftEnd === shiftEnd) (this.shiftEnd ??= numbers(this.kept, true)).set(i, shiftEnd);
  }

  /** The point number + 1 of a row at (lat, lon) of client `c`: the client's last point when it is the same (0: no coordinates). */
  private pointOf(lastPoint: number[], c: number, lat: number, lon: number): number {
    if (Number.isNaN(lat) || Number.isNaN(lon)) return 0;
    const last = lastPoint[c];
    if (last !== undefined && this.lat.get(last) === lat && this.lon.get(last) === lon) return last + 1;
    const p = this.pointAt(this.points, lat, lon);
    lastPoint[c] = p;
    return p + 1;
  }

  /** Keeps point `p` (the next one) at (lat, lon); its number. */
  private pointAt(p: number, lat: number, lon: number): number {
    this.points = p + 1;
    this.lat.set(p, lat);
    this.lon.set(p, lon);
    return p;
  }

  /**
   * Marks the rows of double-staffed visits: each client's rows (in row order) grouped into visits
   * as the measure groups them (`groupVisits`: rows sharing a visit id, else overlapping by half;
   * {@link doubleStaffedRows}),
   * a visit double-staffed by `isDoubleStaffed` (the staffing figures' rule: two different
   * staff together at least `handoverMs`), so a handover is not. Then the client numbers and visit
   * ids are dropped: no row can be added after.
   */
  markDoubleStaffed(handoverMs: number): void {
    const held = this.clients;
    if (held === null) return;
    this.double = doubleStaffedRows(this.count, held.names.size, held.client, this.staff!, this.times, held.visits, handoverMs);
    this.clients = null;
  }

  /** The rows in the order of the staff-days, see {@link StaffDayOrder}. Drops the staff column. */
  staffDays(zone: LocalZone): StaffDayOrder {
    const staff = this.staff;
    if (staff === null) throw new Error('RouteRows: staff-days made twice');
    const n = this.count;
    const day = new Int32Array(n);
    for (let i = 0; i < n; i++) day[i] = zone.localDay(this.times.start(i));
    const staffOf = staff.copy(n);
    this.staff = null;
    return staffDayOrder(staffOf, this.staffNames.size, day, this.times, this.staffNames.texts());
  }

  /**
   * Puts the rows in the order of the staff-days: row `order.rows[p]` becomes row p, so each
   * staff-day's rows are `order.dayFirst[r]` … `order.dayFirst[r + 1] − 1` themselves, and
   * `order.rows` is let go (null). A row a window's end in `windowEnds` may cut (it starts before
   * and ends at or after it) keeps its number as read, which orders it among the cut
   * ({@link RouteRows.dayStops}).
   */
  reorder(order: StaffDayOrder, windowEnds: readonly number[]): void {
    const rows = order.rows;
    if (rows === null) return;
    const { travelMinutes, travelKm, shiftStart, shiftEnd, double } = this;
    if (double !== null) {
      const bits = new Uint8Array((rows.length + 7) >> 3);
      for (let p = 0; p < rows.length; p++) if (double[rows[p]!] === 1) bits[p >> 3] = bits[p >> 3]! | 1 << (p & 7);
      this.doubleBits = bits;
      this.double = null;
    }
    const moved: MovedColumn[] = [...this.times.moved(), this.group, this.point];
    for (const c of [travelMinutes, travelKm, shiftStart, shiftEnd]) if (c !== null) moved.push(c.sparse());
    permuteRows(rows, moved);
    const read = new Map<number, number>();
    for (const p of this.times.across(windowEnds, rows.length)) read.set(p, rows[p]!);
    this.readNumbers = read;
    order.rows = null;
  }

  /**
   * Calls `each` for every staff-day of the local days [fromDay, fromDay + days), in the order of
   * the routes (staff id, then day): its staff number, where its rows begin and end in
   * `order.rows`, its local day (in the zone the order was made in), its number in `order.dayFirst`.
   * Returns how many there were.
   */
  eachStaffDay(order: StaffDayOrder, w: { fromDay: number; days: number }, each?: (staff: number, from: number, to: number, day: number, run: number) => void): number {
    const { byName, dayFirst, dayOf, staffDayFirst } = order;
    const to = w.fromDay + w.days;
    let count = 0;
    for (let n = 0; n < byName.length; n++) {
      const s = byName[n]!;
      for (let r = staffDayFirst[s]!; r < staffDayFirst[s + 1]!; r++) {
        const d = dayOf[r]!;
        if (d >= w.fromDay && d < to) {
          each?.(s, dayFirst[r]!, dayFirst[r + 1]!, d, r);
          count++;
        }
      }
    }
    return count;
  }

  /** Row `i`'s group number. */
  groupOf(i: number): number {
    return this.group.get(i);
  }

  /**
   * Row `i` as a stop of a window that ends at `windowEnd` (epoch ms): a visit or shift across the
   * window's end gives the window only its part.
   */
  stop(i: number, windowEnd: number): RouteStop {
    const p = this.point.get(i) - 1;
    const shiftEnd = this.shiftEnd?.optional(i) ?? null;
    return {
      start: this.times.start(i),
      end: Math.min(this.times.end(i), windowEnd),
      lat: p < 0 ? null : this.lat.get(p),
      lon: p < 0 ? null : this.lon.get(p),
      travelMinutes: this.travelMinutes?.optional(i) ?? null,
      travelKm: this.travelKm?.optional(i) ?? null,
      shiftStart: this.shiftStart?.optional(i) ?? null,
      shiftEnd: shiftEnd === null ? null : Math.min(shiftEnd, windowEnd),
      double: this.isDouble(i),
    };
  }

  /**
   * Fills `d` with the stops of rows `order[a]` … `order[b − 1]` (rows `a` … `b − 1` when `order`
   * is null: rows put in order, {@link RouteRows.reorder}) (a staff-day) in a window that ends at
   * `windowEnd`, as {@link RouteRows.packStops} packs them.
   */
  dayStops(d: DayStops, order: Int32Array | null, a: number, b: number, windowEnd: number): void {
    const stops = new Float64Array(STOP * (b - a)), double = new Uint8Array(b - a);
    this.packStops(stops, double, 0, order, a, b, windowEnd);
    d.fromPacked(stops, double, 0, b - a);
  }

  /**
   * Writes the stops of rows `order[a]` … `order[b − 1]` (rows `a` … `b − 1` when `order` is null:
   * rows put in order, {@link RouteRows.reorder}) (a staff-day, in order of start, end and row) in
   * a window that ends at `windowEnd`, as {@link RouteRows.stop} makes each, at `stops[STOP × at …]`
   * ({@link STOP} numbers each; NaN: none) and `double[at …]`; when the window cuts a visit, in order
   * of start, the end as cut, and row (the cut end may now tie another's).
   *
   * @example
   * rows.packStops(batch.stops, batch.double, 0, null, a, b, windowEnd); // batch.stops[1] → the first stop's end
   */
  packStops(stops: Float64Array, double: Uint8Array, at: number, order: Int32Array | null, a: number, b: number, windowEnd: number): void {
    const rows = order === null ? null : order.subarray(a, b);
    // written in the rows' order, and again in the order of the cut when the window cuts one
    if (this.writeStops(stops, double, at, rows, a, b - a, windowEnd)) this.writeStops(stops, double, at, this.cutOrder(rows, a, b - a, windowEnd), a, b - a, windowEnd);
  }

  /** Writes the stops of `n` rows (`rows`, or a … a + n − 1 when null) as {@link RouteRows.packStops} does; whether the window's end cut one. */
  private writeStops(stops: Float64Array, double: Uint8Array, at: number, rows: ArrayLike<number> | null, a: number, n: number, windowEnd: number): boolean {
    const { times, point, lat, lon, travelMinutes, travelKm, shiftStart, shiftEnd } = this;
    let cut = false;
    for (let k = 0, x = STOP * at; k < n; k++, x += STOP) {
      const i = rows === null ? a + k : rows[k]!;
      const p = point.get(i) - 1, end = times.end(i);
      if (end > windowEnd) cut = true;
      stops[x] = times.start(i);
      stops[x + 1] = Math.min(end, windowEnd);
      stops[x + 2] = p < 0 ? Number.NaN : lat.get(p);
      stops[x + 3] = p < 0 ? Number.NaN : lon.get(p);
      stops[x + 4] = travelMinutes === null ? Number.NaN : travelMinutes.valueOrNaN(i);
      stops[x + 5] = travelKm === null ? Number.NaN : travelKm.valueOrNaN(i);
      stops[x + 6] = shiftStart === null ? Number.NaN : shiftStart.valueOrNaN(i);
      stops[x + 7] = shiftEnd === null ? Number.NaN : Math.min(shiftEnd.valueOrNaN(i), windowEnd);
      double[at + k] = this.isDouble(i) ? 1 : 0;
    }
    return cut;
  }

  /** `n` rows (`rows`, or a … a + n − 1 when null) of a day the window's end cuts, by start, the end as cut, and the number as read (rows put in order keep theirs: readNumbers). */
  private cutOrder(rows: ArrayLike<number> | null, a: number, n: number, windowEnd: number): number[] {
    const end = (i: number) => Math.min(this.times.end(i), windowEnd);
    const read = this.readNumbers, number = (i: number) => (read === null ? i : read.get(i) ?? i);
    return Array.from({ length: n }, (_, k) => (rows === null ? a + k : rows[k]!))
      .sort((x, y) => this.times.start(x) - this.times.start(y) || end(x) - end(y) || number(x) - number(y));
  }

  /** The group of rows `order[a]` … `order[b − 1]` (`a` … `b − 1` when `order` is null): the most frequent, ties by the smallest name. */
  dayGroup(order: Int32Array | null, a: number, b: number): number {
    const group = (r: number) => this.group.get(order === null ? r : order[r]!);
    if (b - a > 32) return mostFrequent(Array.from({ length: b - a }, (_, k) => group(a + k)), (g) => this.groupNames.name(g));
    let best = -1, most = 0;
    for (let r = a; r < b; r++) {
      const g = group(r);
      if (g === best) continue;
      let count = 0;
      for (let q = a; q < b; q++) if (group(q) === g) count++;
      if (count > most || (count === most && this.groupNames.name(g) < this.groupNames.name(best))) { best = g; most = count; }
    }
    return best;
  }

  /** Whether row `i` is of a double-staffed visit. */
  private isDouble(i: number): boolean {
    const bits = this.doubleBits;
    return bits !== null ? (bits[i >> 3]! >> (i & 7) & 1) === 1 : this.double?.[i] === 1;
  }

  /** Row `i`'s start. */
  startOf(i: number): number {
    return this.times.start(i);
  }

  /** Row `i`'s end as stored (before any window cuts it). */
  endOf(i: number): number {
    return this.times.end(i);
  }
}

/** Whether every number n maps to n: a part's names all new here, in their order. */
function unchanged(ids: Int32Array): boolean {
  for (let k = 0; k < ids.length; k++) if (ids[k] !== k) return false;
  return true;
}
