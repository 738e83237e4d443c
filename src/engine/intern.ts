import { gaveUp } from './garbage.js';

/**
 * Numbers byte ranges of buffers: the same bytes get the same number (0, 1, 2, … in order of
 * first sight), looked up in an open-addressing hash table keyed by the bytes (MurmurHash3's
 * mixing, four bytes at a time) whose slots hold the first 8 bytes of each value, so an id
 * repeated on a million rows costs a hash and a compare in one slot, never a decode or a string.
 * Every value's bytes are kept in one arena; `name(n)` is the UTF-8 text of number `n`, decoded
 * on the first ask. A value the caller knows is new can be added without a lookup
 * ({@link ByteInterner.append}): the table is then made, or brought up to date, only when
 * something is looked up, so a reader that only appends holds the bytes and nothing else.
 *
 * Byte-equal is not text-equal for invalid UTF-8 (two different broken sequences both decode to
 * U+FFFD): a consumer that needs text equality maps numbers through their names.
 *
 * @example
 * const ids = new ByteInterner();
 * const b = Buffer.from('C1,C2,C1');
 * [ids.id(b, 0, 2), ids.id(b, 3, 5), ids.id(b, 6, 8)]; // → [0, 1, 0]
 * ids.name(1); // → 'C2'
 */
export class ByteInterner {
  /** Every value's bytes, in a Buffer like the readers' (one kind of array reaches the hash: it stays fast). */
  private bytes: Buffer;
  private used = 0;
  /** Per number: where its bytes end in `bytes` (they start where the number before ends; number 0 at 0). */
  private ends: Int32Array;
  private count = 0;
  /**
   * Open addressing, four ints a slot: the first 8 bytes of the value (zero-padded, little
   * endian), its length, and its number + 1 (0: empty). A value of at most 8 bytes is compared in
   * the slot alone, so a lookup touches one slot and nothing else. Numbers [0, indexed) are in it;
   * empty until the first lookup.
   */
  private slots = new Int32Array(0);
  private indexed = 0;
  /** Slots to make at least, when the table is made (the constructor's `expected`). */
  private readonly expected: number;
  /** Texts decoded so far, by number. */
  private readonly names: (string | undefined)[] = [];

  /** `expected`: how many values it will number (room for them is made at once, not by doubling). */
  constructor(expected = 0) {
    this.expected = expected;
    this.bytes = Buffer.alloc(Math.max(1 << 12, 8 * expected));
    this.ends = new Int32Array(Math.max(1 << 8, expected));
  }

  /** How many distinct byte strings have been numbered. */
  get size(): number {
    return this.count;
  }

  /** The number of bytes [a, b) of `buf`, or -1 when they have none (nothing is added). */
  find(buf: Uint8Array, a: number, b: number): number {
    return this.id(buf, a, b, FIND);
  }

  /** The number of bytes [a, b) of `buf`, numbered now when new (`find`: -1 then, nothing added). */
  id(buf: Uint8Array, a: number, b: number, find?: typeof FIND): number {
    if (this.indexed < this.count || this.slots.length === 0) this.reserve(Math.max(0, this.expected - this.count));
    const n = b - a;
    let w0 = 0;
    let w1 = 0;
    if (n >= 8) {
      w0 = buf[a]! | (buf[a + 1]! << 8) | (buf[a + 2]! << 16) | (buf[a + 3]! << 24);
      w1 = buf[a + 4]! | (buf[a + 5]! << 8) | (buf[a + 6]! << 16) | (buf[a + 7]! << 24);
    } else {
      for (let k = 0; k < n && k < 4; k++) w0 |= buf[a + k]! << (8 * k);
      for (let k = 4; k < n; k++) w1 |= buf[a + k]! << (8 * (k - 4));
    }
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    for (let slot = hashKey(w0, w1, n, buf, a) & mask; ; slot = (slot + 1) & mask) {
      const at = 4 * slot;
      const e = slots[at + 3]!;
      if (e === 0) return find === FIND ? -1 : this.insert(buf, a, b, w0, w1, slot);
      if (slots[at] === w0 && slots[at + 1] === w1 && slots[at + 2] === n && (n <= 8 || this.sameTail(buf, a, e - 1, n))) return e - 1;
    }
  }

  /** Numbers bytes [a, b) of `buf` without looking them up: the caller knows they are new. */
  append(buf: Uint8Array, a: number, b: number): number {
    const n = b - a;
    if (this.used + n > this.bytes.length) this.bytes = grownBuffer(this.bytes, this.used, this.used + n);
    const bytes = this.bytes;
    for (let k = 0; k < n; k++) bytes[this.used + k] = buf[a + k]!;
    if (this.count === this.ends.length) {
      const bigger = new Int32Array(this.count * 2);
      bigger.set(this.ends);
      gaveUp(this.ends.byteLength);
      this.ends = bigger;
    }
    this.used += n;
    this.ends[this.count] = this.used;
    return this.count++;
  }

  /** The text of bytes [a, b) of `buf` (decoded once per distinct value). */
  get(buf: Uint8Array, a: number, b: number): string {
    return this.name(this.id(buf, a, b));
  }

  /** The UTF-8 text of number `n` (decoded on the first ask, then kept). */
  name(n: number): string {
    return (this.names[n] ??= this.decode(n));
  }

  /** The UTF-8 text of number `n`, decoded now (not kept). */
  decode(n: number): string {
    return this.bytes.toString('utf8', this.start(n), this.ends[n]!);
  }

