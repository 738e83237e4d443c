import type { NumberMaps } from './store.js';
import type { RowSource } from './job.js';
import { PartitionedRows, removeSpill, SpillFile, type BlockRef } from './partitions.js';

/**
 * Where a measure's counted rows are, by window start day: each window's rows in partitions of
 * clients held in memory, moved to a spill file once `spillRows` rows are held, and the spilled
 * rows of other readers merged in (their sources). The accumulator classifies the rows; this
 * keeps them until the evaluation reads them ({@link WindowRows.sources}).
 *
 * @example
 * const rows = new WindowRows(1_000_000);
 * const window = rows.of(fromDay);
 * window.parts[partition].add(client, staff, group, day, line, start, end, visitId);
 * rows.added(window);
 */
export class WindowRows {
  /** Window start day → its counted rows. */
  private readonly windows = new Map<number, PartitionedRows>();
  /** Counted rows held in memory over every window. */
  private held = 0;
  private spillFile: SpillFile | null = null;
  /** Rows of other readers merged in ({@link WindowRows.absorb}). */
  private readonly merged: RowSource[] = [];

  /** `spillIn`: the folder the spill file goes in (default the temp dir). */
  constructor(private readonly spillRows: number, private readonly spillIn?: string) {}

  /** The counted rows of the window starting on `fromDay` (made when first asked). */
  of(fromDay: number): PartitionedRows {
    let rows = this.windows.get(fromDay);
    if (rows === undefined) this.windows.set(fromDay, (rows = new PartitionedRows()));
    return rows;
  }

  /** Notes a row added to a window's partitions (`window`, from {@link WindowRows.of}); past `spillRows` held, every row held is spilled. */
  added(window: PartitionedRows): void {
    window.count++;
    if (++this.held >= this.spillRows) this.spill();
  }

  /** Counted rows of the window starting on `fromDay` (0 for a window without any). */
  count(fromDay: number): number {
    return this.windows.get(fromDay)?.count ?? 0;
  }

  /** Each window's start day and counted rows. */
  counts(): [number, number][] {
    return [...this.windows].map(([day, rows]) => [day, rows.count]);
  }

  /** Moves every counted row held in memory to the spill file (with `release`, the room they took goes too). */
  spill(release = false): void {
    this.spillFile ??= new SpillFile(this.spillIn);
    for (const w of this.windows.values()) w.spill(this.spillFile, release);
    this.held = 0;
  }

  /** Spills what is held, giving up its room, when anything is held or was spilled (rows are rarely added after). */
  settle(): void {
    if (this.held > 0 || this.spillFile !== null) this.spill(true);
  }

  /** Where the counted rows are: this reader's own (when it has any) and the sources merged in. */
  sources(): RowSource[] {
    if (this.held === 0 && this.spillFile === null) return this.merged;
    const own: RowSource = { path: this.spillFile?.path ?? null, blocks: new Map(), maps: null, lineOffset: 0 };
    if (this.held > 0) own.memory = new Map();
    for (const [day, w] of this.windows) {
      own.blocks.set(day, w.spilled);
      own.memory?.set(day, w.parts);
    }
    return [own, ...this.merged];
  }

  /** Every row spilled and the file closed: its path and each window's rows, for another thread to merge ({@link WindowRows.absorb}). */
  part(): { path: string; windows: { fromDay: number; count: number; blocks: BlockRef[] }[] } {
    this.spill();
    this.spillFile!.close();
    const windows = [...this.windows].map(([fromDay, w]) => ({ fromDay, count: w.count, blocks: w.spilled }));
    return { path: this.spillFile!.path, windows };
  }

  /** Merges another reader's spilled rows (its {@link WindowRows.part}): numbers mapped by `maps`, lines shifted by `lineOffset`. */
  absorb(part: { path: string; windows: { fromDay: number; count: number; blocks: BlockRef[] }[] }, maps: NumberMaps, lineOffset: number): void {
    const blocks = new Map<number, BlockRef[]>();
    for (const w of part.windows) {
      this.of(w.fromDay).count += w.count;
      blocks.set(w.fromDay, w.blocks);
    }
    this.merged.push({ path: part.path, blocks, maps, lineOffset });
  }

  /** Removes the spill files (this reader's and those merged in); rows spilled are gone after it. */
  release(): void {
    this.spillFile?.remove();
    this.spillFile = null;
    for (const s of this.merged) if (s.path !== null) removeSpill(s.path);
  }
}
