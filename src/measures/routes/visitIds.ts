/**
 * The visit ids of the route figures' rows (rows.ts), kept as bytes until the double-staffed visits
 * are marked.
 *
 * @module
 */
import { copyBytes, ints, type Column, type Slabs } from './columns.js';

/**
 * The visit ids of the rows, needed until the double-staffed visits are marked: their code units
 * in chunks of 4 MB, a byte each when every unit is below 256 (Latin-1: ASCII ids, Swedish
 * letters), else two (UTF-16; the row is noted in `wide`), and where each row's id ends. An id is
 * read back as the same text, so equal ids are found exactly.
 */
export class VisitIds {
  /** The code units, in chunks of {@link CHUNK} bytes; an id lies in one chunk. */
  private readonly chunks: Buffer[] = [];
  /** Where each row's id ends, counted over the chunks (chunk k begins at k × CHUNK). */
  private readonly ends: Column<Int32Array>;
  private readonly wide = new Set<number>();
  /** Ids of more than {@link LONG} bytes (a broken cell), by row: not in the chunks. */
  private readonly long = new Map<number, string>();
  private used = 0;

  constructor(private readonly slabs: Slabs) {
    this.ends = ints(slabs);
  }

  add(i: number, id: string): void {
    let narrow = true;
    for (let k = 0; k < id.length; k++) {
      if (id.charCodeAt(k) > 255) {
        narrow = false;
        break;
      }
    }
    const bytes = narrow ? id.length : 2 * id.length;
    if (bytes === 0 || bytes > LONG) {
      if (bytes > 0) this.long.set(i, id);
      this.ends.set(i, this.used);
      return;
    }
    const at = this.room(bytes);
    if (!narrow) this.wide.add(i);
    this.chunks[Math.floor(at / CHUNK)]!.write(id, at % CHUNK, narrow ? 'latin1' : 'utf16le');
    this.used = at + bytes;
    this.ends.set(i, this.used);
  }

  /** {@link VisitIds.add} of an id given as ASCII bytes `buf[a, b)`, copied without a string. */
  addBytes(i: number, buf: Uint8Array, a: number, b: number): void {
    const bytes = b - a;
    if (bytes === 0 || bytes > LONG) return this.add(i, bytes === 0 ? '' : Buffer.from(buf.subarray(a, b)).toString('latin1'));
    const at = this.room(bytes);
    copyBytes(this.chunks[Math.floor(at / CHUNK)]!, at % CHUNK, buf, a, b);
    this.used = at + bytes;
    this.ends.set(i, this.used);
  }

  /**
   * {@link VisitIds.addBytes} and {@link VisitIds.add} of rows `at` … `at + n − 1` as a chunk of
   * rows holds their ids (rows-chunk.ts): row r's as ASCII bytes `ids[idEnds[r − 1] … idEnds[r])`,
   * or as text in `texts` ([r, id], by row). The same ids in the same places as a row at a time,
   * the bytes of a run of rows copied at once.
   *
   * @example
   * visits.addRun(0, Buffer.from('V1V22'), Int32Array.of(2, 5), 2, []); // visits.text(1) → 'V22'
   */
  addRun(at: number, ids: Uint8Array, idEnds: Int32Array, n: number, texts: readonly (readonly [number, string])[]): void {
    let text = 0;
    for (let r = 0; r < n;) {
      const from = r === 0 ? 0 : idEnds[r - 1]!;
      if (text < texts.length && texts[text]![0] === r) {
        this.add(at + r, texts[text++]![1]);
        r++;
        continue;
      }
      const bytes = idEnds[r]! - from;
      if (bytes === 0 || bytes > LONG) {
        this.addBytes(at + r, ids, from, idEnds[r]!);
        r++;
        continue;
      }
      // the rows from r up to the next given as text whose ids fit after it in the same chunk, as
      // room would place them (an empty id too: it ends where the id before it ends)
      const start = this.room(bytes), chunk = Math.floor(start / CHUNK), limit = (chunk + 1) * CHUNK;
      const stop = text < texts.length ? texts[text]![0] : n;
      let next = r + 1;
      while (next < stop && idEnds[next]! - idEnds[next - 1]! <= LONG && start + (idEnds[next]! - from) <= limit) next++;
      const to = idEnds[next - 1]!;
      this.chunks[chunk]!.set(ids.subarray(from, to), start - chunk * CHUNK);
      for (let q = r; q < next; q++) this.ends.set(at + q, start + (idEnds[q]! - from));
      this.used = start + (to - from);
      r = next;
    }
  }

  /** Where the next id of `bytes` bytes goes: on in the last chunk, or at the start of a new one (an id lies in one chunk). */
  private room(bytes: number): number {
    const at = this.used;
    if (Math.floor((at + bytes - 1) / CHUNK) < this.chunks.length) return at;
    this.chunks.push(this.slabs.bytes(CHUNK));
    return (this.chunks.length - 1) * CHUNK;
  }

  /**
   * A hash of row `i`'s visit id (FNV-1a of its stored code units; equal ids hash equal, see
   * {@link VisitIds.same}), or -1 for no id: what finds a row's fellow rows without a text per row.
   */
  hash(i: number): number {
    const end = this.ends.get(i);
    const before = i === 0 ? 0 : this.ends.get(i - 1);
    if (end === before) {
      const long = this.long.get(i);
      if (long === undefined) return -1;
      let h = 0x811c9dc5;
      for (let k = 0; k < long.length; k++) h = Math.imul(h ^ long.charCodeAt(k), 0x01000193);
      return h >>> 0;
    }
    const chunk = Math.floor((end - 1) / CHUNK), base = chunk * CHUNK;
    const bytes = this.chunks[chunk]!;
    let h = this.wide.has(i) ? 0x050c5d1f : 0x811c9dc5;
    for (let k = Math.max(before, base) - base; k < end - base; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
    return h >>> 0;
  }

  /** Whether rows `i` and `j` have the same visit id (as {@link VisitIds.text} gives them). */
  same(i: number, j: number): boolean {
    const a = this.span(i), b = this.span(j);
    if (a === null || b === null) return this.text(i) === this.text(j);
    if (a[1] - a[0] !== b[1] - b[0] || this.wide.has(i) !== this.wide.has(j)) return false;
    const x = this.chunks[a[2]]!, y = this.chunks[b[2]]!;
    for (let k = 0; k < a[1] - a[0]; k++) if (x[a[0] + k] !== y[b[0] + k]) return false;
    return true;
  }

  /** Where row `i`'s id lies in its chunk [from, to) and the chunk, or null when it is not in the chunks (none, or long). */
  private span(i: number): [number, number, number] | null {
    const end = this.ends.get(i);
    const before = i === 0 ? 0 : this.ends.get(i - 1);
    if (end === before) return null;
    const chunk = Math.floor((end - 1) / CHUNK), base = chunk * CHUNK;
    return [Math.max(before, base) - base, end - base, chunk];
  }

  /** The visit id of row `i` (`''`: none). */
  text(i: number): string {
    const end = this.ends.get(i);
    const before = i === 0 ? 0 : this.ends.get(i - 1);
    if (end === before) return this.long.get(i) ?? '';
    const chunk = Math.floor((end - 1) / CHUNK);
    const from = Math.max(before, chunk * CHUNK);
    return this.chunks[chunk]!.toString(this.wide.has(i) ? 'utf16le' : 'latin1', from - chunk * CHUNK, end - chunk * CHUNK);
  }
}

/** Bytes in a chunk of visit ids: 4 MB. */
const CHUNK = 1 << 22;
/** Longer visit ids are kept as text. */
const LONG = 1 << 12;
