/**
 * Turns byte ranges of a buffer into strings, decoding each distinct value once: an open-addressing
 * hash table keyed by the bytes (FNV-1a), compared byte for byte on a hit, so the same id on a
 * million rows costs a hash and a compare instead of a decode and a string. Values are UTF-8.
 * Past `maxEntries` distinct values it decodes without remembering.
 *
 * @example
 * const ids = new ByteInterner();
 * ids.get(Buffer.from('C1,C1'), 0, 2) === ids.get(Buffer.from('C1,C1'), 3, 5); // → true (one string)
 */
export class ByteInterner {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private slots = new Int32Array(1 << 12);
  private at: Int32Array = new Int32Array(1 << 11);
  private length: Int32Array = new Int32Array(1 << 11);
  private hashes: Int32Array = new Int32Array(1 << 11);
  private strings: string[] = [];

  constructor(private readonly maxEntries = 1 << 20) {}

  /** The string of bytes [a, b) of `buf`. */
  get(buf: Uint8Array, a: number, b: number): string {
    let h = -2128831035;
    for (let p = a; p < b; p++) h = Math.imul(h ^ buf[p]!, 16777619);
    const mask = this.slots.length - 1;
    const n = b - a;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]!;
      if (e === 0) return this.insert(buf, a, b, h, slot);
      const i = e - 1;
      if (this.hashes[i] === h && this.length[i] === n && this.same(buf, a, this.at[i]!, n)) return this.strings[i]!;
    }
  }

  private same(buf: Uint8Array, a: number, at: number, n: number): boolean {
    const bytes = this.bytes;
    for (let k = 0; k < n; k++) if (buf[a + k] !== bytes[at + k]) return false;
    return true;
  }

  private insert(buf: Uint8Array, a: number, b: number, h: number, slot: number): string {
    const text = Buffer.prototype.toString.call(buf, 'utf8', a, b);
    const i = this.strings.length;
    if (i >= this.maxEntries) return text;
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
    this.strings.push(text);
    this.slots[slot] = i + 1;
    if (2 * this.strings.length > this.slots.length) this.rehash();
    return text;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let i = 0; i < this.strings.length; i++) {
      let slot = this.hashes[i]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
  }
}
