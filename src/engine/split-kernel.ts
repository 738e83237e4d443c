import { WASM } from './kernel/split.wasm.js';
import { PAGE, wasmApi, type WasmMemory, type WasmModule } from './kernel/wasm.js';
import type { parseTimeInto } from '../windows/parse.js';

/** Room for line records per {@link SplitKernel.split} call, in bytes. */
const RECORD_BYTES = 1 << 19;
// the records' and the row settings' layout, shared with split.as.ts
import { CHECKS as SETTINGS_HEAD, CODED_SLOTS, SLOT_COLUMNS, SLOT_TABLES } from './kernel/layout.js';
export { RECORD_HEAD, RECORD_FLAGS, RECORD_VALUES, CODED_SLOTS, KERNEL_PLAIN, KERNEL_ASCII_VISIT } from './kernel/layout.js';
import { RECORD_HEAD } from './kernel/layout.js';

/**
 * What the kernel reads of a line with the header's field count besides its times: whether its
 * fields are plain and the number of each coded column's value.
 *
 * @example
 * { plainFirst, plainLast, checks: Uint8Array.of(2, 2, 1, 1), slots: [{ column: 0, table: 0 }, { column: 1, table: 1 }], visitColumn: -1 }
 */
export interface RowSettings {
  /** Per byte: 1 when a plain field may begin with it. */
  plainFirst: Uint8Array;
  /** Per byte: 1 when a plain field may end with it. */
  plainLast: Uint8Array;
  /** Per column: 0 not checked, 1 must be plain, 2 must be plain and not empty. */
  checks: Uint8Array;
  /**
   * The coded columns (at most {@link CODED_SLOTS}), in record order: the column (-1: none, so
   * the empty value; -2: not wanted, the word is -1) and the table (0–7) numbering its values,
   * so two slots can share one (a contact person is a staff id), or -1: the value is a date, the
   * word `year << 9 | month << 5 | day` when the field is exactly `YYYY-MM-DD` naming a calendar
   * date (as parseDayCodes reads it), else -1.
   */
  slots: { column: number; table: number }[];
  /** The column checked for ASCII ({@link KERNEL_ASCII_VISIT}), -1 for none. */
  visitColumn: number;
  /**
   * Bytes of each table's region for its slots (12 bytes each, at most 3/4 full) and for its key
   * addresses (4 a value), where they grow in place ({@link TABLE_ROOM} when not given; 0: no
   * regions, every table moves as it grows).
   */
  tableRoom?: readonly [slots: number, keys: number];
  /**
   * Values a table numbers at most (default and most: 2²³ − 1); a line with a new value past
   * them gets flags 0, so the caller reads it in JavaScript.
   */
  numberLimit?: number;
}

/**
 * The default room of a table's region ({@link RowSettings.tableRoom}): 2²¹ slots (1.5M values)
 * and 2M key addresses, 320 MB of address space for the eight tables, of which only the pages
 * the tables reach become memory.
 */
export const TABLE_ROOM = [32 << 20, 8 << 20] as const;

type SplitFunction = (from: number, to: number, delim: number, fields: number, out: number, maxLines: number, startColumn: number, endColumn: number) => number;

let compiled: WasmModule | null | undefined;

