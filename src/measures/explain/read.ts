/**
 * Reading a log for explain and compare: one pass of the reader, each row read into the
 * definition's log ({@link readRow}: the same placement and exclusions as the measure), into the
 * staff met before each window (for new faces), and the line of each client's first row; then
 * the official result by the definition itself ({@link evaluateLog}).
 *
 * @module
 */
import { KontinuitetError } from '../../errors.js';
import { shownValue, wholeNumber } from '../../options.js';
import { scanVisits } from '../../read/read.js';
import type { ReadOptions, VisitSource } from '../../read/types.js';
import { dayWindow, type DayWindow } from '../../windows/windows.js';
import { dayOfHours, emptyLog, evaluateLog, placingOf, readRow, type Placing } from '../continuity/definition.js';
import type { ReadLog } from '../continuity/definition-result.js';
import { MEASURE_COLUMNS, measureSettings, type MeasureSettings, type RowFacts } from '../continuity/settings.js';
import type { ContinuityResult } from '../continuity/types.js';
import type { ExplainOptions } from './types.js';

/**
 * The explain options checked, with their defaults: at least `regularVisits` (3) visits make a
 * regular, evening from `eveningFrom` (17:00, as a minute of the day), `lookbackDays` (28).
 *
 * @example
 * explainSettings({ eveningFrom: '16:30' }).eveningMinute; // → 990
 */
export interface ExplainSettings {
  regularVisits: number;
  eveningFrom: string;
  eveningMinute: number;
  lookbackDays: number;
}

/**
 * Checks explain's own options (`BAD_OPTION` naming the option) and fills in the defaults.
 *
 * @example
 * explainSettings({ regularVisits: 0 }); // throws BAD_OPTION: regularVisits: must be a whole number from 1 to 1000, got 0
 */
export function explainSettings(options: ExplainOptions): ExplainSettings {
  const regularVisits = wholeNumber('regularVisits', options.regularVisits, 1, 1000) ?? 3;
  const lookbackDays = wholeNumber('lookbackDays', options.lookbackDays, 1, 366) ?? 28;
  const eveningFrom = options.eveningFrom ?? '17:00';
  const m = typeof eveningFrom === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(eveningFrom) : null;
  if (m === null) throw new KontinuitetError('BAD_OPTION', `eveningFrom: must be a local time HH:MM, got ${shownValue(eveningFrom)}`);
  return { regularVisits, eveningFrom, eveningMinute: Number(m[1]) * 60 + Number(m[2]), lookbackDays };
}

/**
 * The staff each client met at rows that count by the rules' kinds, roles and day hours, by the
 * local day they count on ({@link dayOfHours}; any window): what new faces are counted against.
 *
 * @example
 * const met = new StaffMet(placing); met.add(visit); met.before('C1', fromDay, 28); // → Set { 'S1', … }
 */
export class StaffMet {
  private readonly days = new Map<string, Map<string, Set<number>>>();

  constructor(private readonly placing: Placing) {}

  /** Notes a row's staff member on the day it counts on, when its kind, role and hours count. */
  add(v: RowFacts): void {
    const p = this.placing;
    if (p.excludedKind(v.kind) || p.excludedRole(v.staffRole)) return;
    const day = dayOfHours(v, p.rules, p.zone);
    if (day === null) return;
    const byStaff = this.days.get(v.client) ?? this.days.set(v.client, new Map()).get(v.client)!;
    (byStaff.get(v.staff) ?? byStaff.set(v.staff, new Set()).get(v.staff)!).add(day);
  }

  /** The staff a client met on the `days` days before `fromDay`. */
  before(client: string, fromDay: number, days: number): Set<string> {
    const met = new Set<string>();
    for (const [staff, on] of this.days.get(client) ?? []) {
      for (const d of on) {
        if (d >= fromDay - days && d < fromDay) {
          met.add(staff);
          break;
        }
      }
    }
    return met;
  }
}

/**
 * A log read for explain: the measure's settings and explain's, the definition's log (counted
 * rows by window and client), the staff met by day, the line of each client's first row, the
 * official result, and the windows it reports.
 *
 * @example
 * const read = await readForExplain('visits.csv', { from: '2024-10-01' });
 * read.result.windows[0].staffPerClient.mean; // → the U21401 figure
 */
export interface ExplainRead {
  settings: MeasureSettings;
  explain: ExplainSettings;
  log: ReadLog;
  met: StaffMet;
  firstLines: Map<string, number>;
  result: ContinuityResult;
  windows: DayWindow[];
}

/**
 * Reads a source once (checked as the measure checks it: `BAD_SOURCE`, `BAD_OPTION`) and
 * evaluates it by the definition.
 *
 * @example
 * (await readForExplain(rows, { from: '2024-10-01' })).log.counted.size; // → 1
 */
export async function readForExplain(source: VisitSource, options: ExplainOptions & ReadOptions): Promise<ExplainRead> {
  const settings = measureSettings(options);
  const explain = explainSettings(options);
  const placing = placingOf(settings);
  const log = emptyLog();
  const met = new StaffMet(placing);
  const firstLines = new Map<string, number>();
  const { regularVisits: _r, eveningFrom: _e, lookbackDays: _l, ...read } = options;
  const ledger = await scanVisits(source, (v) => {
    readRow(log, v, placing);
    met.add(v);
    if (!firstLines.has(v.client)) firstLines.set(v.client, v.line);
  }, { use: MEASURE_COLUMNS, ...read, zone: settings.zone.name });
  const result = evaluateLog(settings, log, ledger);
  const windows = result.windows.map((w) => dayWindow(w.from, settings.rules.days, settings.zone));
  return { settings, explain, log, met, firstLines, result, windows };
}
