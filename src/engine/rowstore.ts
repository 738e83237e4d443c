import { WASM } from './kernel/rows.wasm.js';
import * as Col from './kernel/layout.js';
import { PAGE, wasmApi, type WasmMemory, type WasmModule } from './kernel/wasm.js';
import type { ClientRows, CountedRow } from './rows.js';
import type { CountedStore, NumberMaps, Ranks } from './store.js';

let compiled: WasmModule | undefined;

/** The module of `src/engine/kernel/rows.as.ts`, compiled once per thread. */
function rowsModule(): WasmModule {
  return (compiled ??= new wasmApi.Module(Buffer.from(WASM, 'base64')));
}

type Complete = (base: number, n: number, clientMap: number, staffMap: number, groupMap: number, lineOffset: number, arenaAt: number) => number;
type Prepare = (n: number, staffRanks: number, groupRanks: number) => number;
type Count = (n: number) => number;
/** A call over rows [a, b) (or the visit `members[a] … members[b - 1]`). */
type Range = (a: number, b: number) => number;
type Evaluate = (a: number, b: number, countBothStaff: number, handoverMs: number, days: number, minPerDay: number, everyDay: number) => void;

/**
 * Bytes of each column for `rows` rows, `units` visit-id code units, client numbers below
 * `clients`, at most `run` rows of one client (the scratch of one client's visits and visit
 * ids: a partition's clients are taken one at a time) and `present` clients with rows.
 */
function columnBytes(rows: number, units: number, clients: number, run: number, present: number): number[] {
  let table = 8;
  while (table < 2 * run) table *= 2;
  const r4 = 4 * rows, r8 = 8 * rows, u4 = 4 * run;
  const k4 = 4 * present;
  return [
    r4, r4, r4, r4, r4, r4, r4, r4, r8, r8, 2 * units,
    r4, r8, r8, r4, r4, r4, r4, k4, k4 + 4, 4 * table, 4 * clients, k4, 1024,
    u4, u4 + 4, u4, u4, u4, u4, u4, 2 * u4, u4, u4,
  ];
}

/**
 * The counted rows of one partition of a window as the evaluation reads them, gathered from the
 * readers' blocks ({@link CountedStore.toBlock}) into the memory of a WebAssembly module
 * (`src/engine/kernel/rows.as.ts`), which renumbers them, groups them by client and applies the rules
 * over each client's rows (visits, first staff member, double staffing, staff count, majority
 * group): compiled before it runs, it takes a partition's rows at full speed from the first one,
 * where the same loops in JavaScript ran unoptimised for a measure's first partitions. One store
 * serves every partition of an evaluation: {@link GatheredRows.clear}, then the blocks, then
 * {@link GatheredRows.forEachClient}.
 *
 * @example
 * const rows = new GatheredRows();
 * rows.appendBlock(store.toBlock(), null, 0);
 * rows.forEachClient(ranks, (client, columns, a, b) => evaluator.evaluate(rows, a, b, null), window.days);
 */
export class GatheredRows {
  /** Rows gathered. */
  count = 0;
  /** Visit-id code units gathered. */
  private units = 0;
  private rowRoom = 0;
  private unitRoom = 0;
  private clientRoom = 0;
  /** Room for the rows of one client in the per-client scratch. */
  private runRoom = 0;
  /** Room for the clients with rows. */
  private presentRoom = 0;
  private readonly memory: WasmMemory;
  private readonly complete: Complete;
  private readonly prepare: Prepare;
  private readonly maxClient: Count;
  private readonly maxRun: Count;
  private readonly present: { readonly value: number };
  private readonly groupRows: Range;
  private readonly evaluateRows: Evaluate;
  private readonly firstRow: Range;
  private readonly togetherMs: Range;
  /** The ranks the evaluation's scratch is for, and the days it has room for (null: none yet). */
  private evaluation: { ranks: Ranks; days: number } | null = null;
  /** Address of each column (Col). */
  private readonly at = new Int32Array(Col.COLUMNS);
  /** The end of what is laid out: the columns, then the tables copied in (maps, ranks). */
  private top = 0;
  /** Tables copied in since the columns were laid out → their address. */
  private readonly copied = new Map<Int32Array, number>();
  private seen: ArrayBuffer;
  private v!: Views;

