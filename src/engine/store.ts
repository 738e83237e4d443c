import { gaveUp } from './garbage.js';
import { ByteInterner, type PackedNames } from './intern.js';

/**
 * Interns strings to small integers (ids, groups). The names are kept as bytes in one arena
 * (UTF-8; a string that is not well-formed UTF-16 as the byte 0xFF and its UTF-16 code units, so
 * equal bytes are equal text), not as strings: a reader of 10M rows holds ~430,000 ids as ~4 MB of
 * bytes instead of ~14 MB of strings. Texts are decoded when asked for ({@link Interner.texts}).
 * The text → number index is built on the first lookup by text: a reader that vouches for new
 * values ({@link Interner.fresh}, {@link Interner.freshAscii}) never needs one. Another reader's
 * names are merged by their bytes ({@link Interner.idsOf}).
 *
 * @example
 * const ids = new Interner();
 * ids.id('C1'); // → 0
 * ids.freshAscii(Buffer.from('C2'), 0, 2); // → 1
 * ids.texts(); // → ['C1', 'C2']
 */
export class Interner {
  private readonly store = new ByteInterner();
  private index: Map<string, number> | null = null;
  /** False once a name was added that no reader vouched for: then {@link Interner.fresh} looks up. */
  private vouched = true;
  private scratch = Buffer.allocUnsafe(256);

  /** How many names there are. */
  get size(): number {
    return this.store.size;
  }

  /** The text of number `n` (decoded once, then kept: for columns of few values). */
  name(n: number): string {
    return this.store.view(n)[0] === NOT_UTF8 ? this.text(n) : this.store.name(n);
  }

  /** Every name's text, by number: decoded now, not kept. */
  texts(): string[] {
    return Array.from({ length: this.store.size }, (_, n) => this.text(n));
  }

  /** The number of a string, given on first sight. */
  id(name: string): number {
    const index = (this.index ??= new Map(this.texts().map((n, i) => [n, i])));
    let i = index.get(name);
    if (i === undefined) {
      i = this.add(name);
      // the key decoded from the bytes: a substring of an input chunk would keep the whole chunk alive
      index.set(this.text(i), i);
    }
    return i;
  }

  /** The number of a string the caller knows is new (unless {@link Interner.id} was ever used: then it is looked up). */
  fresh(name: string): number {
    return this.index === null && this.vouched ? this.add(name) : this.id(name);
  }

  /** {@link Interner.fresh} for a name given as its ASCII bytes [a, b) of `buf`: no string is made unless it must be looked up. */
  freshAscii(buf: Uint8Array, a: number, b: number): number {
    return this.index === null && this.vouched ? this.store.append(buf, a, b) : this.id(Buffer.prototype.toString.call(buf, 'latin1', a, b));
  }

  /**
   * The numbers of another reader's names ({@link Interner.packed}), the new ones numbered now:
   * found by their bytes, so a name costs no string and no text map.
   *
   * @example
   * const ids = new Interner();
   * ids.id('C1');
   * const other = new Interner();
   * ['C2', 'C1'].forEach((n) => other.id(n));
   * ids.idsOf(other.packed()); // → Int32Array [1, 0]
   */
  idsOf(packed: PackedNames): Int32Array {
    const store = this.store;
    const ends = packed.ends;
    // the table for the names known (most of another reader's usually are); it grows if many are new
    store.reserve(0);
    // a Buffer like the readers' (a worker's bytes arrive as a plain Uint8Array): one kind of array reaches the hash
    const buf = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.length);
    const out = new Int32Array(ends.length);
    for (let k = 0, a = 0; k < ends.length; a = ends[k++]!) {
      const known = store.size;
      const i = store.id(buf, a, ends[k]!);
      if (i === known) {
        this.vouched = false;
        this.index?.set(this.text(i), i);
      }
      out[k] = i;
    }
    return out;
  }

  /** The names as bytes, for another thread ({@link Interner.idsOf}). */
  packed(): PackedNames {
    return this.store.packed();
  }

  /** The bytes of name `n` when they are all ASCII (then they are its text, a code unit a byte), else null. */
  ascii(n: number): Uint8Array | null {
    const bytes = this.store.view(n);
    for (let k = 0; k < bytes.length; k++) if (bytes[k]! >= 0x80) return null;
    return bytes;
  }

  /** Drops the byte index of {@link Interner.idsOf} (it is made again when needed). */
  forgetBytes(): void {
    this.store.dropIndex();
  }

  /** The text of name `i`, decoded now (not kept). */
  text(i: number): string {
    const bytes = this.store.view(i);
    return bytes[0] === NOT_UTF8 ? bytes.toString('utf16le', 1) : this.store.decode(i);
  }

  private add(name: string): number {
    const wellFormed = (name as unknown as { isWellFormed(): boolean }).isWellFormed();
    const room = wellFormed ? 3 * name.length : 1 + 2 * name.length;
    if (this.scratch.length < room) this.scratch = Buffer.allocUnsafe(Math.max(room, 2 * this.scratch.length));
    let n: number;
    if (wellFormed) n = this.scratch.write(name, 0, 'utf8');
    else {
      this.scratch[0] = NOT_UTF8;
      n = 1 + this.scratch.write(name, 1, 'utf16le');
    }
    return this.store.append(this.scratch, 0, n);
  }
}

