/**
 * Numbers byte ranges of buffers: the same bytes get the same number (0, 1, 2, … in order of
 * first sight), looked up in an open-addressing hash table keyed by the bytes (FNV-1a) and
 * compared byte for byte on a hit, so an id repeated on a million rows costs a hash and a compare,
 * never a decode or a string. `name(n)` is the UTF-8 text of number `n`, decoded once.
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
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Open addressing, two ints a slot: the hash and the number + 1 (0: empty). */
  private slots = new Int32Array(2 << 12);
  /** Per number: where its bytes start in `bytes`, and how many. */
  private spans: Int32Array = new Int32Array(2 << 11);
  private readonly names: string[] = [];

  /** How many distinct byte strings have been numbered. */
  get size(): number {
    return this.names.length;
  }

  /** The number of bytes [a, b) of `buf`. */
  id(buf: Uint8Array, a: number, b: number): number {
    const h = hashBytes(buf, a, b);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const n = b - a;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = slots[2 * slot + 1]!;
      if (e === 0) return this.insert(buf, a, b, h, slot);
      if (slots[2 * slot] === h && this.spans[2 * e - 1] === n && this.same(buf, a, this.spans[2 * e - 2]!, n)) return e - 1;
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

  private same(buf: Uint8Array, a: number, at: number, n: number): boolean {
    const bytes = this.bytes;
    for (let k = 0; k < n; k++) if (buf[a + k] !== bytes[at + k]) return false;
    return true;
  }

  private insert(buf: Uint8Array, a: number, b: number, h: number, slot: number): number {
    const i = this.names.length;
    const n = b - a;
    if (this.used + n > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.bytes.set(buf.subarray(a, b), this.used);
    if (2 * i === this.spans.length) {
      const bigger = new Int32Array(this.spans.length * 2);
      bigger.set(this.spans);
      this.spans = bigger;
    }
    this.spans[2 * i] = this.used;
    this.spans[2 * i + 1] = n;
    this.used += n;
    this.names.push(Buffer.prototype.toString.call(buf, 'utf8', a, b));
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = i + 1;
    if (4 * this.names.length > this.slots.length) this.rehash();
    return i;
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s]! & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[s]!;
      slots[2 * slot + 1] = old[s + 1]!;
    }
    this.slots = slots;
  }
}

/**
 * A 32-bit hash of bytes [a, b): four bytes at a time (MurmurHash3's mixing), so a 10-byte id
 * costs three multiplications in a row instead of ten.
 */
function hashBytes(buf: Uint8Array, a: number, b: number): number {
  let h = b - a;
  let p = a;
  for (; p + 4 <= b; p += 4) {
    let k = buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  for (let s = 0; p < b; p++, s += 8) k |= buf[p]! << s;
  h ^= Math.imul(((Math.imul(k, 0xcc9e2d51) << 15) | (Math.imul(k, 0xcc9e2d51) >>> 17)), 0x1b873593);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