  constructor() {
    this.memory = new wasmApi.Memory({ initial: 1 });
    const exports = new wasmApi.Instance(rowsModule(), { env: { memory: this.memory, abort: () => { throw new Error('row store: abort'); } } }).exports;
    this.complete = exports.complete as Complete;
    this.prepare = exports.prepare as Prepare;
    this.maxClient = exports.maxClient as Count;
    this.maxRun = exports.maxRun as Count;
    this.present = exports.present as { readonly value: number };
    this.groupRows = exports.group as Range;
    this.evaluateRows = exports.evaluate as Evaluate;
    this.firstRow = exports.firstOf as Range;
    this.togetherMs = exports.together as Range;
    this.seen = this.memory.buffer;
    this.layOut(256, 1024, 1024, 16, 16);
  }

  /** Forgets every row (keeps the room). */
  clear(): void {
    this.count = 0;
    this.units = 0;
  }

  /**
   * The rows and visit-id code units the columns have room for now (the memory the store takes
   * grows with them: ~100 bytes a row).
   *
   * @example
   * rows.reserve(1000, 8000);
   * rows.room; // → { rows: 1000, units: 8000 } (or more, if it had more)
   */
  get room(): { rows: number; units: number } {
    return { rows: this.rowRoom, units: this.unitRoom };
  }

  /**
   * Makes room for `rows` rows and `units` visit-id code units in all: one layout, not a series of
   * growths, and exactly that room (the caller knows what it will append; growing by half again,
   * as appending does, left a third of a 10M-row measure's largest memory unused).
   */
  reserve(rows: number, units: number): void {
    this.makeRoom(rows, units, this.clientRoom, this.runRoom, this.presentRoom, true);
  }

  /**
   * Appends the rows of a block from {@link CountedStore.toBlock}, renumbering clients, staff and
   * groups through the maps (index: the block's number, value: this store's; null: the same) and
   * adding `lineOffset` to every line.
   */
  appendBlock(block: Uint8Array, maps: NumberMaps | null, lineOffset: number): void {
    const header = new DataView(block.buffer, block.byteOffset, 8);
    const n = header.getInt32(0, true);
    const units = header.getInt32(4, true);
    this.makeRoom(this.count + n, this.units + units, this.clientRoom);
    const [clientMap, staffMap, groupMap] = maps === null ? [0, 0, 0] : [this.table(maps.client), this.table(maps.staff), this.table(maps.group)];
    // typed views need the columns 8-byte aligned: copy the block when it is not
    const body = block.byteOffset % 8 === 0 ? block : Uint8Array.from(block);
    const from = body.byteOffset + 8;
    const v = this.v;
    const base = this.count;
    v.start.set(new Float64Array(body.buffer, from, n), base);
    v.end.set(new Float64Array(body.buffer, from + 8 * n, n), base);
    const i32 = (k: number) => new Int32Array(body.buffer, from + 16 * n + 4 * k * n, n);
    [v.client, v.staff, v.group, v.day, v.line, v.visitLength, v.visitHash].forEach((column, k) => column.set(i32(k), base));
    v.arena.set(new Uint16Array(body.buffer, from + 44 * n, units), this.units);
    this.units = this.complete(base, n, clientMap, staffMap, groupMap, lineOffset, this.units);
    this.count += n;
  }

  /**
   * Calls `fn` for every client with rows, in client-number order, with the rows of all clients in
   * columns grouped by client (a client's rows [a, b) in arrival order): staff and groups as their
   * ranks (`ranks`), the visit column as {@link ClientRows} wants it. The columns are valid
   * during the call; {@link GatheredRows.rowObjects} gives the same rows as objects. `fn` may
   * {@link GatheredRows.evaluate} the client in a window of up to `days` days.
   */
  forEachClient(ranks: Ranks, fn: (client: number, rows: ClientRows, a: number, b: number) => void, days = 0): void {
    const n = this.count;
    if (n === 0) return;
    this.makeRoom(n, this.units, this.maxClient(n) + 1);
    const run = this.maxRun(n);
    this.makeRoom(n, this.units, this.clientRoom, run, this.present.value);
    const staffRanks = this.table(ranks.staff);
    const groupRanks = this.table(ranks.group);
    // the evaluation's scratch now: nothing is allocated (and the memory does not grow) during the calls
    const e = this.evaluation;
    if (e === null || e.ranks !== ranks || e.days < days) this.evaluationFor(ranks, Math.max(days, e?.days ?? 0));
    const k = this.prepare(n, staffRanks, groupRanks);
    const { clients, first, sorted } = this.v;
    for (let j = 0; j < k; j++) fn(clients[j]!, sorted, first[j]!, first[j + 1]!);
  }

  /** The columns of the last {@link GatheredRows.forEachClient} (or {@link GatheredRows.load}): rows grouped by client. */
  get columns(): ClientRows {
    return this.v.sorted;
  }

