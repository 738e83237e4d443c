import { ByteInterner, unpackNames, type PackedNames } from '../visits/intern.js';
import type { ClientRows, CountedRow } from './evaluate.js';

/**
 * Interns strings to small integers (ids, groups); keeps a flat copy of each so no input chunk
 * stays alive. The text → number index is built on the first lookup: a reader that vouches for
 * new values ({@link Interner.fresh}) never needs one. Another reader's names are merged by their
 * UTF-8 bytes ({@link Interner.idsOf}).
 */
export class Interner {
  readonly names: string[] = [];
  private index: Map<string, number> | null = null;
  /** Names [0, bytesIndexed) by their UTF-8 bytes (numbers as in `names`), once merging has begun. */
  private bytes: ByteInterner | null = null;
  private bytesIndexed = 0;
  /** False once a name was added that no reader vouched for: then {@link Interner.fresh} looks up. */
  private vouched = true;

  /** The number of a string, given on first sight. */
  id(name: string): number {
    const index = (this.index ??= new Map(this.names.map((n, i) => [n, i])));
    let i = index.get(name);
    if (i === undefined) {
      i = this.add(name);
      index.set(this.names[i]!, i);
    }
    return i;
  }

  /** The number of a string the caller knows is new (unless {@link Interner.id} was ever used: then it is looked up). */
  fresh(name: string): number {
    return this.index === null && this.vouched ? this.add(name) : this.id(name);
  }

  /**
   * The numbers of another reader's names ({@link packNames}), the new ones numbered now: found
   * by their bytes in an index of this interner's names as UTF-8, so a name already known costs
   * no string and no text map.
   *
   * @example
   * const ids = new Interner();
   * ids.id('C1');
   * ids.idsOf(packNames(['C2', 'C1'])); // → Int32Array [1, 0]
   */
  idsOf(packed: PackedNames): Int32Array {
    const bytes = this.indexedBytes(packed.ends.length);
    if (bytes === null) return Int32Array.from(unpackNames(packed), (name) => this.id(name));
    const ends = packed.ends;
    // a Buffer like the readers' (a worker's bytes arrive as a plain Uint8Array): one kind of array reaches the hash
    const buf = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.length);
    const out = new Int32Array(ends.length);
    for (let k = 0, a = 0; k < ends.length; a = ends[k++]!) {
      let i = bytes.find(buf, a, ends[k]!);
      if (i < 0) {
        const name = buf.toString('utf8', a, ends[k]!);
        i = this.add(name);
        this.index?.set(this.names[i]!, i);
        this.vouched = false;
        bytes.id(buf, a, ends[k]!, this.names[i]!);
        this.bytesIndexed++;
      }
      out[k] = i;
    }
    return out;
  }

  /** Drops the byte index of {@link Interner.idsOf} (it is made again when needed). */
  forgetBytes(): void {
    this.bytes = null;
    this.bytesIndexed = 0;
  }

  /**
   * The byte index brought up to date (made with room for `more` names besides these), or null
   * when two names have the same bytes (not UTF-8 text: merge by text).
   */
  private indexedBytes(more: number): ByteInterner | null {
    const bytes = (this.bytes ??= new ByteInterner(this.names.length + more));
    let scratch = Buffer.allocUnsafe(256);
    for (; this.bytesIndexed < this.names.length; this.bytesIndexed++) {
      const name = this.names[this.bytesIndexed]!;
      if (scratch.length < 3 * name.length) scratch = Buffer.allocUnsafe(3 * name.length);
      const n = scratch.write(name, 0, 'utf8');
      if (bytes.id(scratch, 0, n, name) !== this.bytesIndexed) return null;
    }
    return bytes;
  }

  private add(name: string): number {
    // a long substring of an input chunk would keep the whole chunk alive: store a flat copy
    this.names.push(name.length >= 13 ? (JSON.parse(JSON.stringify(name)) as string) : name);
    return this.names.length - 1;
  }
}

/** Scratch of {@link CountedStore.forEachClient}: client number → rank among the clients present (-1 between calls). */
let RANK: Int32Array = new Int32Array(1024).fill(-1);

function grownRank(rank: Int32Array, client: number): Int32Array {
  const bigger = new Int32Array(Math.max(rank.length * 2, client + 1)).fill(-1);
  bigger.set(rank);
  return bigger;
}

function sameUnits(units: Uint16Array, p: number, q: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (units[p + k] !== units[q + k]) return false;
  return true;
}

/**
 * Staff and group numbers → their rank in the sorted order of their text (index: the number).
 *
 * @example
 * const ranks: Ranks = { staff: Int32Array.of(1, 0), group: Int32Array.of(0) }; // staff 0 is 'S2', staff 1 is 'S1'
 */
