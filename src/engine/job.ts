import type { DayWindow } from '../windows/windows.js';
import { ageOn } from '../windows/civil.js';
import { ClientEvaluator, REASONS, type ClientFigures } from './evaluate.js';
import type { ClientIndices } from '../measures/continuity/indices.js';
import { StoreIndices } from './indices.js';
import { BlockReader, type BlockRef } from './partitions.js';
import type { ContinuityRules } from '../measures/continuity/rules.js';
import { GatheredRows } from './rowstore.js';
import type { CountedStore, NumberMaps, Ranks } from './store.js';
import { WindowStaffer, type StaffingWork } from './staffing/work.js';
import type { ClientWindowStaffing } from '../measures/staffing/client.js';

/**
 * The counted rows of one reader (an accumulator, or a worker's share of a file): the blocks it
 * spilled, the partitions it still holds (in the same thread only), and how its numbers map to
 * the merged ones.
 *
 * @example
 * const source: RowSource = { path: null, blocks: new Map(), maps: null, lineOffset: 0 };
 */
export interface RowSource {
  /** The spill file, or null when nothing was spilled. */
  path: string | null;
  /** Window start day → the blocks spilled for that window. */
  blocks: Map<number, BlockRef[]>;
  /** The reader's numbers → the merged numbers; null when they are the same. */
  maps: NumberMaps | null;
  /** Added to the reader's line numbers (a worker numbers the lines of its byte range from 1). */
  lineOffset: number;
  /** Window start day → the partitions held in memory (never sent to another thread). */
  memory?: Map<number, readonly CountedStore[]>;
}

/**
 * What is known of each client apart from its counted rows, by merged client number: birth day
 * and age (NaN: not given).
 *
 * @example
 * const facts: ClientFacts = { birthDay: Float64Array.of(-11000), age: Float64Array.of(NaN), contact: null };
 */
export interface ClientFacts {
  birthDay: Float64Array;
  age: Float64Array;
  /** With indices: each client's contact person (the one listed most often), or null. */
  contact: (string | null)[] | null;
}

/**
 * A client's age at the start of a window: from the birth date when given, else the age given,
 * else null.
 *
 * @example
 * ageAt(facts, 0, window.fromDay); // → 84
 */
export function ageAt(facts: ClientFacts, client: number, fromDay: number): number | null {
  const birthDay = facts.birthDay[client]!;
  if (!Number.isNaN(birthDay)) return ageOn(birthDay, fromDay);
  const age = facts.age[client]!;
  return Number.isNaN(age) ? null : age;
}

/**
 * A share of the evaluation of a measure: some partitions of every reported window. It holds
 * only numbers, strings and file paths (apart from `memory`), so it can go to a worker.
 *
 * @example
 * evaluateJob({ windows, partitions: [0, 2, 4], rules, ranks, staff, clients, sources });
 */
export interface EvaluationJob {
  windows: DayWindow[];
  partitions: number[];
  /**
   * When several threads share the partitions: one counter per window in shared memory; each
   * thread takes the next partition of `partitions` in turn, so a thread that runs faster takes
   * more. Null: all of `partitions` are this job's.
   */
  claims?: SharedArrayBuffer | null;
  rules: ContinuityRules;
  /** Staff and group numbers → rank of their text (ties are broken on the text). */
  ranks: Ranks;
  /** Staff names by number: read only for the indices (empty when the job has none to compute). */
  staff: string[];
  clients: ClientFacts;
  sources: RowSource[];
  /** When the double-staffing figures are asked for too: each client evaluated is staffed as well ({@link WindowStaffer}). */
  staffing?: StaffingWork | null;
}

/**
 * {@link ClientFigures} of many clients in columns: the reason as a code (0: eligible, k:
 * REASONS[k - 1]), the group as its rank among the group names (-1: no counted visits).
 *
 * @example
 * const f: FigureColumns = { visits: Int32Array.of(28), staff: Int32Array.of(9), reason: Int8Array.of(0), firstShortDay: Int32Array.of(-1), doubleStaffedVisits: Int32Array.of(0), group: Int32Array.of(0) };
 */
export interface FigureColumns {
  visits: Int32Array;
  staff: Int32Array;
  reason: Int8Array;
  firstShortDay: Int32Array;
  doubleStaffedVisits: Int32Array;
  group: Int32Array;
}

/**
 * The figures of the clients a job evaluated in one window, in columns (entry k: client
 * `client[k]`, a merged number). Typed arrays, so a worker's answer is copied, not rebuilt.
 *
 * @example
 * windowClients(ids, clientOrder(ids), groups, [figures], facts, window.fromDay); // → the window's clients, in id order
 */
export interface WindowFigures extends FigureColumns {
  count: number;
  client: Int32Array;
  /** With indices: per entry. */
  indices: ClientIndices[] | null;
  /** With the job's `staffing`: per entry, the client's double-staffing figures. */
  staffing?: ClientWindowStaffing[];
}

/** Per reported window of a job, the figures of its clients. */
export type JobResult = WindowFigures[];

/** Window figures filled one client at a time. */
class FiguresBuilder {
  private w: WindowFigures = emptyFigures(1024);

  constructor(private readonly withIndices: boolean) {}

  push(client: number, f: ClientFigures, indices: ClientIndices | null): void {
    let w = this.w;
    if (w.count === w.client.length) w = this.w = this.grown();
    const k = w.count++;
    w.client[k] = client;
    w.visits[k] = f.visits;
    w.staff[k] = f.staff;
    w.reason[k] = f.reason === null ? 0 : REASONS.indexOf(f.reason) + 1;
    w.firstShortDay[k] = f.firstShortDay;
    w.doubleStaffedVisits[k] = f.doubleStaffedVisits;
    w.group[k] = f.group;
    if (indices !== null) (w.indices ??= []).push(indices);
  }

