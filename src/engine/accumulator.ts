import { ENGINE_DEFAULTS } from '../engine-settings.js';
import { VisitChecker } from '../read/check.js';
import { seriesWindows, type DayWindow, type MonthAnchor } from '../windows/windows.js';
import type { LocalZone } from '../windows/zone.js';
import type { CodedColumn, CodedRow, CodedSink } from './fast.js';
import type { ReadLedger, ReadOptions, Visit, VisitInput } from '../read/types.js';
import type { CountedColumns } from './evaluate.js';
import type { CountedRow } from './rows.js';
import { clientOrder, materialise, type ClientList, type StreamedResult } from './clientlist.js';
import { assembleResult, type ReportedWindows } from './assemble.js';
import { WindowPlacement } from './placement.js';
import { ageAt, evaluateJob, PartitionRows, type EvaluationJob, type JobResult } from './job.js';
import { MEASURE_COLUMNS, measureSettings, type MeasureOptions, type RowFacts } from '../measures/continuity/settings.js';
import { PARTITIONS, type BlockRef } from './partitions.js';
import { WindowRows } from './window-rows.js';
import { kindMatcher, type ContinuityRules } from '../measures/continuity/rules.js';
import { LogRegister, type RegisterPart } from './clients.js';
import type { ContinuityResult, ExclusionReason } from '../measures/continuity/types.js';
import type { StaffingWork } from './staffing/work.js';
import type { ClientWindowStaffing, StafferOptions } from '../measures/staffing/client.js';
import { staffedInOrder } from './staffed.js';

/**
 * Accumulates visits one at a time into the continuity measure: rows are classified as they
 * arrive (outside the window, excluded kind, excluded role, outside the day hours — checked in
 * that order — or counted), and only counted rows are kept. {@link ContinuityAccumulator.finish}
 * evaluates every client of the log in every window.
 *
 * @example
 * const acc = new ContinuityAccumulator({ from: '2024-10-01' });
 * for (const v of visits) acc.add(v);
 * acc.finish().windows[0].staffPerClient.mean; // → the U21401 figure
 */
export class ContinuityAccumulator implements CodedSink {
  readonly rules: ContinuityRules;
  readonly zone: LocalZone;
  private readonly target: number;
  private readonly withIndices: boolean;
  private readonly fixed: DayWindow | null;
  private readonly anchor: MonthAnchor;
  private readonly maxWindows: number;
  private readonly onWarning: ((message: string) => void) | undefined;
  private warned = false;
  private readonly isExcludedKind: (kind: string) => boolean;
  private readonly isExcludedRole: (role: string) => boolean;
  private readonly register: LogRegister;
  /** Per kind and role number: 1 excluded, 0 not, undefined not asked yet. */
  private readonly kindExcluded: number[] = [];
  private readonly roleExcluded: number[] = [];
  /** Rows from the fast path carry the contact person only when the indices need it. */
  get wantsContact(): boolean {
    return this.withIndices;
  }

  /** The row {@link ContinuityAccumulator.add} fills and hands on. */
  private readonly coded: CodedRow = { line: 0, client: 0, staff: 0, group: 0, kind: 0, role: 0, contact: -1, start: 0, end: 0, birthDay: null, age: null, visitId: '', bytes: null, visitFrom: 0, visitTo: 0, places: null };
  /** The counted rows by window, held or spilled past `engine.spillRows`, and those of other readers merged in. */
  private readonly rows: WindowRows;
  private readonly excluded: Partial<Record<ExclusionReason, number>> = {};
  private readonly placement: WindowPlacement;
  /** Checks the visits given to {@link ContinuityAccumulator.add}; holds those it rejects. */
  private readonly checker: VisitChecker;
  private firstDay = Infinity;
  private lastDay = -Infinity;
  /** The staffer's options when the evaluation staffs the clients too ({@link ContinuityAccumulator.staffAlong}). */
  private staffing: StafferOptions | null = null;
  /** Per reported window, the clients staffed by the last evaluation (null: none asked). */
  private staffedClients: ClientWindowStaffing[][] | null = null;

