/**
 * Chunks of route rows written to a file as a reading thread fills them ({@link ChunkFile}) and
 * read back one at a time by the thread that takes them ({@link loadChunk}): a part read beside
 * other work holds one chunk in memory, not all of its rows.
 *
 * @module
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { ArrayKind, ChunkSink, PartNumbers, RowsChunk, SpilledChunk } from './rows-chunk.js';

/** A chunk's arrays in the order they are written: staff, client, group, point, seconds, durations, exact start and end, the four places, ids, id ends. */
function arraysOf(c: RowsChunk): (ArrayBufferView | null)[] {
  return [c.staff, c.client, c.group, c.point, c.seconds, c.durations, c.exact?.start ?? null, c.exact?.end ?? null, ...c.places, c.ids, c.idEnds];
}

function kindOf(a: ArrayBufferView): ArrayKind {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Int32Array) return 'i32';
  if (a instanceof Uint16Array) return 'u16';
  return 'u8';
}

const PAD = new Uint8Array(8);

/**
 * A file that chunks of rows are appended to ({@link ChunkFile.write}); closed by
 * {@link ChunkFile.close}, removed by whoever made its folder.
 *
 * @example
 * const file = new ChunkFile(join(folder, 'routes-0'));
 * const ref = file.write(chunk); file.close();
 * loadChunk(ref).count; // → chunk.count
 */
export class ChunkFile implements ChunkSink {
  private fd: number | null;
  private at = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Appends `c`'s rows; where they lie. */
  write(c: RowsChunk): SpilledChunk {
    const fd = this.fd;
    if (fd === null) throw new Error('ChunkFile: closed');
    const offset = this.at;
    const arrays = arraysOf(c).map((a) => {
      if (a === null) return null;
      this.at += writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const pad = -a.byteLength & 7;
      if (pad > 0) this.at += writeSync(fd, PAD, 0, pad);
      return { kind: kindOf(a), length: a.byteLength / (a as Uint8Array).BYTES_PER_ELEMENT };
    });
    return { spilled: true, path: this.path, offset, bytes: this.at - offset, count: c.count, base: c.base, texts: c.texts, arrays };
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * A buffer that chunks are read back into ({@link loadChunk}), one after another: grown when a
 * chunk needs more.
 *
 * @example
 * const scratch: ChunkBuffer = { buffer: new ArrayBuffer(0) };
 */
export interface ChunkBuffer {
  buffer: ArrayBuffer;
}

/**
 * The chunk a {@link ChunkFile.write} wrote, read back into `into` (its arrays are views of it:
 * valid until the next chunk is read into it), or into a buffer of its own.
 *
 * @example
 * const chunk = loadChunk(ref); // chunk.count rows, as written
 */
export function loadChunk(ref: SpilledChunk, into?: ChunkBuffer): RowsChunk {
  if (into !== undefined && into.buffer.byteLength < ref.bytes) into.buffer = new ArrayBuffer(Math.max(ref.bytes, Math.ceil(1.25 * into.buffer.byteLength)));
  const buffer = into?.buffer ?? new ArrayBuffer(ref.bytes);
  const fd = openSync(ref.path, 'r');
  try {
    let got = 0;
    while (got < ref.bytes) {
      const n = readSync(fd, new Uint8Array(buffer, got), 0, ref.bytes - got, ref.offset + got);
      if (n === 0) throw new Error('a spilled chunk of route rows is cut short');
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  let at = 0;
  const views = ref.arrays.map((layout) => {
    if (layout === null) return null;
    const { kind, length } = layout;
    const view = kind === 'f64' ? new Float64Array(buffer, at, length) : kind === 'i32' ? new Int32Array(buffer, at, length) : kind === 'u16' ? new Uint16Array(buffer, at, length) : new Uint8Array(buffer, at, length);
    at += (view.byteLength + 7) & ~7;
    return view;
  });
  // in the order of arraysOf
  let k = 0;
  const next = <T>(): T => views[k++] as T;
  const staff = next<PartNumbers>(), client = next<PartNumbers>(), group = next<PartNumbers>(), point = next<PartNumbers>();
  const seconds = next<Int32Array>(), durations = next<Int32Array>();
  const start = next<Float64Array | null>(), end = next<Float64Array | null>();
  const places = [next<Float64Array | null>(), next<Float64Array | null>(), next<Float64Array | null>(), next<Float64Array | null>()];
  const ids = next<Uint8Array>(), idEnds = next<Int32Array>();
  return {
    count: ref.count, staff, client, group, point, base: ref.base, seconds, durations,
    exact: start === null || end === null ? null : { start, end }, places, ids, idEnds, texts: ref.texts,
  };
}
