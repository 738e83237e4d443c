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
  private slots = new Int32Array(1 << 12);
  private at: Int32Array = new Int32Array(1 << 11);
  private length: Int32Array = new Int32Array(1 << 11);
  private hashes: Int32Array = new Int32Array(1 << 11);
  private readonly names: string[] = [];

  /** How many distinct byte strings have been numbered. */
  get size(): number {
    return this.names.length;
  }

  /** The number of bytes [a, b) of `buf`. */
  id(buf: Uint8Array, a: number, b: number): number {
    let h = -2128831035;
    for (let p = a; p < b; p++) h = Math.imul(h ^ buf[p]!, 16777619);
    const mask = this.slots.length - 1;
    const n = b - a;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]!;
      if (e === 0) return this.insert(buf, a, b, h, slot);
      const i = e - 1;
      if (this.hashes[i] === h && this.length[i] === n && this.same(buf, a, this.at[i]!, n)) return i;
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
    if (i === this.at.length) {
      const grow = (x: Int32Array) => { const y = new Int32Array(x.length * 2); y.set(x); return y; };
      this.at = grow(this.at);
      this.length = grow(this.length);
      this.hashes = grow(this.hashes);
    }
    this.at[i] = this.used;
    this.length[i] = n;
    this.hashes[i] = h;
    this.used += n;
    this.names.push(Buffer.prototype.toString.call(buf, 'utf8', a, b));
    this.slots[slot] = i + 1;
    if (2 * this.names.length > this.slots.length) this.rehash();
    return i;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.names.length; i++) {
      let slot = this.hashes[i]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
  }
}