  /** `spillIn`: the folder its spill file goes in (default the temp dir), e.g. the folder of a threaded measure's run. */
  constructor(options: MeasureOptions & Pick<ReadOptions, 'onWarning'> = {}, spillIn?: string) {
    // the options are checked as the definition checks them (settings.ts)
    const settings = measureSettings(options);
    this.rules = settings.rules;
    this.zone = settings.zone;
    this.target = settings.target;
    this.withIndices = settings.withIndices;
    this.register = new LogRegister(this.withIndices);
    this.anchor = settings.anchor;
    this.maxWindows = settings.maxWindows;
    this.onWarning = settings.onWarning;
    this.rows = new WindowRows(options.engine?.spillRows ?? ENGINE_DEFAULTS.spillRows, spillIn);
    this.fixed = settings.fixed;
    this.placement = new WindowPlacement(this.rules, this.zone, this.fixed, this.anchor);
    this.isExcludedKind = kindMatcher(this.rules.excludedKinds);
    this.isExcludedRole = kindMatcher(this.rules.excludedRoles);
    this.checker = new VisitChecker(this.zone, MEASURE_COLUMNS);
  }

  /**
   * Takes one visit row (read only during the call: a reader may reuse the object), a visit or a
   * plain row of a planning system. One the reader would reject (see {@link VisitChecker}) is
   * rejected: counted and listed in the result.
   */
  add(visit: RowFacts | VisitInput): void {
    const v = this.checker.check(visit);
    if (v === null) return;
    const r = this.coded;
    r.line = v.line;
    const names = this.register;
    r.client = names.code('client', v.client);
    r.staff = names.code('staff', v.staff);
    r.group = names.code('group', v.group);
    r.kind = names.code('kind', v.kind);
    r.role = names.code('role', v.staffRole);
    r.contact = v.contactStaff === '' ? -1 : names.code('staff', v.contactStaff);
    r.start = v.start;
    r.end = v.end;
    r.birthDay = v.birthDay;
    r.age = v.age;
    r.visitId = v.visitId;
    this.addCoded(r);
  }

  /** The accumulator's number for a text value of a column ({@link CodedSink}: the fast path asks once per distinct value). */
  code(column: CodedColumn, text: string, fresh = false): number {
    return this.register.code(column, text, fresh);
  }

  /** {@link CodedSink.codeAscii}: a fresh value given as its ASCII bytes, numbered without making a string. */
  codeAscii(column: CodedColumn, buf: Uint8Array, a: number, b: number): number {
    return this.register.codeAscii(column, buf, a, b);
  }

  /** Takes a row the fast path hands to the general converter. */
  addVisit(v: Visit): void {
    this.add(v);
  }

  /** Takes one row whose text values are this accumulator's numbers ({@link ContinuityAccumulator.code}). */
  addCoded(r: CodedRow): void {
    const partition = this.register.note(r.client, r.birthDay, r.age, r.contact, r.line);
    // one offset lookup per row: the local day and the local minute of the start come from it
    const local = this.zone.localMs(r.start);
    const startDay = Math.floor(local / 86_400_000);
    if (startDay < this.firstDay) this.firstDay = startDay;
    if (startDay > this.lastDay) this.lastDay = startDay;

    const from = this.placement.windowOf(r, startDay);
    if (from === null) return this.exclude('outside_window');
    const placed = this.rows.of(from);
    if (this.excludedKind(r.kind)) return this.exclude('excluded_kind');
    if (this.excludedRole(r.role)) return this.exclude('excluded_role');
    const day = this.placement.countedDay(r, from, startDay, Math.floor((local - startDay * 86_400_000) / 60_000));
    if (day < 0) return this.exclude('outside_day_hours');

    const part = placed.parts[partition]!;
    if (r.bytes !== null) part.addAscii(r.client, r.staff, r.group, day, r.line, r.start, r.end, r.bytes, r.visitFrom, r.visitTo);
    else part.add(r.client, r.staff, r.group, day, r.line, r.start, r.end, r.visitId);
    this.rows.added(placed);
  }

  private excludedKind(kind: number): boolean {
    let x = this.kindExcluded[kind];
    if (x === undefined) x = this.kindExcluded[kind] = this.isExcludedKind(this.register.kinds.name(kind)) ? 1 : 0;
    return x === 1;
  }

  private excludedRole(role: number): boolean {
    let x = this.roleExcluded[role];
    if (x === undefined) x = this.roleExcluded[role] = this.isExcludedRole(this.register.roles.name(role)) ? 1 : 0;
    return x === 1;
  }

  /**
   * The first and last local day (days since 1970-01-01) with a row taken, in or out of every
   * window (rejected rows aside), or null before any.
   *
   * @example
   * acc.seenDays(); // → { first: 20007, last: 20034 }
   */
  seenDays(): { first: number; last: number } | null {
    return this.firstDay > this.lastDay ? null : { first: this.firstDay, last: this.lastDay };
  }