  done(): WindowFigures {
    const w = this.w;
    const fit = <T extends Int32Array | Int8Array>(a: T) => a.slice(0, w.count) as T;
    return {
      count: w.count, client: fit(w.client), visits: fit(w.visits), staff: fit(w.staff), reason: fit(w.reason),
      firstShortDay: fit(w.firstShortDay), doubleStaffedVisits: fit(w.doubleStaffedVisits), group: fit(w.group),
      indices: this.withIndices ? w.indices ?? [] : null,
    };
  }

  private grown(): WindowFigures {
    const old = this.w;
    const w = emptyFigures(2 * old.client.length);
    w.count = old.count;
    w.indices = old.indices;
    for (const key of ['client', 'visits', 'staff', 'reason', 'firstShortDay', 'doubleStaffedVisits', 'group'] as const) (w[key] as Int32Array).set(old[key]);
    return w;
  }
}

function emptyFigures(size: number): WindowFigures {
  const i32 = () => new Int32Array(size);
  return {
    count: 0, client: i32(), visits: i32(), staff: i32(), reason: new Int8Array(size),
    firstShortDay: i32(), doubleStaffedVisits: i32(), group: i32(), indices: null,
  };
}

/**
 * Evaluates every client with counted rows in the job's partitions, window by window: the rows of
 * one partition are gathered from every source (blocks in arrival order, then what is held in
 * memory), so only one partition is in memory at a time.
 *
 * @example
 * const perWindow = evaluateJob(acc.job(windows, [0, 1, 2]));
 */
export function evaluateJob(job: EvaluationJob): JobResult {
  const contact = job.clients.contact;
  const indices = contact === null ? null : new StoreIndices(job.staff, job.ranks);
  const gathered = new PartitionRows(job.sources);
  try {
    const claims = job.claims === null || job.claims === undefined ? null : new Int32Array(job.claims);
    return job.windows.map((window, w) => {
      const evaluator = new ClientEvaluator(job.rules, window);
      const out = new FiguresBuilder(contact !== null);
      const staffer = job.staffing === null || job.staffing === undefined ? null : new WindowStaffer(job.staffing, job.rules, window);
      const staffed: ClientWindowStaffing[] = [];
      for (let k = claims === null ? 0 : Atomics.add(claims, w, 1); k < job.partitions.length; k = claims === null ? k + 1 : Atomics.add(claims, w, 1)) {
        const store = gathered.of(window.fromDay, job.partitions[k]!);
        store.forEachClient(job.ranks, (c, _rows, a, b) => {
          const age = ageAt(job.clients, c, window.fromDay);
          const figures = evaluator.evaluate(store, a, b, age);
          out.push(c, figures, indices === null ? null : indices.of(store, a, b, contact![c] ?? null));
          if (staffer !== null) staffed.push(staffer.staff(store, c, a, b, age, figures));
        }, window.days);
      }
      return staffer === null ? out.done() : { ...out.done(), staffing: staffed };
    });
  } finally {
    gathered.close();
  }
}
/**
 * The counted rows of one partition of a window at a time, from every source, in merged numbers:
 * one store and one read buffer serve every partition, so memory is allocated once.
 *
 * @example
 * const rows = new PartitionRows(sources);
 * rows.of(window.fromDay, 0).forEachClient(ranks, evaluate);
 * rows.close();
 */
export class PartitionRows {
  private readonly store = new GatheredRows();
  private readonly reader = new BlockReader();
  private scratch = new Uint8Array(0);
  /** Per window start day: {@link PartitionRows.largest}. */
  private readonly most = new Map<number, [number, number]>();

  constructor(private readonly sources: readonly RowSource[]) {}

  /** Partition `p` of the window starting on `fromDay` (valid until the next call). */
  of(fromDay: number, p: number): GatheredRows {
    // the partition's blocks and rows held, per source
    const parts = this.sources.map((s) => ({ s, refs: (s.blocks.get(fromDay) ?? []).filter((ref) => ref.partition === p), held: s.memory?.get(fromDay)?.[p] }));
    const store = this.store;
    store.clear();
    // room for the window's largest partition at once, so the store is laid out once a window
    const [rows, units] = this.largest(fromDay);
    store.reserve(rows, units);
    for (const { s, refs, held } of parts) {
      for (const ref of refs) store.appendBlock(this.reader.read(s.path!, ref), s.maps, s.lineOffset);
      if (held !== undefined && held.count > 0) {
        if (this.scratch.length < held.blockSize) this.scratch = new Uint8Array(Math.max(held.blockSize, Math.ceil(1.5 * this.scratch.length)));
        store.appendBlock(held.toBlock(this.scratch), s.maps, s.lineOffset);
      }
    }
    return store;
  }

  close(): void {
    this.reader.close();
  }

  /** The most rows and visit-id code units of any one partition of the window starting on `fromDay`, from every source. */
  private largest(fromDay: number): [number, number] {
    let most = this.most.get(fromDay);
    if (most === undefined) {
      const rows = new Map<number, number>();
      const units = new Map<number, number>();
      const add = (p: number, r: number, u: number) => {
        rows.set(p, (rows.get(p) ?? 0) + r);
        units.set(p, (units.get(p) ?? 0) + u);
      };
      for (const s of this.sources) {
        for (const ref of s.blocks.get(fromDay) ?? []) add(ref.partition, ref.rows, ref.units);
        s.memory?.get(fromDay)?.forEach((held, p) => add(p, held.count, held.units));
      }
      most = [Math.max(0, ...rows.values()), Math.max(0, ...units.values())];
      this.most.set(fromDay, most);
    }
    return most;
  }
}
