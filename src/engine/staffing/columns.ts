// The staffing of one client read from the engine's columns: the figures of ClientStaffer
// (client.ts, the rule) without a row object per row; a client with a duplicate registration is
// handed to ClientStaffer itself, and the recurring slots are SlotFinder's (slot-finder.ts).
// Property tests (test/staffing/columns.test.ts, slot-finder.test.ts) hold them equal to the rule.
import { ClientEvaluator, type ClientFigures, type CountedColumns } from '../evaluate.js';
import type { ClientRows, CountedRow } from '../rows.js';
import type { GatheredRows } from '../rowstore.js';
import type { ContinuityRules } from '../../measures/continuity/rules.js';
import { MS_PER_HOUR, MS_PER_MINUTE } from '../../windows/civil.js';
import type { DayWindow } from '../../windows/windows.js';
import type { LocalZone } from '../../windows/zone.js';
import { ClientStaffer, localTime, staffCounts, type ClientWindowStaffing, type StafferOptions } from '../../measures/staffing/client.js';
import type { SlotVisit } from '../../measures/staffing/slots.js';
import { SlotFinder } from './slot-finder.js';
import { togetherLongEnough } from '../../measures/staffing/together.js';
import type { DoubleStaffedVisit } from '../../measures/staffing/types.js';

/** The lists of a client that has none: one empty array shared (read only, like every list of a staffed client). */
const NONE: never[] = [];

/**
 * {@link ClientStaffer.staff} over the engine's columns: the same {@link ClientWindowStaffing},
 * from the visits' rows as positions in the columns (staff as ranks, marks in arrays by rank, the
 * texts of a visit made only when it is listed). A visit with overlapping rows of one staff
 * member (a duplicate registration) sends its client to {@link ClientStaffer}, which lists them.
 *
 * @example
 * const staffer = new ColumnStaffer(window, rules, zone, { slots: {}, listVisits: true }, staffNames);
 * staffer.staff('C1', columns, () => store.rowObjects(a, b, staffNames, groupNames), 84, figures); // → as ClientStaffer gives it
 */
export class ColumnStaffer {
  private readonly rule: ClientStaffer;
  private readonly measured: ClientEvaluator;
  private readonly other: ClientEvaluator;
  private readonly handoverMs: number;
  private readonly from: number;
  private readonly to: number;
  /** Local wall times by local minute: each minute's text made once and shared. */
  private readonly texts = new Map<number, string>();
  private readonly slots = new SlotFinder();
  /** Per staff rank: the mark of the last client met at a double-staffed visit, and at another visit. */
  private readonly atDouble: Int32Array;
  private readonly atOther: Int32Array;
  /** Per staff rank: the mark of the last visit (or instant, {@link ColumnStaffer.peak}) they were seen at, and where their rows there end. */
  private readonly inVisit: Int32Array;
  private readonly runEnd: Float64Array;
  private clientMark = 0;
  private visitMark = 0;
  /** Staff ranks met at the client's double-staffed visits (each once). */
  private readonly doubles: number[] = [];
  /** A visit's other staff, by rank: ranks and positions. */
  private ranks = new Int32Array(8);
  private places = new Int32Array(8);

  constructor(private readonly window: DayWindow, private readonly rules: ContinuityRules, private readonly zone: LocalZone, private readonly options: StafferOptions, private readonly staffNames: readonly string[]) {
    this.rule = new ClientStaffer(window, rules, zone, options);
    this.measured = new ClientEvaluator(rules, window);
    this.other = new ClientEvaluator({ ...rules, countBothStaff: !rules.countBothStaff }, window);
    this.handoverMs = rules.handoverMinutes * MS_PER_MINUTE;
    this.from = window.dayStarts[0]!;
    this.to = window.dayStarts[window.days]!;
    const n = staffNames.length;
    this.atDouble = new Int32Array(n);
    this.atOther = new Int32Array(n);
    this.inVisit = new Int32Array(n);
    this.runEnd = new Float64Array(n);
  }