  /** The bytes of number `n`: a view of the arena, valid until the next value is added. */
  view(n: number): Buffer {
    return this.bytes.subarray(this.start(n), this.ends[n]!);
  }

  /**
   * Every value's bytes, packed ({@link PackedNames}): views of the arena and the ends, not
   * copies, valid until the next value is added. Their buffers are this interner's own (never
   * Node's shared pool), so a reader done with them can move them to another thread.
   */
  packed(): PackedNames {
    return { bytes: this.bytes.subarray(0, this.used), ends: this.ends.subarray(0, this.count) };
  }

  /** Drops the lookup table (made again on the next lookup). */
  dropIndex(): void {
    this.slots = new Int32Array(0);
    this.indexed = 0;
  }

  /** The table made or brought up to date with room for `more` values besides these. */
  reserve(more: number): void {
    let slots = Math.max(1 << 12, this.slots.length >> 2);
    while (3 * slots < 4 * (this.count + more)) slots *= 2;
    if (4 * slots > this.slots.length) this.rehash(slots);
    this.catchUp();
  }

  private start(n: number): number {
    return n === 0 ? 0 : this.ends[n - 1]!;
  }

  /** Whether bytes 8 … n of the value at `a` equal those of number `i` (the first 8 are equal). */
  private sameTail(buf: Uint8Array, a: number, i: number, n: number): boolean {
    const bytes = this.bytes;
    const at = this.start(i);
    for (let k = 8; k < n; k++) if (buf[a + k] !== bytes[at + k]) return false;
    return true;
  }

  private insert(buf: Uint8Array, a: number, b: number, w0: number, w1: number, slot: number): number {
    const i = this.append(buf, a, b);
    this.place(slot, w0, w1, b - a, i);
    this.indexed = this.count;
    // at most 3/4 full: a smaller table stays in the cache (a lookup is one slot, probes are short)
    if (4 * this.count > 3 * (this.slots.length >> 2)) this.rehash(this.slots.length >> 1);
    return i;
  }

  private place(slot: number, w0: number, w1: number, n: number, i: number): void {
    const at = 4 * slot;
    this.slots[at] = w0;
    this.slots[at + 1] = w1;
    this.slots[at + 2] = n;
    this.slots[at + 3] = i + 1;
  }

  /** Puts numbers [indexed, count) in the table (it has room for them). */
  private catchUp(): void {
    const bytes = this.bytes;
    const mask = (this.slots.length >> 2) - 1;
    for (; this.indexed < this.count; this.indexed++) {
      const i = this.indexed;
      const a = this.start(i);
      const n = this.ends[i]! - a;
      let w0 = 0;
      let w1 = 0;
      for (let k = 0; k < n && k < 4; k++) w0 |= bytes[a + k]! << (8 * k);
      for (let k = 4; k < n && k < 8; k++) w1 |= bytes[a + k]! << (8 * (k - 4));
      let slot = hashKey(w0, w1, n, bytes, a) & mask;
      while (this.slots[4 * slot + 3] !== 0) slot = (slot + 1) & mask;
      this.place(slot, w0, w1, n, i);
    }
  }

  /** Moves the table into one of `size` slots. */
  private rehash(size: number): void {
    const old = this.slots;
    const slots = new Int32Array(4 * size);
    const mask = size - 1;
    for (let s = 0; s < old.length; s += 4) {
      const e = old[s + 3]!;
      if (e === 0) continue;
      let slot = hashKey(old[s]!, old[s + 1]!, old[s + 2]!, this.bytes, this.start(e - 1)) & mask;
      while (slots[4 * slot + 3] !== 0) slot = (slot + 1) & mask;
      for (let k = 0; k < 4; k++) slots[4 * slot + k] = old[s + k]!;
    }
    gaveUp(old.byteLength);
    this.slots = slots;
  }
}

/** Asks {@link ByteInterner.id} to find only. */
const FIND = Symbol('find');

/** A copy of bytes [0, used) of `buf` in a buffer of at least `need` bytes (twice the size, or more). */
function grownBuffer(buf: Buffer, used: number, need: number): Buffer {
  const bigger = Buffer.alloc(Math.max(buf.length * 2, need));
  buf.copy(bigger, 0, 0, used);
  gaveUp(buf.byteLength);
  return bigger;
}

/**
 * Names as one block of bytes: name k is bytes [ends[k - 1], ends[k]) (from 0 for k = 0).
 * Typed arrays, so another thread gets them in one copy, not a string per name.
 *
 * @example
 * const ids = new ByteInterner();
 * const b = Buffer.from('C1Åsa');
 * ids.id(b, 0, 2); ids.id(b, 2, 6);
 * ids.packed(); // → { bytes: <43 31 c3 85 73 61>, ends: Int32Array [2, 6] }
 */
export interface PackedNames {
  bytes: Uint8Array;
  ends: Int32Array;
}

/**
 * A 32-bit hash of a value of `n` bytes whose first 8 are `w0`, `w1` (MurmurHash3's mixing); the
 * bytes past the 8th are read from `buf` at `a + 8`, four at a time.
 */
function hashKey(w0: number, w1: number, n: number, buf: Uint8Array, a: number): number {
  let h = mix(n, w0);
  h = mix(h, w1);
  if (n > 8) {
    const b = a + n;
    let p = a + 8;
    for (; p + 4 <= b; p += 4) h = mix(h, buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24));
    let k = 0;
    for (let s = 0; p < b; p++, s += 8) k |= buf[p]! << s;
    h = mix(h, k);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