export interface Ranks {
  staff: Int32Array;
  group: Int32Array;
}

/**
 * Staff and group numbers ranked by their text ({@link Ranks}), and the group names in rank order.
 *
 * @example
 * rankNames(['S2', 'S1'], ['Norr']); // → { ranks: { staff: Int32Array [1, 0], group: Int32Array [0] }, groups: ['Norr'] }
 */
export interface RankedNames {
  ranks: Ranks;
  groups: string[];
}

/**
 * Ranks staff and group numbers by their text (index: the number; names compared as strings).
 *
 * @example
 * rankNames(['S2', 'S1'], ['Söder', 'Norr']).groups; // → ['Norr', 'Söder']
 */
export function rankNames(staff: readonly string[], groups: readonly string[]): RankedNames {
  const order = (names: readonly string[]) => names.map((_, i) => i).sort((x, y) => (names[x]! < names[y]! ? -1 : names[x]! > names[y]! ? 1 : 0));
  const ranksOf = (sorted: readonly number[]) => {
    const rank = new Int32Array(sorted.length);
    sorted.forEach((n, k) => { rank[n] = k; });
    return rank;
  };
  const staffOrder = order(staff);
  const groupOrder = order(groups);
  return { ranks: { staff: ranksOf(staffOrder), group: ranksOf(groupOrder) }, groups: groupOrder.map((g) => groups[g]!) };
}

/**
 * How one reader's client, staff and group numbers map to the merged ones (index: the reader's
 * number, value: the merged number).
 *
 * @example
 * const maps: NumberMaps = { client: Int32Array.of(3, 0), staff: Int32Array.of(1), group: Int32Array.of(0) };
 */
export interface NumberMaps {
  client: Int32Array;
  staff: Int32Array;
  group: Int32Array;
}

/**
 * The counted rows of one window in typed columns (about 48 bytes a row plus the visit id, instead
 * of an object of ~150): the measure keeps every counted row until the end, so this is what its memory grows with.
 * Visit ids are kept as UTF-16 code units in one arena and compared exactly.
 */
export class CountedStore {
  count = 0;
  private cap = 0;
  private client = new Int32Array(0);
  private staff = new Int32Array(0);
  private group = new Int32Array(0);
  private day = new Int32Array(0);
  private line = new Int32Array(0);
  private start = new Float64Array(0);
  private end = new Float64Array(0);
  private visitAt = new Int32Array(0);
  private visitLength = new Int32Array(0);
  /** A hash of each row's visit id (its code units), made as the id is copied in. */
  private visitHash = new Int32Array(0);
  private arena = new Uint16Array(0);
  private arenaUsed = 0;

  /** Visit-id code units held. */
  get units(): number {
    return this.arenaUsed;
  }
  /** Of the last {@link CountedStore.forEachClient}: position → row; the rows in that order; a hash table of visit ids. */
  private order = new Int32Array(0);
  private columns: ClientRows | null = null;
  private table = new Int32Array(0);