  /**
   * Groups rows [a, b) of {@link GatheredRows.columns} (ONE client's) into visits: rows sharing a
   * visit id are one visit; rows without a visit id form one visit with every row they overlap by
   * at least half of the shorter (`overlapsByHalf` in group.ts, taken transitively). Afterwards
   * visit `v` is `members[bounds[v]] … members[bounds[v + 1] - 1]` (positions in the columns, sorted by
   * start, ties by position), the visits ordered by their first start (ties: the lower position).
   * Returns the number of visits; `members` and `bounds` are valid until the next call.
   *
   * @example
   * const n = rows.group(a, b);
   * for (let v = 0; v < n; v++) firstOf(rows.columns, rows.members, rows.bounds[v], rows.bounds[v + 1]);
   */
  group(a: number, b: number): number {
    return this.groupRows(a, b);
  }

  /**
   * The figures of ONE client's rows [a, b) of {@link GatheredRows.columns} during a
   * {@link GatheredRows.forEachClient} (its ranks), in a window of `days` days (at most the days it was given; ClientEvaluator
   * reads them): visits ({@link GatheredRows.group}), each counted on the day of its first row and
   * for the group of its first staff member's row ({@link GatheredRows.firstOf}); the staff met
   * (of every row, or with `countBothStaff` false of the first staff member only); the reason code
   * of the visits rule (0 holds; 1 no counted visits; 2 a day with fewer than `minPerDay` visits;
   * 3, with `everyDay` false, fewer than `minPerDay` a day on average); the first short day (-1
   * none); the double-staffed visits (two different staff together some time and at least
   * `handoverMs`); the group of most visits (ties to the lowest rank; -1 without visits). Six
   * words in that order, valid until the next call.
   *
   * @example
   * const [visits, staff, reason, firstShortDay, doubleStaffed, group] = rows.evaluate(a, b, true, 300_000, 14, 2, true);
   */
  evaluate(a: number, b: number, countBothStaff: boolean, handoverMs: number, days: number, minPerDay: number, everyDay: boolean): Int32Array {
    const e = this.evaluation;
    if (e === null || days > e.days) throw new Error('row store: evaluate in a window longer than forEachClient was given');
    this.evaluateRows(a, b, countBothStaff ? 1 : 0, handoverMs, days, minPerDay, everyDay ? 1 : 0);
    return this.v.figures;
  }

  /** The row of the first staff member of the visit `members[from] … members[to - 1]`: earliest start, then earliest end, then lowest staff rank. */
  firstOf(from: number, to: number): number {
    return this.firstRow(from, to);
  }

  /**
   * The longest time (ms) two DIFFERENT staff members were present together at the visit
   * `members[from] … members[to - 1]`, over every pair of its rows (0 for one staff member's rows).
   *
   * @example
   * rows.load(Float64Array.of(0, 10), Float64Array.of(60, 50), Int32Array.of(-1, -1), Int32Array.of(0, 1));
   * rows.together(0, 2); // → 40
   */
  together(from: number, to: number): number {
    return this.togetherMs(from, to);
  }

  /** Of the last {@link GatheredRows.group}: the visits' rows (positions), visit by visit. */
  get members(): Int32Array {
    return this.v.members;
  }

  /** Of the last {@link GatheredRows.group}: where each visit's rows begin in `members` (one more entry: the end). */
  get bounds(): Int32Array {
    return this.v.bounds;
  }

  /**
   * Puts rows straight into {@link GatheredRows.columns} for {@link GatheredRows.group}: times, the
   * visit column (the position of the first row with the same visit id, -1 without one) and, when
   * given, staff numbers; `members` become the rows in turn (one visit for
   * {@link GatheredRows.together}). The other columns are left as they were.
   *
   * @example
   * rows.load(Float64Array.of(0, 5), Float64Array.of(60, 60), Int32Array.of(-1, -1));
   * rows.group(0, 2); // → 1
   */
  load(start: Float64Array, end: Float64Array, visit: Int32Array, staff?: Int32Array): void {
    this.clear();
    this.makeRoom(start.length, 0, this.clientRoom, start.length);
    const sorted = this.v.sorted;
    sorted.start.set(start);
    sorted.end.set(end);
    sorted.visit.set(visit);
    if (staff !== undefined) sorted.staff.set(staff);
    for (let i = 0; i < start.length; i++) this.v.members[i] = i;
  }

