import type { DayWindow } from '../time/windows.js';
import { ageOn, evaluateClient } from './evaluate.js';
import { clientIndices } from './indices.js';
import { readBlock, type BlockRef } from './partitions.js';
import type { ContinuityRules } from './rules.js';
import { CountedStore, type NumberMaps } from './store.js';
import type { ClientContinuity } from './types.js';

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
 * What is known of each client apart from its counted rows, by merged client number.
 *
 * @example
 * const facts: ClientFacts = { id: ['C1'], birthDay: [-11000], age: [null], contact: null };
 */
export interface ClientFacts {
  id: string[];
  birthDay: (number | null)[];
  age: (number | null)[];
  /** With indices: each client's contact person (the one listed most often), or null. */
  contact: (string | null)[] | null;
}

/**
 * A share of the evaluation of a measure: some partitions of every reported window. It holds
 * only numbers, strings and file paths (apart from `memory`), so it can go to a worker.
 *
 * @example
 * evaluateJob({ windows, partitions: [0, 2, 4], rules, staff, groups, clients, sources });
 */
export interface EvaluationJob {
  windows: DayWindow[];
  partitions: number[];
  rules: ContinuityRules;
  staff: string[];
  groups: string[];
  clients: ClientFacts;
  sources: RowSource[];
}

/**
 * Per window of a job: the clients with counted rows in its partitions (merged client numbers)
 * and their results, in step.
 *
 * @example
 * const [first] = evaluateJob(job); first.clients[0]; // → the number of the client of first.results[0]
 */
export type JobResult = { clients: number[]; results: ClientContinuity[] }[];

/**
 * Evaluates every client with counted rows in the job's partitions, window by window: the rows of
 * one partition are gathered from every source (blocks in arrival order, then what is held in
 * memory), so only one partition is in memory at a time.
 *
 * @example
 * const perWindow = evaluateJob(acc.job(windows, [0, 1, 2]));
 */
export function evaluateJob(job: EvaluationJob): JobResult {
  return job.windows.map((window) => {
    const clients: number[] = [];
    const results: ClientContinuity[] = [];
    for (const p of job.partitions) {
      rowsOf(job.sources, window.fromDay, p).forEachClient(job.staff, job.groups, (c, rows) => {
        const birthDay = job.clients.birthDay[c] ?? null;
        const age = birthDay !== null ? ageOn(birthDay, window.fromDay) : job.clients.age[c] ?? null;
        const result = evaluateClient(job.clients.id[c]!, rows, age, window, job.rules);
        if (job.clients.contact !== null) result.indices = clientIndices(rows, job.clients.contact[c] ?? null);
        clients.push(c);
        results.push(result);
      });
    }
    return { clients, results };
  });
}

/** The counted rows of partition `p` of a window, from every source, in merged numbers. */
export function rowsOf(sources: readonly RowSource[], fromDay: number, p: number): CountedStore {
  if (sources.length === 1 && sources[0]!.maps === null && sources[0]!.lineOffset === 0) {
    const only = sources[0]!;
    const held = only.memory?.get(fromDay)?.[p];
    if (!(only.blocks.get(fromDay) ?? []).some((ref) => ref.partition === p)) return held ?? new CountedStore();
  }
  const store = new CountedStore();
  for (const s of sources) {
    for (const ref of s.blocks.get(fromDay) ?? []) if (ref.partition === p) store.appendBlock(readBlock(s.path!, ref), s.maps, s.lineOffset);
    const held = s.memory?.get(fromDay)?.[p];
    if (held !== undefined && held.count > 0) store.appendBlock(held.toBlock(), s.maps, s.lineOffset);
  }
  return store;
}
