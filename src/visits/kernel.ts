import { WASM } from '../kernel/split.wasm.js';
import type { parseTimeInto } from '../time/parse.js';

/** Room for line records per {@link SplitKernel.split} call, in bytes. */
const RECORD_BYTES = 1 << 19;
const PAGE = 1 << 16;
/** Words of a record before the delimiter positions (start, LF, count, two times of two words). */
export const RECORD_HEAD = 7;

/** The part of Node's WebAssembly API the kernel uses (@types/node 20 does not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
interface WasmModule { readonly kind?: 'module' }
interface WasmMemory { readonly buffer: ArrayBuffer }
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

/** The kernel's module, compiled once per thread; null where WebAssembly SIMD is not available. */
function kernelModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(Buffer.from(WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The line splitter of the measure's fast path in WebAssembly (`src/kernel/split.as.ts`): it
 * finds the line breaks and delimiters of a buffer sixteen bytes at a time, about four times as
 * fast as the 32-bit word loop in JavaScript (measured on the 2M-row log: 100 vs 390 ms), and
 * reads plain start and end times. The buffer it reads is its own memory
 * ({@link SplitKernel.buffer}); it writes one record per line (where the line starts, where its
 * LF is, how many delimiters it has, the two times and where the first delimiters are) and the
 * caller reads the fields from the record. Its calendar check (`daysInMonth`) repeats the one of
 * `time/civil.ts` in AssemblyScript; tests hold the kernel's times equal to `parseTimeInto`'s.
 *
 * @example
 * const k = SplitKernel.create(1 << 20, 12);
 * const buf = k!.buffer(); // read bytes into buf, then
 * const n = k!.split(0, end, 44); // lines; k.records holds them, k.done where the rest starts
 */
export class SplitKernel {
  /** The records of the last {@link SplitKernel.split}: `stride` i32s per line. */
  readonly records: Int32Array;
  /** Lines one call records at most. */
  readonly maxLines: number;
  readonly stride: number;
  private readonly memory: WasmMemory;
  /** Where the records start in the kernel's memory. */
  private readonly out: number;
  private readonly splitLines: (from: number, to: number, delim: number, fields: number, out: number, maxLines: number, startColumn: number, endColumn: number) => number;
  private readonly next: { readonly value: number };

  private constructor(module: WasmModule, readonly capacity: number, readonly fields: number, private readonly startColumn: number, private readonly endColumn: number) {
    this.stride = fields + RECORD_HEAD;
    this.maxLines = Math.max(1, Math.floor(RECORD_BYTES / (4 * this.stride)));
    // the records follow the buffer: the kernel's last 16-byte load may reach 15 bytes past it
    this.out = Math.ceil(capacity / 16) * 16;
    this.memory = new wasm.Memory({ initial: Math.ceil((this.out + this.maxLines * this.stride * 4) / PAGE) });
    const exports = new wasm.Instance(module, { env: { memory: this.memory, abort: () => { throw new Error('split kernel: abort'); } } }).exports;
    this.splitLines = exports.split as SplitKernel['splitLines'];
    this.next = exports.done as { readonly value: number };
    this.records = new Int32Array(this.memory.buffer, this.out, this.maxLines * this.stride);
  }

  /**
   * A kernel for buffers of up to `capacity` bytes and lines of `fields` fields whose times are in
   * columns `startColumn` and `endColumn` (-1: none), or null where WebAssembly SIMD is not
   * available (the caller splits in JavaScript).
   */
  static create(capacity: number, fields: number, startColumn = -1, endColumn = -1): SplitKernel | null {
    const module = kernelModule();
    return module === null ? null : new SplitKernel(module, capacity, fields, startColumn, endColumn);
  }

  /** The kernel's buffer: `capacity` bytes of its memory (one view, the same each call). */
  buffer(): Buffer {
    return Buffer.from(this.memory.buffer, 0, this.capacity);
  }

  /** True when `buf` is this kernel's buffer (as {@link SplitKernel.buffer} gave it). */
  holds(buf: Uint8Array): boolean {
    return buf.buffer === this.memory.buffer && buf.byteOffset === 0;
  }

  /**
   * Records the complete lines of bytes [from, to) of the buffer split on byte `delim`, at most
   * {@link SplitKernel.maxLines}: line `l`'s record starts at `records[l * stride]` and holds the
   * line's start, its LF's position, its count of delimiters, the local times of the start and end
   * columns (words 3–6: a date `year << 9 | month << 5 | day` and a time of day
   * `hour << 12 | minute << 6 | second` each; -1 when the kernel did not read the time, which it
   * does only for a field of exactly `YYYY-MM-DD HH:mm[:ss]` (space, T or t) naming a real date
   * and time of day, so what it gives is what {@link parseTimeInto} reads there) and from word 7
   * the positions of the first `fields` delimiters.
   * Returns the number of lines; {@link SplitKernel.done} says where to go on.
   */
  split(from: number, to: number, delim: number): number {
    return this.splitLines(from, to, delim, this.fields, this.out, this.maxLines, this.startColumn, this.endColumn);
  }

  /** Where the line after the last one recorded starts. */
  get done(): number {
    return this.next.value;
  }
}
