import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CountedStore } from './store.js';

/** Partitions of a window's counted rows: a client's rows all land in one, chosen by its id. */
export const PARTITIONS = 64;

/**
 * The partition of a client id: FNV-1a over its UTF-16 code units, so every reader of a log
 * (one per worker) puts a client in the same partition. An ASCII id may be given as its bytes
 * (each byte one code unit): the same partition, without making the string.
 *
 * @example
 * partitionOf('C00042') === partitionOf('C00042'); // → true, a number in [0, 64)
 * partitionOf(Buffer.from('C00042')) === partitionOf('C00042'); // → true
 */
export function partitionOf(id: string | Uint8Array): number {
  let h = -2128831035;
  if (typeof id === 'string') for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  else for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id[i]!, 16777619);
  return (h >>> 0) % PARTITIONS;
}

/** Spill folders of this thread not yet removed: removed at its exit at the latest. */
const live = new Set<string>();
let exitHooked = false;

/**
 * Makes a spill folder (`kontinuitet-spill-*`) in `parent` (default the temp dir) and registers
 * it, to be removed by {@link removeSpill} of a file in it, {@link removeSpills}, or at the
 * thread's exit at the latest. A threaded measure makes one for its run and its threads' spill
 * files go in it, so removing it removes whatever any thread spilled.
 *
 * @example
 * const dir = spillFolder(); // → '/tmp/kontinuitet-spill-Ab3dEf'
 */
export function spillFolder(parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, 'kontinuitet-spill-'));
  live.add(dir);
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', removeSpills);
  }
  return dir;
}

/**
 * Removes every spill folder this thread made and has not removed yet, with what is in it: for
 * the end of a process (its exit, or a signal handler before it exits).
 *
 * @example
 * process.once('SIGTERM', () => { removeSpills(); process.exit(143); });
 */
export function removeSpills(): void {
  for (const dir of live) removeFolder(dir);
}

/** Removes a spill folder and what is in it, and forgets it. */
export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  live.delete(dir);
}

/** Where a block of one partition lies in a spill file, and how many rows and visit-id code units it holds. */
export interface BlockRef {
  partition: number;
  offset: number;
  length: number;
  rows: number;
  units: number;
}

/**
 * A temporary file the counted rows go to when they outgrow memory, written in blocks and read
 * back one partition at a time, in a folder of its own in `parent` (default the temp dir);
 * removed by {@link SpillFile.remove} (and at the thread's exit, or with `parent`).
 */
export class SpillFile {
  readonly path: string;
  private readonly dir: string;
  private fd: number;
  private size = 0;
  private scratch = new Uint8Array(0);

  constructor(parent?: string) {
    this.dir = spillFolder(parent);
    this.path = join(this.dir, 'counted.bin');
    this.fd = openSync(this.path, 'w+');
  }

  /** Appends a block ({@link CountedStore.toBlock}); returns where it lies. */
  write(partition: number, block: Uint8Array): BlockRef {
    const header = new DataView(block.buffer, block.byteOffset, 8);
    const ref = { partition, offset: this.size, length: block.length, rows: header.getInt32(0, true), units: header.getInt32(4, true) };
    for (let done = 0; done < block.length;) done += writeSync(this.fd, block, done, block.length - done, this.size + done);
    this.size += block.length;
    return ref;
  }

  /** Appends a partition's rows as a block (made in a buffer kept for the next one); returns where it lies. */
  writeRows(partition: number, rows: CountedStore): BlockRef {
    if (this.scratch.length < rows.blockSize) this.scratch = new Uint8Array(Math.max(rows.blockSize, Math.ceil(this.scratch.length * 1.5)));
    return this.write(partition, rows.toBlock(this.scratch));
  }

  /** Closes the file for writing (it stays for reading). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  remove(): void {
    this.close();
    removeSpill(this.path);
  }
}

/** Removes a spill file and its folder (the file may be another thread's). */
export function removeSpill(path: string): void {
  removeFolder(dirname(path));
}

/**
 * Reads blocks of spill files (which may be other threads') into one buffer it reuses: a block
 * is valid until the next read. Keeps each file open until {@link BlockReader.close}.
 *
 * @example
 * const reader = new BlockReader();
 * store.appendBlock(reader.read(path, ref), maps, 0);
 * reader.close();
 */
export class BlockReader {
  private buffer = new Uint8Array(0);
  private readonly files = new Map<string, number>();

  read(path: string, ref: BlockRef): Uint8Array {
    let fd = this.files.get(path);
    if (fd === undefined) this.files.set(path, (fd = openSync(path, 'r')));
    if (this.buffer.length < ref.length) this.buffer = new Uint8Array(Math.max(ref.length, Math.ceil(this.buffer.length * 1.5)));
    const block = this.buffer.subarray(0, ref.length);
    for (let done = 0; done < ref.length;) {
      const n = readSync(fd, block, done, ref.length - done, ref.offset + done);
      if (n <= 0) throw new Error('spill file ended early');
      done += n;
    }
    return block;
  }

  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
    this.files.clear();
  }
}

/** The counted rows of one window: a store per partition in memory, and the blocks already spilled. */
export class PartitionedRows {
  readonly parts: CountedStore[] = Array.from({ length: PARTITIONS }, () => new CountedStore());
  readonly spilled: BlockRef[] = [];
  /** Rows in memory and spilled. */
  count = 0;

  /** Writes every partition held in memory to `file` and empties it; with `release`, gives up its room too (no more rows are coming). */
  spill(file: SpillFile, release = false): void {
    this.parts.forEach((part, p) => {
      if (part.count > 0) this.spilled.push(file.writeRows(p, part));
      if (release) part.release();
      else part.clear();
    });
  }
}
