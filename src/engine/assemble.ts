import type { ReadLedger } from '../read/types.js';
import type { VisitChecker } from '../read/check.js';
import type { ContinuityRules } from '../measures/continuity/rules.js';
import type { ExclusionReason, RowCounts } from '../measures/continuity/types.js';
import type { LocalZone } from '../windows/zone.js';
import { windowClients, windowOf, type StreamedResult } from './clientlist.js';
import type { LogRegister } from './clients.js';
import type { JobResult } from './job.js';
import type { DayWindow } from '../windows/windows.js';

/**
 * The windows a measure reports, with their counted rows, the counted rows of the monthly
 * windows the log covers only in part, and those of whole windows before a bounded series.
 *
 * @example
 * acc.reportedWindows(); // → { windows: [{ window: { from: '2024-10-01', … }, count: 2600 }], partlyCovered: 0, beforeSeries: 0, warning: null }
 */
export interface ReportedWindows {
  windows: { window: DayWindow; count: number }[];
  partlyCovered: number;
  beforeSeries: number;
  /** The series' warning (windows left out, or no whole window), or null. */
  warning: string | null;
}

/** What a measure's result is assembled from besides the evaluated jobs: the accumulator's rules, names and accounts of rows. */
export interface Assembly {
  rules: ContinuityRules;
  target: number;
  zone: LocalZone;
  withIndices: boolean;
  register: LogRegister;
  /** Rows excluded by a rule as the rows came (the windows' exclusions are added here). */
  excluded: Partial<Record<ExclusionReason, number>>;
  /** The checker of the visits given one by one: its rejected rows and issues. */
  checker: Pick<VisitChecker, 'rejected' | 'issues'>;
}

/**
 * The measure's result from the evaluated jobs (every partition of every reported window, in any
 * order of partitions), the clients by their ids (`ids`, by number) in `order` (their numbers in
 * client id order, `clientOrder`): every row read
 * accounted for (used, excluded by reason, rejected), the rule in force with the age filter the
 * log allowed, and each window's clients and summaries.
 *
 * @example
 * const result = assembleResult(assembly, acc.reportedWindows(), [evaluateJob(job)], { ids, order: clientOrder(ids) }, ledger);
 */
export function assembleResult(a: Assembly, reported: ReportedWindows, results: readonly JobResult[], { ids, order }: { ids: readonly string[]; order: Int32Array }, ledger?: ReadLedger): StreamedResult {
  const { windows, partlyCovered, beforeSeries } = reported;
  const excluded = { ...a.excluded };
  if (partlyCovered > 0) excluded.window_partly_covered = partlyCovered;
  if (beforeSeries > 0) excluded.before_series = beforeSeries;
  const excludedTotal = Object.values(excluded).reduce((x, y) => x + y, 0);
  const counted = windows.reduce((n, w) => n + w.count, 0);
  const own = a.checker;
  const rows: RowCounts = {
    read: ledger?.read ?? excludedTotal + counted + own.rejected,
    used: counted,
    rejected: (ledger?.rejected ?? 0) + own.rejected,
    excluded,
  };
  const names = a.register;
  const facts = names.facts();
  const ageFilter = ledger === undefined
    ? (names.seenBirthDate ? 'birth_date' : names.seenAge ? 'age' : 'none')
    : (ledger.columns.client_birth_date !== undefined ? 'birth_date' : ledger.columns.client_age !== undefined ? 'age' : 'none');
  const groups = names.ranked().groups;
  return {
    schema: 'kontinuitet/measure@1',
    rule: { ...a.rules, target: a.target, ageFilter },
    zone: a.zone.name,
    rows,
    issues: own.issues.length === 0 ? ledger?.issues ?? [] : [...ledger?.issues ?? [], ...own.issues],
    warnings: [...ledger?.warnings ?? [], ...reported.warning === null ? [] : [reported.warning]],
    windows: windows.map(({ window }, k) => {
      const clients = windowClients(ids, order, groups, results.map((job) => job[k]!), facts, window.fromDay);
      return windowOf(window, clients, groups, a.target, a.withIndices);
    }),
  };
}