  /**
   * Each client's id (as read: pseudonymised when asked) → the line of its first row taken, in or
   * out of every window (rejected rows aside), for a report that names a client by a line rather
   * than by its id.
   *
   * @example
   * acc.firstLines().get('C1'); // → 2
   */
  firstLines(): Map<string, number> {
    const lines = this.register.firstLines();
    const ids = this.register.clientIds.texts();
    const first = new Map<string, number>();
    lines.forEach((line, c) => {
      if (!Number.isNaN(line)) first.set(ids[c]!, line);
    });
    return first;
  }

  /** Evaluates every window; `ledger` (from the reader) completes the row accounting. */
  finish(ledger?: ReadLedger): ContinuityResult {
    return materialise(this.finishStreamed(ledger));
  }

  /** {@link ContinuityAccumulator.finish} with each window's clients as a {@link ClientList} (made into objects as they are read). */
  finishStreamed(ledger?: ReadLedger): StreamedResult {
    const reported = this.reportedWindows();
    try {
      const windows = reported.windows.map((w) => w.window);
      return this.assemble(reported, [evaluateJob(this.job(windows, PARTITION_LIST))], ledger);
    } finally {
      this.release();
    }
  }

  /** Removes the spill files (this accumulator's and those merged in); rows spilled are gone after it. */
  release(): void {
    this.rows.release();
  }

  /**
   * A share of the evaluation of the reported windows: the given partitions (every client of a
   * partition is evaluated in one share). The job can go to a worker when nothing is held in
   * memory (after {@link ContinuityAccumulator.absorb}), else it is for this thread.
   */
  job(windows: DayWindow[], partitions: number[]): EvaluationJob {
    const staffing = this.staffing;
    return {
      staffing: staffing === null ? null : this.staffingWork(staffing),
      windows,
      partitions,
      rules: this.rules,
      ranks: this.register.ranked().ranks,
      // the names are read only by the indices
      staff: this.withIndices ? this.register.staffIds.texts() : [],
      clients: this.register.facts(),
      sources: this.rows.sources(),
    };
  }

  /**
   * Has the evaluation ({@link ContinuityAccumulator.finish}, or the jobs of a threaded one) staff
   * every client it evaluates by the double-staffing rule too (measures/staffing/client.ts), in
   * the thread that evaluates the client; {@link ContinuityAccumulator.staffed} gives them after.
   *
   * @example
   * acc.staffAlong({ slots: { toleranceMinutes: 30, minDayShare: 0.5 }, listVisits: true });
   * acc.finish(); acc.staffed()[0].length; // → clients with counted rows in the first window
   */
  staffAlong(options: StafferOptions): void {
    this.staffing = options;
  }

  /**
   * Per reported window, the clients the evaluation staffed ({@link ContinuityAccumulator.staffAlong}),
   * in client id order (none when none was asked); handed over once (the accumulator lets go of them).
   */
  staffed(): ClientWindowStaffing[][] {
    const staffed = this.staffedClients ?? [];
    this.staffedClients = null;
    return staffed;
  }

  /** What a thread needs to staff the clients it evaluates: plain data. */
  private staffingWork(options: StafferOptions): StaffingWork {
    const names = this.register;
    return {
      options, zone: this.zone.name, clientIds: names.clientIds.texts(), staffNames: names.staffIds.texts(),
      groupNames: names.groupNames.texts(), groupsByRank: names.ranked().groups,
    };
  }

  /**
   * Moves every counted row held in memory to the spill file, so that jobs of this accumulator
   * ({@link ContinuityAccumulator.job}) hold only numbers, names and file paths and can go to
   * other threads. The indexes the merge used are dropped (made again if another part comes).
   */
  settle(): void {
    // the room of the rows held goes too (several MB): rows are rarely added after a settle
    this.rows.settle();
    this.register.forgetMergeIndexes();
  }

  /**
   * The result from the evaluated jobs (every partition of every reported window, in any order of
   * partitions): clients without counted rows are evaluated here, then the summaries.
   */
  assemble(reported: ReportedWindows, results: readonly JobResult[], ledger?: ReadLedger): StreamedResult {
    const ids = this.register.clientIds.texts();
    const order = clientOrder(ids);
    if (this.staffing !== null) this.staffedClients = reported.windows.map((_, k) => staffedInOrder(order, results.map((job) => job[k]!)));
    const { rules, target, zone, withIndices, register, excluded, checker } = this;
    return assembleResult({ rules, target, zone, withIndices, register, excluded, checker }, reported, results, { ids, order }, ledger);
  }