  /**
   * Of the row at position `j` of {@link GatheredRows.columns} (during a
   * {@link GatheredRows.forEachClient}): its staff number (not its rank), as
   * {@link GatheredRows.rowObjects} gives it in `staff`.
   *
   * @example
   * staffNames[rows.staffAt(j)]; // → the staff id of the row at j
   */
  staffAt(j: number): number {
    return this.v.staff[this.v.order[j]!]!;
  }

  /**
   * Of the row at position `j` of {@link GatheredRows.columns}: its line in the log.
   *
   * @example
   * rows.lineAt(a); // → the line of the client's first row in the columns
   */
  lineAt(j: number): number {
    return this.v.line[this.v.order[j]!]!;
  }

  /**
   * Of the row at position `j` of {@link GatheredRows.columns}: its visit id (`''` without one).
   *
   * @example
   * rows.visitIdAt(a); // → 'V000123'
   */
  visitIdAt(j: number): string {
    const v = this.v;
    const i = v.order[j]!;
    const at = v.visitAt[i]!;
    return unitsText(v.arena, at, at + v.visitLength[i]!);
  }

  /** Rows [a, b) of the last {@link GatheredRows.forEachClient} as objects. */
  rowObjects(a: number, b: number, staffNames: readonly string[], groupNames: readonly string[]): CountedRow[] {
    const v = this.v;
    const rows: CountedRow[] = [];
    for (let j = a; j < b; j++) {
      const i = v.order[j]!;
      const at = v.visitAt[i]!;
      const staff = v.staff[i]!;
      rows.push({
        line: v.line[i]!, start: v.start[i]!, end: v.end[i]!, staff, staffId: staffNames[staff]!,
        visitId: unitsText(v.arena, at, at + v.visitLength[i]!), group: groupNames[v.group[i]!]!, day: v.day[i]!,
      });
    }
    return rows;
  }

  /** The address of a copy of `values` in the module's memory (copied once while the layout stands). */
  private table(values: Int32Array): number {
    let at = this.copied.get(values);
    if (at === undefined) {
      at = this.alloc(4 * values.length);
      new Int32Array(this.memory.buffer, at, values.length).set(values);
      this.copied.set(values, at);
    }
    return at;
  }

  /** Room after the columns for `bytes` bytes, zeroed; its address. */
  private alloc(bytes: number): number {
    const at = this.top;
    this.top += Math.ceil(Math.max(8, bytes) / 8) * 8;
    this.reach(this.top);
    new Uint8Array(this.memory.buffer, at, bytes).fill(0);
    return at;
  }

  /** Allocates the evaluation's scratch for staff and groups of `ranks` and `days` days. */
  private evaluationFor(ranks: Ranks, days: number): void {
    const at = this.at;
    at[Col.PER_DAY] = this.alloc(4 * days);
    at[Col.GROUP_COUNT] = this.alloc(4 * ranks.group.length);
    at[Col.GROUPS_SEEN] = this.alloc(4 * ranks.group.length);
    at[Col.STAFF_SEEN] = this.alloc(4 * ranks.staff.length);
    at[Col.FIGURES] = this.alloc(4 * 6);
    at[Col.STAFF_ROOM] = ranks.staff.length;
    new Int32Array(this.memory.buffer, 0, Col.COLUMNS).set(at);
    this.evaluation = { ranks, days };
    this.v = this.views();
  }

  /** Lays the columns out anew when they need more room than they have, keeping the rows gathered. */
  private makeRoom(rows: number, units: number, clients: number, run = this.runRoom, present = this.presentRoom, exact = false): void {
    if (rows <= this.rowRoom && units <= this.unitRoom && clients <= this.clientRoom && run <= this.runRoom && present <= this.presentRoom) return;
    const grown = (need: number, have: number) => (need <= have ? have : exact ? need : Math.max(need, Math.ceil(1.5 * have)));
    const v = this.v;
    const n = this.count;
    // the row columns come first, placed by the room for rows alone (the visit-id arena last of
    // them): while it stays, so do they (more room for ids, clients or a longer run moves only the
    // columns after them), so nothing need be copied
    const kept = n === 0 || rows <= this.rowRoom ? null : {
      ints: [v.client, v.staff, v.group, v.day, v.line, v.visitLength, v.visitHash, v.visitAt].map((c) => c.slice(0, n)),
      start: v.start.slice(0, n), end: v.end.slice(0, n), arena: v.arena.slice(0, this.units),
    };
    this.layOut(grown(rows, this.rowRoom), grown(units, this.unitRoom), grown(clients, this.clientRoom), grown(run, this.runRoom), grown(present, this.presentRoom));
    if (kept !== null) {
      const w = this.v;
      [w.client, w.staff, w.group, w.day, w.line, w.visitLength, w.visitHash, w.visitAt].forEach((c, k) => c.set(kept.ints[k]!));
      w.start.set(kept.start);
      w.end.set(kept.end);
      w.arena.set(kept.arena);
    }
  }

