/**
 * Numbers byte ranges of buffers: the same bytes get the same number (0, 1, 2, … in order of
 * first sight), looked up in an open-addressing hash table keyed by the bytes (MurmurHash3's
 * mixing, four bytes at a time) whose slots hold the first 8 bytes of each value, so an id
 * repeated on a million rows costs a hash and a compare in one slot, never a decode or a string. `name(n)` is the UTF-8 text of number `n`, decoded once.
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
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  /**
   * Open addressing, four ints a slot: the first 8 bytes of the value (zero-padded, little
   * endian), its length, and its number + 1 (0: empty). A value of at most 8 bytes is compared in
   * the slot alone, so a lookup touches one slot and nothing else.
   */
  private slots: Int32Array;
  /** Per number: where its bytes start in `bytes` (their length is in its slot). */
  private starts: Int32Array;
  private readonly names: string[] = [];

  /** `expected`: how many values it will number (room for them is made at once, not by doubling). */
  constructor(expected = 0) {
    let slots = 1 << 12;
    while (3 * slots < 4 * expected) slots *= 2;
    this.slots = new Int32Array(4 * slots);
    this.starts = new Int32Array(Math.max(1 << 11, expected));
  }

  /** How many distinct byte strings have been numbered. */
  get size(): number {
    return this.names.length;
  }

  /** The number of bytes [a, b) of `buf`, or -1 when they have none (nothing is added). */
  find(buf: Uint8Array, a: number, b: number): number {
    const i = this.id(buf, a, b, FIND);
    return i === this.size ? -1 : i;
  }

  /**
   * The number of bytes [a, b) of `buf` (numbered now when new, with `text` as their name when
   * given, else their UTF-8 decoding).
   */
  id(buf: Uint8Array, a: number, b: number, text?: string | typeof FIND): number {
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
      if (e === 0) return text === FIND ? this.names.length : this.insert(buf, a, b, w0, w1, slot, text);
      if (slots[at] === w0 && slots[at + 1] === w1 && slots[at + 2] === n && (n <= 8 || this.sameTail(buf, a, e - 1, n))) return e - 1;
    }
  }

  /** The text of bytes [a, b) of `buf` (decoded once per distinct value). */
  get(buf: Uint8Array, a: number, b: number): string {
    return this.names[this.id(buf, a, b)]!;
  }

  /** The UTF-8 text of number `n`. */
  name(n: number): string {
    return this.names[n]!;
  }

  /** Whether bytes 8 … n of the value at `a` equal those of number `i` (the first 8 are equal). */
  private sameTail(buf: Uint8Array, a: number, i: number, n: number): boolean {
    const bytes = this.bytes;
    const at = this.starts[i]!;
    for (let k = 8; k < n; k++) if (buf[a + k] !== bytes[at + k]) return false;
    return true;
  }

  private insert(buf: Uint8Array, a: number, b: number, w0: number, w1: number, slot: number, text: string | undefined): number {
    const i = this.names.length;
    const n = b - a;
    if (this.used + n > this.bytes.length) {
      const bigger = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + n));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    const bytes = this.bytes;
    for (let k = 0; k < n; k++) bytes[this.used + k] = buf[a + k]!;
    if (i === this.starts.length) {
      const bigger = new Int32Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.starts[i] = this.used;
    this.used += n;
    this.names.push(text ?? Buffer.prototype.toString.call(buf, 'utf8', a, b));
    const at = 4 * slot;
    this.slots[at] = w0;
    this.slots[at + 1] = w1;
    this.slots[at + 2] = n;
    this.slots[at + 3] = i + 1;
    // at most 3/4 full: a smaller table stays in the cache (a lookup is one slot, probes are short)
    if (4 * this.names.length > 3 * (this.slots.length >> 2)) this.rehash();
    return i;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    for (let s = 0; s < old.length; s += 4) {
      const e = old[s + 3]!;
      if (e === 0) continue;
      let slot = hashKey(old[s]!, old[s + 1]!, old[s + 2]!, this.bytes, this.starts[e - 1]!) & mask;
      while (slots[4 * slot + 3] !== 0) slot = (slot + 1) & mask;
      for (let k = 0; k < 4; k++) slots[4 * slot + k] = old[s + k]!;
    }
    this.slots = slots;
  }
}

/** Asks {@link ByteInterner.id} to find only. */
const FIND = Symbol('find');

/**
 * Names as one block of UTF-8 bytes: name k is bytes [ends[k - 1], ends[k]) (from 0 for k = 0).
 * Typed arrays, so another thread gets them in one copy, not a string per name.
 *
 * @example
 * packNames(['C1', 'Åsa']); // → { bytes: <43 31 c3 85 73 61>, ends: Int32Array [2, 6] }
 */
export interface PackedNames {
  bytes: Uint8Array;
  ends: Int32Array;
}

/**
 * Packs names as UTF-8 ({@link PackedNames}).
 *
 * @example
 * packNames(['C1', 'C2']).ends; // → Int32Array [2, 4]
 */
export function packNames(names: readonly string[]): PackedNames {
  let size = 0;
  for (const name of names) size += Buffer.byteLength(name, 'utf8');
  const bytes = Buffer.alloc(size); // not from the shared pool: it is copied whole to another thread
  const ends = new Int32Array(names.length);
  let at = 0;
  names.forEach((name, k) => { ends[k] = at += bytes.write(name, at, 'utf8'); });
  return { bytes, ends };
}

/**
 * Names from {@link packNames} as strings.
 *
 * @example
 * unpackNames(packNames(['C1', 'Åsa'])); // → ['C1', 'Åsa']
 */
export function unpackNames(packed: PackedNames): string[] {
  const text = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.length);
  return Array.from(packed.ends, (end, k) => text.toString('utf8', k === 0 ? 0 : packed.ends[k - 1]!, end));
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