/** The kernel's module, compiled once per thread; null where WebAssembly SIMD is not available. */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = new wasmApi.Module(Buffer.from(WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The line splitter of the measure's fast path in WebAssembly (`src/engine/kernel/split.as.ts`): it
 * finds the line breaks and delimiters of a buffer sixteen bytes at a time, about four times as
 * fast as the 32-bit word loop in JavaScript (measured on the 2M-row log: 100 vs 390 ms), and
 * reads plain start and end times. Given {@link RowSettings}, it also checks that a row's fields
 * are plain and numbers the values of its coded columns (client, staff, group, …) in hash tables
 * in its own memory, so the caller only maps those numbers. The buffer it reads is its own memory
 * ({@link SplitKernel.buffer}); it writes one record per line (where the line starts, where its
 * LF is, how many delimiters it has, the two times, the flags, the coded values and where the
 * first delimiters are) and the caller reads the fields from the record. Its calendar check
 * (`daysInMonth`) repeats the one of `time/civil.ts` in AssemblyScript; tests hold the kernel's
 * times equal to `parseTimeInto`'s.
 *
 * The tables grow the memory: a view of it made before a {@link SplitKernel.split} may be empty
 * after it ({@link SplitKernel.moved} gives the new one; `records` is always current).
 *
 * @example
 * const k = SplitKernel.create(1 << 20, 12);
 * const buf = k!.buffer(); // read bytes into buf, then
 * const n = k!.split(0, end, 44); // lines; k.records holds them, k.done where the rest starts
 */
export class SplitKernel {
  /** The records of the last {@link SplitKernel.split}: `stride` i32s per line. */
  records: Int32Array;
  /** Lines one call records at most. */
  readonly maxLines: number;
  readonly stride: number;
  private readonly memory: WasmMemory;
  /** Where the records start in the kernel's memory. */
  private readonly out: number;
  private readonly splitLines: SplitFunction;
  private readonly next: { readonly value: number };
  /** The memory's buffer the views were made on; the earlier ones (emptied by growth). */
  private seen: ArrayBuffer;
  private readonly former = new WeakSet<ArrayBuffer>();

  /** The arguments it was made with ({@link SplitKernel.reuse}). */
  private readonly made: string;

  private constructor(module: WasmModule, readonly capacity: number, readonly fields: number, private readonly startColumn: number, private readonly endColumn: number, rows: RowSettings | null) {
    this.made = madeWith(capacity, fields, startColumn, endColumn, rows);
    this.stride = fields + RECORD_HEAD;
    this.maxLines = Math.max(1, Math.floor(RECORD_BYTES / (4 * this.stride)));
    // the records follow the buffer: the kernel's last 16-byte load may reach 15 bytes past it
    this.out = Math.ceil(capacity / 16) * 16;
    const settings = this.out + this.maxLines * this.stride * 4;
    // the settings, then the tables: in their regions past a 64 KiB boundary (setup grows the memory to hold them) or, without regions, here
    const heap = settings + SETTINGS_HEAD + fields + 16;
    this.memory = new wasmApi.Memory({ initial: Math.ceil((heap + (64 << 10)) / PAGE) });
    const exports = new wasmApi.Instance(module, { env: { memory: this.memory, abort: () => { throw new Error('split kernel: abort'); } } }).exports;
    this.splitLines = exports.split as SplitFunction;
    this.next = exports.done as { readonly value: number };
    this.seen = this.memory.buffer;
    this.records = new Int32Array(this.seen, this.out, this.maxLines * this.stride);
    if (rows !== null) {
      writeSettings(new Uint8Array(this.seen, settings, SETTINGS_HEAD + fields), rows, fields);
      const [slotRoom, keyRoom] = rows.tableRoom ?? TABLE_ROOM;
      // the eight regions' addresses must stay below 2 GiB
      if (!(slotRoom >= 0 && keyRoom >= 0 && 8 * (slotRoom + keyRoom) <= 2 ** 30)) throw new RangeError('split kernel: tableRoom must be two sizes ≥ 0 of at most 128 MiB together');
      (exports.setup as (at: number, visit: number, heap: number, slotRoom: number, keyRoom: number, numbers: number) => void)(settings, rows.visitColumn, heap, slotRoom, keyRoom, rows.numberLimit ?? 2 ** 31 - 1);
      if (this.memory.buffer !== this.seen) this.rebind();
    }
  }

  /**
   * A kernel for buffers of up to `capacity` bytes and lines of `fields` fields whose times are in
   * columns `startColumn` and `endColumn` (-1: none), reading rows as `rows` says when given, or
   * null where WebAssembly SIMD is not available (the caller splits in JavaScript).
   */
  static create(capacity: number, fields: number, startColumn = -1, endColumn = -1, rows: RowSettings | null = null): SplitKernel | null {
    const module = kernelModule();
    return module === null ? null : new SplitKernel(module, capacity, fields, startColumn, endColumn, rows);
  }

  /**
   * {@link SplitKernel.create}, or `kept` when it was made with the same arguments: its tables go
   * on numbering the values they know, so a thread reading several pieces of a file makes them
   * (several MB per 100,000 ids) once.
   *
   * @example
   * const k = SplitKernel.reuse(previous, 1 << 20, 12, 3, 4, rows); // previous itself when it fits
   */
  static reuse(kept: SplitKernel | null, capacity: number, fields: number, startColumn = -1, endColumn = -1, rows: RowSettings | null = null): SplitKernel | null {
    if (kept !== null && kept.made === madeWith(capacity, fields, startColumn, endColumn, rows)) return kept;
    return SplitKernel.create(capacity, fields, startColumn, endColumn, rows);
  }

  /** The kernel's buffer: `capacity` bytes of its memory. */
  buffer(): Buffer {
    return Buffer.from(this.memory.buffer, 0, this.capacity);
  }

  /** True when `buf` is this kernel's buffer (as {@link SplitKernel.buffer} gave it, and the memory has not grown since). */
  holds(buf: Uint8Array): boolean {
    return buf.buffer === this.memory.buffer && buf.byteOffset === 0;
  }

  /** `buf` where it is now: the kernel's current buffer when `buf` was its buffer before the memory grew, else `buf` itself. */
  moved(buf: Buffer): Buffer {
    return this.former.has(buf.buffer as ArrayBuffer) && buf.byteOffset === 0 ? this.buffer() : buf;
  }

  /**
   * Records the complete lines of bytes [from, to) of the buffer split on byte `delim`, at most
   * {@link SplitKernel.maxLines}: line `l`'s record starts at `records[l * stride]` and holds the
   * line's start, its LF's position, its count of delimiters, the local times of the start and end
   * columns (words 3–6: a date `year << 9 | month << 5 | day` and a time of day
   * `hour << 12 | minute << 6 | second` each; -1 when the kernel did not read the time, which it
   * does only for a field of exactly `YYYY-MM-DD HH:mm[:ss]` (space, T or t) naming a real date
   * and time of day, so what it gives is what {@link parseTimeInto} reads there), the flags
   * (word 7, 0 without row settings), the coded values (words 8–15, set when the flags have
   * {@link KERNEL_PLAIN}) and from word 16 the positions of the first `fields` delimiters.
   * Returns the number of lines; {@link SplitKernel.done} says where to go on.
   */
  split(from: number, to: number, delim: number): number {
    const n = this.splitLines(from, to, delim, this.fields, this.out, this.maxLines, this.startColumn, this.endColumn);
    if (this.memory.buffer !== this.seen) this.rebind();
    return n;
  }

  /** Where the line after the last one recorded starts. */
  get done(): number {
    return this.next.value;
  }

  /** New views after the memory grew. */
  private rebind(): void {
    this.former.add(this.seen);
    this.seen = this.memory.buffer;
    this.records = new Int32Array(this.seen, this.out, this.maxLines * this.stride);
  }
}

/** A kernel's arguments as one string (typed arrays as their values). */
function madeWith(capacity: number, fields: number, startColumn: number, endColumn: number, rows: RowSettings | null): string {
  return JSON.stringify([capacity, fields, startColumn, endColumn, rows], (_, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}

/** Writes the row settings where the kernel reads them (the layout of split.as.ts). */
function writeSettings(to: Uint8Array, rows: RowSettings, fields: number): void {
  if (rows.slots.length > CODED_SLOTS || rows.checks.length !== fields) throw new Error('split kernel: bad row settings');
  to.set(rows.plainFirst, 0);
  to.set(rows.plainLast, 256);
  const words = new DataView(to.buffer, to.byteOffset, SETTINGS_HEAD);
  for (let s = 0; s < CODED_SLOTS; s++) {
    const slot = rows.slots[s] ?? { column: -2, table: 0 };
    words.setInt32(SLOT_COLUMNS + 4 * s, slot.column, true);
    words.setInt32(SLOT_TABLES + 4 * s, slot.table, true);
  }
  to.set(rows.checks, SETTINGS_HEAD);
}