  private layOut(rows: number, units: number, clients: number, run: number, present: number): void {
    let top = 4 * Col.COLUMNS;
    columnBytes(rows, units, clients, run, present).forEach((bytes, k) => {
      top = Math.ceil(top / 8) * 8;
      this.at[k] = top;
      top += bytes;
    });
    [this.rowRoom, this.unitRoom, this.clientRoom, this.runRoom, this.presentRoom] = [rows, units, clients, run, present];
    this.top = Math.ceil(top / 8) * 8;
    this.copied.clear();
    this.at.fill(0, Col.LAID_OUT);
    this.evaluation = null;
    this.reach(this.top);
    new Int32Array(this.memory.buffer, 0, Col.COLUMNS).set(this.at);
    this.v = this.views();
    this.v.rank.fill(-1);
  }

  /** Grows the memory to hold `bytes` bytes, and renews the views when it moved. */
  private reach(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE));
    if (this.memory.buffer !== this.seen) {
      this.seen = this.memory.buffer;
      this.v = this.views();
    }
  }

  private views(): Views {
    const buffer = this.memory.buffer;
    const at = this.at;
    const rows = this.rowRoom;
    const present = this.presentRoom;
    const i32 = (c: number, n = rows) => new Int32Array(buffer, at[c]!, n);
    const f64 = (c: number) => new Float64Array(buffer, at[c]!, rows);
    const sorted: ClientRows = {
      start: f64(Col.SORTED_START), end: f64(Col.SORTED_END), staff: i32(Col.SORTED_STAFF), group: i32(Col.SORTED_GROUP),
      day: i32(Col.SORTED_DAY), visit: i32(Col.SORTED_VISIT),
    };
    return {
      client: i32(Col.CLIENT), staff: i32(Col.STAFF), group: i32(Col.GROUP), day: i32(Col.DAY), line: i32(Col.LINE),
      visitLength: i32(Col.VISIT_LENGTH), visitHash: i32(Col.VISIT_HASH), visitAt: i32(Col.VISIT_AT),
      start: f64(Col.START), end: f64(Col.END), arena: new Uint16Array(buffer, at[Col.ARENA]!, this.unitRoom),
      order: i32(Col.ORDER), clients: i32(Col.CLIENTS, present), first: i32(Col.FIRST, present + 1), rank: i32(Col.RANK, this.clientRoom), sorted,
      members: i32(Col.MEMBERS, this.runRoom), bounds: i32(Col.BOUNDS, this.runRoom + 1), figures: i32(Col.FIGURES, at[Col.FIGURES] === 0 ? 0 : 6),
    };
  }
}

let loose: GatheredRows | null = null;

/**
 * This thread's store for rows given one client or visit at a time with {@link GatheredRows.load}
 * (`groupVisits`, `longestTogether`): valid until its next use, so a caller copies its answer out
 * before it returns.
 *
 * @example
 * const rows = looseRows();
 * rows.load(start, end, visit);
 * const visits = rows.group(0, start.length);
 */
export function looseRows(): GatheredRows {
  return (loose ??= new GatheredRows());
}

/** Typed views of the columns (valid until the memory grows or the columns are laid out anew). */
interface Views {
  client: Int32Array;
  staff: Int32Array;
  group: Int32Array;
  day: Int32Array;
  line: Int32Array;
  visitLength: Int32Array;
  visitHash: Int32Array;
  visitAt: Int32Array;
  start: Float64Array;
  end: Float64Array;
  arena: Uint16Array;
  order: Int32Array;
  clients: Int32Array;
  first: Int32Array;
  rank: Int32Array;
  sorted: ClientRows;
  members: Int32Array;
  bounds: Int32Array;
  /** Of {@link GatheredRows.evaluate} (empty before its scratch is allocated). */
  figures: Int32Array;
}

/** The text of code units [a, b) of `units`. */
function unitsText(units: Uint16Array, a: number, b: number): string {
  if (b - a <= 32) {
    let text = '';
    for (let k = a; k < b; k++) text += String.fromCharCode(units[k]!);
    return text;
  }
  let text = '';
  for (let k = a; k < b; k += 4096) text += String.fromCharCode.apply(null, units.subarray(k, Math.min(b, k + 4096)) as unknown as number[]);
  return text;
}