  /** As {@link ClientStaffer.staff}: `rowsOf` is called only for a client with a duplicate registration. */
  staff(client: string, columns: CountedColumns, rowsOf: () => readonly CountedRow[], age: number | null, measured?: ClientFigures): ClientWindowStaffing {
    const { store, rows: sorted, a, b } = columns;
    const counts = staffCounts(this.rules, this.measured, this.other, columns, age, measured);
    const { group, eligible, withSecond, withoutSecond } = counts;
    measured = counts.measured;
    const mark = this.nextClient();
    const { atDouble, atOther, inVisit, runEnd, doubles } = this;
    const { start, end, staff: rankOf } = sorted;
    const { from, to } = this;
    doubles.length = 0;
    let doubleStaffed: DoubleStaffedVisit[] = NONE;
    let slotVisits: SlotVisit[] | null = null;
    let handovers = 0;
    let doubleCount = 0;
    let staffMs = 0;
    let doubleStaffedMs = 0;
    const count = store.group(a, b);
    const { members, bounds } = store;
    for (let v = 0; v < count; v++) {
      const first = bounds[v]!, last = bounds[v + 1]!;
      if (last - first === 1) {
        const p = members[first]!;
        staffMs += Math.max(0, Math.min(end[p]!, to) - Math.max(start[p]!, from));
        atOther[rankOf[p]!] = mark;
        continue;
      }
      // the staff of the visit, its staff time, and whether a staff member's rows overlap (by start, ties by position: each staff member's in the order of staffRuns)
      const seen = this.nextVisit();
      let different = 0;
      let ms = 0;
      for (let m = first; m < last; m++) {
        const p = members[m]!;
        const s = rankOf[p]!;
        if (inVisit[s] !== seen) {
          inVisit[s] = seen;
          different++;
        } else if (start[p]! < runEnd[s]!) return this.rule.staff(client, columns, rowsOf, age, measured);
        runEnd[s] = end[p]!;
        ms += Math.max(0, Math.min(end[p]!, to) - Math.max(start[p]!, from));
      }
      const togetherMs = different > 1 ? store.together(first, last) : 0;
      const double = togetherLongEnough(togetherMs, this.handoverMs);
      staffMs += ms;
      if (different > 1 && !double) handovers++;
      for (let m = first; m < last; m++) {
        const s = rankOf[members[m]!]!;
        if (!double) atOther[s] = mark;
        else if (atDouble[s] !== mark) {
          atDouble[s] = mark;
          doubles.push(s);
        }
      }
      if (!double) continue;
      doubleCount++;
      doubleStaffedMs += ms;
      const head = members[first]!;
      const staff = this.staffIds(store, sorted, first, last, store.firstOf(first, last));
      (slotVisits ??= []).push({ day: sorted.day[head]!, minute: this.zone.localMinuteOfDay(start[head]!), staff });
      if (!this.options.listVisits) continue;
      let ends = end[head]!;
      for (let m = first; m < last; m++) ends = Math.max(ends, end[members[m]!]!);
      if (doubleStaffed === NONE) doubleStaffed = [];
      doubleStaffed.push({
        client, visitId: store.visitIdAt(head), start: this.time(start[head]!), end: this.time(ends), staff, peak: this.peak(sorted, members, first, last),
        togetherMinutes: togetherMs / MS_PER_MINUTE, staffHours: ms / MS_PER_HOUR, lines: lines(store, members, first, last),
      });
    }
    let onlyAtDouble = 0;
    for (const s of doubles) if (atOther[s] !== mark) onlyAtDouble++;
    return {
      client: {
        client, group, eligible, visits: count,
        doubleStaffedVisits: doubleCount, doubleStaffedShare: count === 0 ? 0 : doubleCount / count,
        handovers, duplicateRegistrations: 0, staffHours: staffMs / MS_PER_HOUR, doubleStaffedHours: doubleStaffedMs / MS_PER_HOUR,
        staffOnlyAtDoubleStaffed: onlyAtDouble, staffWithSecond: withSecond, staffWithoutSecond: withoutSecond,
      },
      doubleStaffed,
      slots: slotVisits === null ? NONE : this.slots.find(slotVisits, this.window.days, this.options.slots),
      duplicates: NONE,
      staffMs,
      doubleStaffedMs,
    };
  }

  /** Staff ids of the visit `members[first] … members[last - 1]`: the first staff member's (the row `lead`), then the others by id (their ranks' order). */
  private staffIds(store: GatheredRows, sorted: ClientRows, first: number, last: number, lead: number): string[] {
    const members = store.members;
    const leadRank = sorted.staff[lead]!;
    if (this.ranks.length < last - first) {
      this.ranks = new Int32Array(2 * (last - first));
      this.places = new Int32Array(2 * (last - first));
    }
    const { ranks, places } = this;
    let n = 0;
    for (let m = first; m < last; m++) {
      const p = members[m]!;
      const r = sorted.staff[p]!;
      if (r === leadRank) continue;
      let k = n;
      while (k > 0 && ranks[k - 1]! > r) k--;
      if (k > 0 && ranks[k - 1] === r) continue;
      ranks.copyWithin(k + 1, k, n);
      places.copyWithin(k + 1, k, n);
      ranks[k] = r;
      places[k] = p;
      n++;
    }
    const names = this.staffNames;
    const staff = new Array<string>(1 + n);
    staff[0] = names[store.staffAt(lead)]!;
    for (let k = 0; k < n; k++) staff[k + 1] = names[store.staffAt(places[k]!)]!;
    return staff;
  }

  /** Most different staff present at one instant of the visit (peakTogether in together.ts). */
  private peak(sorted: ClientRows, members: Int32Array, first: number, last: number): number {
    const { start, end, staff } = sorted;
    const inVisit = this.inVisit;
    let peak = 0;
    for (let i = first; i < last; i++) {
      const t = start[members[i]!]!;
      const seen = this.nextVisit();
      let present = 0;
      for (let j = first; j < last; j++) {
        const q = members[j]!;
        if (start[q]! <= t && t < end[q]! && inVisit[staff[q]!] !== seen) {
          inVisit[staff[q]!] = seen;
          present++;
        }
      }
      if (present > peak) peak = present;
    }
    return peak;
  }

  /** The local wall time of an instant (localTime), each minute's text made once. */
  private time(t: number): string {
    const minute = Math.floor(this.zone.localMs(t) / MS_PER_MINUTE);
    let text = this.texts.get(minute);
    if (text === undefined) this.texts.set(minute, (text = localTime(this.zone, t)));
    return text;
  }

  private nextClient(): number {
    if (this.clientMark === 0x7fffffff) {
      this.atDouble.fill(0);
      this.atOther.fill(0);
      this.clientMark = 0;
    }
    return ++this.clientMark;
  }

  private nextVisit(): number {
    if (this.visitMark === 0x7fffffff) {
      this.inVisit.fill(0);
      this.visitMark = 0;
    }
    return ++this.visitMark;
  }
}

/** Lines of the visit's rows, ascending. */
function lines(store: GatheredRows, members: Int32Array, first: number, last: number): number[] {
  // an array of its own length (a national log lists a hundred thousand of them), filled by insertion (a visit has a few rows)
  const out = new Array<number>(last - first);
  for (let m = first; m < last; m++) {
    const line = store.lineAt(members[m]!);
    let k = m - first;
    while (k > 0 && out[k - 1]! > line) {
      out[k] = out[k - 1]!;
      k--;
    }
    out[k] = line;
  }
  return out;
}