  /** Adds one counted row. */
  add(client: number, staff: number, group: number, day: number, line: number, start: number, end: number, visitId: string): void {
    const n = visitId.length;
    const at = this.push(client, staff, group, day, line, start, end, n);
    let h = n;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ (this.arena[at + k] = visitId.charCodeAt(k)), 0x01000193);
    this.visitHash[this.count - 1] = h;
  }

  /** Adds one counted row whose visit id is the ASCII bytes [a, b) of `buf` (each byte one code unit). */
  addAscii(client: number, staff: number, group: number, day: number, line: number, start: number, end: number, buf: Uint8Array, a: number, b: number): void {
    const at = this.push(client, staff, group, day, line, start, end, b - a);
    let h = b - a;
    for (let k = a; k < b; k++) h = Math.imul(h ^ (this.arena[at + k - a] = buf[k]!), 0x01000193);
    this.visitHash[this.count - 1] = h;
  }

  /** Appends the columns of a row and room for a visit id of `n` code units; returns where the id goes in the arena. */
  private push(client: number, staff: number, group: number, day: number, line: number, start: number, end: number, n: number): number {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.client[i] = client;
    this.staff[i] = staff;
    this.group[i] = group;
    this.day[i] = day;
    this.line[i] = line;
    this.start[i] = start;
    this.end[i] = end;
    if (this.arenaUsed + n > this.arena.length) this.growArena(Math.max(1024, Math.ceil(1.5 * (this.arenaUsed + n))));
    const at = this.arenaUsed;
    this.visitAt[i] = at;
    this.visitLength[i] = n;
    this.arenaUsed += n;
    return at;
  }

  /**
   * Calls `fn` for every client with rows, in client-number order, with the rows of all clients in
   * columns grouped by client (a client's rows [a, b) in arrival order): staff and groups as their
   * ranks (`ranks`), the visit column as {@link ClientRows} wants it. The columns are valid
   * during the call; {@link CountedStore.rowObjects} gives the same rows as objects.
   */
  forEachClient(ranks: Ranks, fn: (client: number, rows: ClientRows, a: number, b: number) => void): void {
    // a counting sort over the clients present: rows grouped by client, arrival order kept
    const n = this.count;
    const clients: number[] = [];
    let rank: Int32Array = RANK;
    for (let i = 0; i < n; i++) {
      const c = this.client[i]!;
      if (c >= rank.length) rank = RANK = grownRank(rank, c);
      if (rank[c] === -1) {
        rank[c] = 0;
        clients.push(c);
      }
    }
    const sorted = Int32Array.from(clients).sort();
    const first = new Int32Array(sorted.length + 1);
    sorted.forEach((c, k) => { rank[c] = k; });
    for (let i = 0; i < n; i++) first[rank[this.client[i]!]! + 1]!++;
    for (let k = 0; k < sorted.length; k++) first[k + 1]! += first[k]!;
    const fill = first.slice(0, sorted.length);
    if (this.order.length < n) this.order = new Int32Array(this.cap);
    const order = this.order;
    for (let i = 0; i < n; i++) order[fill[rank[this.client[i]!]!]!++] = i;
    for (const c of sorted) rank[c] = -1;
    const rows = this.sortedColumns(n);
    for (let k = 0; k < sorted.length; k++) this.visitKeys(order, rows.visit, first[k]!, first[k + 1]!);
    for (let j = 0; j < n; j++) {
      const i = order[j]!;
      rows.start[j] = this.start[i]!;
      rows.end[j] = this.end[i]!;
      rows.staff[j] = ranks.staff[this.staff[i]!]!;
      rows.group[j] = ranks.group[this.group[i]!]!;
      rows.day[j] = this.day[i]!;
    }
    for (let k = 0; k < sorted.length; k++) fn(sorted[k]!, rows, first[k]!, first[k + 1]!);
  }

  /** Rows [a, b) of the last {@link CountedStore.forEachClient} as objects. */
  rowObjects(a: number, b: number, staffNames: readonly string[], groupNames: readonly string[]): CountedRow[] {
    const rows: CountedRow[] = [];
    for (let j = a; j < b; j++) rows.push(this.row(this.order[j]!, staffNames, groupNames));
    return rows;
  }

  /**
   * The visit column of one client's rows, positions [a, b) of `order`: the position of the first
   * of them with the same visit id, or -1 without a visit id. Ids are found in a small hash table
   * by their hash (made when the row was added) and compared exactly.
   */
  private visitKeys(order: Int32Array, visit: Int32Array, a: number, b: number): void {
    let size = 8;
    while (size < 2 * (b - a)) size <<= 1;
    const mask = size - 1;
    if (this.table.length < size) this.table = new Int32Array(size);
    const table = this.table.fill(0, 0, size); // position + 1 of the first row of an id; 0: empty
    const { arena, visitAt, visitLength, visitHash } = this;
    for (let j = a; j < b; j++) {
      const i = order[j]!;
      const length = visitLength[i]!;
      if (length === 0) {
        visit[j] = -1;
        continue;
      }
      const h = visitHash[i]!;
      for (let slot = (h ^ (h >>> 15)) & mask; ; slot = (slot + 1) & mask) {
        const e = table[slot]!;
        if (e === 0) {
          table[slot] = j + 1;
          visit[j] = j;
          break;
        }
        const q = order[e - 1]!;
        if (visitHash[q] === h && visitLength[q] === length && sameUnits(arena, visitAt[q]!, visitAt[i]!, length)) {
          visit[j] = e - 1;
          break;
        }
      }
    }
  }

  /** The columns {@link CountedStore.forEachClient} fills, kept between calls (valid for the first `n` rows). */
  private sortedColumns(n: number): ClientRows {
    let c = this.columns;
    if (c === null || c.start.length < n) {
      const size = Math.max(n, this.cap);
      c = this.columns = {
        start: new Float64Array(size), end: new Float64Array(size), staff: new Int32Array(size), group: new Int32Array(size),
        day: new Int32Array(size), visit: new Int32Array(size),
      };
    }
    return c;
  }

  /** Makes room for `rows` rows and `units` visit-id code units in all (one allocation, not a series of growths). */
  reserve(rows: number, units: number): void {
    if (this.cap < rows) this.grow(rows);
    if (this.arena.length < units) this.growArena(units);
  }

  /** Moves the visit-id arena to one of `size` code units. */
  private growArena(size: number): void {
    const bigger = new Uint16Array(size);
    bigger.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = bigger;
  }

  /** Forgets every row (keeps the room). */
  clear(): void {
    this.count = 0;
    this.arenaUsed = 0;
  }

  /** Bytes of {@link CountedStore.toBlock}'s block. */
  get blockSize(): number {
    return 8 + this.count * (7 * 4 + 2 * 8) + this.arenaUsed * 2;
  }

  /**
   * The rows as one block of bytes: a header (rows, visit-id code units) and each column in turn,
   * written at the start of `into` when given (it must hold {@link CountedStore.blockSize} bytes).
   * {@link CountedStore.appendBlock} reads it back.
   */
  toBlock(into?: Uint8Array): Uint8Array {
    const n = this.count;
    const units = this.arenaUsed;
    const block = into === undefined ? new Uint8Array(this.blockSize) : into.subarray(0, this.blockSize);
    const header = new DataView(block.buffer, block.byteOffset, 8);
    header.setInt32(0, n, true);
    header.setInt32(4, units, true);
    let at = 8;
    const put = (a: Int32Array | Float64Array | Uint16Array, length: number) => {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, length * a.BYTES_PER_ELEMENT);
      block.set(bytes, at);
      at += bytes.length;
    };
    put(this.start, n);
    put(this.end, n);
    put(this.client, n);
    put(this.staff, n);
    put(this.group, n);
    put(this.day, n);
    put(this.line, n);
    put(this.visitLength, n);
    put(this.visitHash, n);
    put(this.arena, units);
    return block;
  }

  /**
   * Appends the rows of a block from {@link CountedStore.toBlock}, renumbering clients, staff and
   * groups through the maps (index: the block's number, value: this store's) and adding
   * `lineOffset` to every line.
   */
  appendBlock(block: Uint8Array, maps: NumberMaps | null, lineOffset: number): void {
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    const n = view.getInt32(0, true);
    const units = view.getInt32(4, true);
    while (this.cap < this.count + n) this.grow();
    // typed views need the columns 8-byte aligned: copy the block when it is not
    const body = block.byteOffset % 8 === 0 ? block : Uint8Array.from(block);
    const base0 = body.byteOffset + 8;
    const f64 = (k: number) => new Float64Array(body.buffer, base0 + k * 8 * n, n);
    const i32 = (k: number) => new Int32Array(body.buffer, base0 + 16 * n + k * 4 * n, n);
    const base = this.count;
    this.start.set(f64(0), base);
    this.end.set(f64(1), base);
    const client = i32(0), staff = i32(1), group = i32(2), day = i32(3), line = i32(4), length = i32(5);
    this.visitHash.set(i32(6), base);
    if (this.arenaUsed + units > this.arena.length) this.growArena(Math.max(1024, Math.ceil(1.5 * (this.arenaUsed + units))));
    this.arena.set(new Uint16Array(body.buffer, base0 + 16 * n + 28 * n, units), this.arenaUsed);
    let at = this.arenaUsed;
    for (let i = 0; i < n; i++) {
      const j = base + i;
      this.client[j] = maps === null ? client[i]! : maps.client[client[i]!]!;
      this.staff[j] = maps === null ? staff[i]! : maps.staff[staff[i]!]!;
      this.group[j] = maps === null ? group[i]! : maps.group[group[i]!]!;
      this.day[j] = day[i]!;
      this.line[j] = line[i]! + lineOffset;
      this.visitAt[j] = at;
      this.visitLength[j] = length[i]!;
      at += length[i]!;
    }
    this.arenaUsed = at;
    this.count += n;
  }

  private row(i: number, staffNames: readonly string[], groupNames: readonly string[]): CountedRow {
    const at = this.visitAt[i]!;
    const n = this.visitLength[i]!;
    let visitId = '';
    if (n <= 32) for (let k = at; k < at + n; k++) visitId += String.fromCharCode(this.arena[k]!);
    else {
      for (let k = 0; k < n; k += 4096) {
        visitId += String.fromCharCode.apply(null, this.arena.subarray(at + k, at + Math.min(n, k + 4096)) as unknown as number[]);
      }
    }
    const staff = this.staff[i]!;
    return {
      line: this.line[i]!, start: this.start[i]!, end: this.end[i]!, staff, staffId: staffNames[staff]!,
      visitId, group: groupNames[this.group[i]!]!, day: this.day[i]!,
    };
  }

  private grow(cap = Math.max(256, Math.ceil(this.cap * 1.5))): void {
    const grow32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    const grow64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    this.client = grow32(this.client);
    this.staff = grow32(this.staff);
    this.group = grow32(this.group);
    this.day = grow32(this.day);
    this.visitAt = grow32(this.visitAt);
    this.visitLength = grow32(this.visitLength);
    this.visitHash = grow32(this.visitHash);
    this.line = grow32(this.line);
    this.start = grow64(this.start);
    this.end = grow64(this.end);
    this.cap = cap;
  }
}