  /**
   * Calls `fn` for every client with counted rows in every window {@link ContinuityAccumulator.finish}
   * reports (window by window, one partition of clients at a time): the window's index and days,
   * the client id, a function that gives its counted rows as objects in arrival order (made when
   * called, valid during the call of `fn`), its age at the window start, and the same rows in the
   * measure's columns. For measures built on the same counted visits (double staffing); call it
   * before `finish`, which removes the rows.
   *
   * @example
   * const acc = new ContinuityAccumulator({ from: '2024-10-01' });
   * for (const v of visits) acc.add(v);
   * acc.forEachCountedClient((k, window, client, rows) => console.log(client, rows().length)); // → C1 28, …
   */
  forEachCountedClient(fn: (windowIndex: number, window: DayWindow, client: string, rows: () => CountedRow[], age: number | null, columns: CountedColumns) => void): void {
    const windows = this.reportedWindows().windows.map((w) => w.window);
    const gathered = new PartitionRows(this.rows.sources());
    const names = this.register;
    const facts = names.facts();
    const ids = names.clientIds.texts();
    const staffNames = names.staffIds.texts();
    const groupNames = names.groupNames.texts();
    const { ranks, groups } = names.ranked();
    try {
      windows.forEach((window, k) => {
        for (const p of PARTITION_LIST) {
          const store = gathered.of(window.fromDay, p);
          store.forEachClient(ranks, (c, rows, a, b) => {
            fn(k, window, ids[c]!, () => store.rowObjects(a, b, staffNames, groupNames), ageAt(facts, c, window.fromDay), { store, rows, a, b, groups });
          }, window.days);
        }
      });
    } finally {
      gathered.close();
    }
  }

  /**
   * What this accumulator holds after its rows, for another thread to merge
   * ({@link ContinuityAccumulator.absorb}): every counted row goes to the spill file first.
   * With indices, the part carries how often each contact person was listed for each client.
   */
  part(): AccumulatorPart {
    return { ...this.register.part(), ...this.rows.part(), excluded: this.excluded, firstDay: this.firstDay, lastDay: this.lastDay };
  }

  /**
   * Merges another reader's {@link AccumulatorPart} (a worker's share of the file) into this
   * accumulator: its names get this accumulator's numbers, its client facts, contact counts and
   * exclusions are combined, and its spilled rows become a source of the evaluation, its lines shifted by
   * `lineOffset`. Parts must be absorbed in file order (arrival order decides ties).
   */
  absorb(part: AccumulatorPart, lineOffset: number): void {
    const maps = this.register.merge(part, lineOffset);
    for (const [reason, n] of Object.entries(part.excluded) as [ExclusionReason, number][]) this.excluded[reason] = (this.excluded[reason] ?? 0) + n;
    this.firstDay = Math.min(this.firstDay, part.firstDay);
    this.lastDay = Math.max(this.lastDay, part.lastDay);
    this.rows.absorb(part, maps, lineOffset);
  }

  /** The windows to report (fixed, or the monthly windows the log covers) and the counted rows of windows it covers only in part. */
  reportedWindows(): ReportedWindows {
    const count = (w: DayWindow) => ({ window: w, count: this.rows.count(w.fromDay) });
    if (this.fixed !== null) return { windows: [count(this.fixed)], partlyCovered: 0, beforeSeries: 0, warning: null };
    const series = seriesWindows(this.firstDay, this.lastDay, this.rules.days, this.anchor, this.zone, this.maxWindows);
    if (series.warning !== null && !this.warned) {
      this.warned = true;
      this.onWarning?.(series.warning);
    }
    const keep = new Set(series.windows.map((w) => w.fromDay));
    const dropped = new Set(series.dropped.map((w) => w.fromDay));
    let partlyCovered = 0;
    let beforeSeries = 0;
    for (const [day, count] of this.rows.counts()) {
      if (dropped.has(day)) beforeSeries += count;
      else if (!keep.has(day)) partlyCovered += count;
    }
    return { windows: series.windows.map(count), partlyCovered, beforeSeries, warning: series.warning };
  }

  private exclude(reason: ExclusionReason): void {
    this.excluded[reason] = (this.excluded[reason] ?? 0) + 1;
  }
}

const PARTITION_LIST = Array.from({ length: PARTITIONS }, (_, p) => p);


/**
 * What a {@link ContinuityAccumulator} holds after reading its share of a log, in a form that can
 * go to another thread: names in number order, client facts, exclusions, and where its counted
 * rows were spilled.
 *
 * @example
 * main.absorb(await workerPart, lineOffset);
 */
export interface AccumulatorPart extends RegisterPart {
  path: string;
  excluded: Partial<Record<ExclusionReason, number>>;
  firstDay: number;
  lastDay: number;
  windows: { fromDay: number; count: number; blocks: BlockRef[] }[];
}