/** The first byte of a name that is not well-formed UTF-16 (never a byte of UTF-8): its code units follow. */
const NOT_UTF8 = 0xff;

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

/** Bytes of a counted row's columns: seven of 4 bytes (client, staff, group, day, line, visit-id length and hash), two of 8 (start, end). */
const ROW_BYTES = 7 * 4 + 2 * 8;

/**
 * The counted rows of one window in typed columns (about 48 bytes a row plus the visit id, instead
 * of an object of ~150): the measure keeps every counted row until the end, so this is what its memory grows with.
 * Visit ids are kept as UTF-16 code units in one arena and compared exactly. The rows leave as
 * blocks ({@link CountedStore.toBlock}) that the evaluation gathers by partition (`GatheredRows`, rowstore.ts).
 *
 * @example
 * const store = new CountedStore();
 * store.add(0, 0, 0, 0, 2, start, end, 'V1'); // client, staff, group, day, line, times, visit id
 * new GatheredRows().appendBlock(store.toBlock(), null, 0);
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
  private visitLength = new Int32Array(0);
  /** A hash of each row's visit id (its code units), made as the id is copied in. */
  private visitHash = new Int32Array(0);
  private arena = new Uint16Array(0);
  private arenaUsed = 0;

  /** Visit-id code units held. */
  get units(): number {
    return this.arenaUsed;
  }

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
    this.visitLength[i] = n;
    this.arenaUsed += n;
    return at;
  }

  /** Moves the visit-id arena to one of `size` code units. */
  private growArena(size: number): void {
    const bigger = new Uint16Array(size);
    bigger.set(this.arena.subarray(0, this.arenaUsed));
    gaveUp(this.arena.byteLength);
    this.arena = bigger;
  }

  /** Forgets every row (keeps the room). */
  clear(): void {
    this.count = 0;
    this.arenaUsed = 0;
  }

  /** Forgets every row and gives up the room (made again if rows come). */
  release(): void {
    this.clear();
    this.cap = 0;
    this.client = this.staff = this.group = this.day = this.line = this.visitLength = this.visitHash = new Int32Array(0);
    this.start = this.end = new Float64Array(0);
    this.arena = new Uint16Array(0);
  }

  /** Bytes of {@link CountedStore.toBlock}'s block. */
  get blockSize(): number {
    return 8 + this.count * ROW_BYTES + this.arenaUsed * 2;
  }

  /**
   * The rows as one block of bytes: a header (rows, visit-id code units) and each column in turn,
   * written at the start of `into` when given (it must hold {@link CountedStore.blockSize} bytes).
   * `GatheredRows.appendBlock` reads it back.
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

  private grow(cap = Math.max(256, Math.ceil(this.cap * 1.5))): void {
    const grow32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    const grow64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    gaveUp(this.cap * ROW_BYTES);
    this.client = grow32(this.client);
    this.staff = grow32(this.staff);
    this.group = grow32(this.group);
    this.day = grow32(this.day);
    this.visitLength = grow32(this.visitLength);
    this.visitHash = grow32(this.visitHash);
    this.line = grow32(this.line);
    this.start = grow64(this.start);
    this.end = grow64(this.end);
    this.cap = cap;
  }
}
