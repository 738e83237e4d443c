import type { CanonicalColumn } from '../../read/columns.js';
import type { MonthAnchor } from '../../windows/windows.js';

/**
 * Targets for one scope (the whole log, or one group). Every key is optional; a target left out is
 * not checked. All are upper limits except `minContactShare`.
 *
 * - `mean`, `median`: staff per eligible client over the window (Kolada U21401/U21402) ≤ limit.
 * - `shareAbove20`: share (0–1) of eligible clients meeting more than 20 staff (U21436) ≤ limit.
 * - `maxStaff`: staff met by any one eligible client ≤ limit; the clients above it are listed.
 * - `minContactShare`: the contact-person share ≥ limit: the mean, over eligible clients with a
 *   listed contact person (`contact_staff_id`), of the share (0–1) of the client's counted visits at
 *   which the contact person was present. Checked when the measure has it (`indices: true`, which
 *   `checkSchedule` turns on) and some eligible client has a contact person; otherwise `skipped`.
 *
 * @example
 * const norr: TargetSet = { mean: 16, maxStaff: 25 };
 */
export interface TargetSet {
  mean?: number;
  median?: number;
  shareAbove20?: number;
  maxStaff?: number;
  minContactShare?: number;
}

/**
 * A group's overrides of the top-level targets: a key replaces the top-level limit for that group;
 * `null` switches the target off for the group.
 *
 * @example
 * const overrides: GroupTargets = { mean: 16, maxStaff: null };
 */
export type GroupTargets = { [K in keyof TargetSet]?: number | null };

/**
 * All targets of a check: the top-level {@link TargetSet} (held by the whole log, every window),
 * `maxRejectedShare` (rejected rows / read rows, default 0: a schedule export with a bad row fails)
 * and per-group overrides.
 *
 * @example
 * const targets: Targets = { mean: 14, shareAbove20: 0.2, groups: { Norr: { mean: 16 } } };
 */
export interface Targets extends TargetSet {
  /** Maximum share (0–1) of rejected rows among the rows read. Default 0; `null` switches it off. */
  maxRejectedShare?: number | null;
  /** Groups checked with the top-level targets merged with these overrides. */
  groups?: Record<string, GroupTargets>;
}

/**
 * Names of the targets a {@link CheckItem} can hold.
 *
 * @example
 * const key: TargetKey = 'mean';
 */
export type TargetKey = keyof TargetSet | 'maxRejectedShare';

/**
 * Margins that turn a pass into a warning: a target that holds by no more than `staff` (for
 * `mean`, `median`, `maxStaff`) or `share` (for `shareAbove20`, `minContactShare`,
 * `maxRejectedShare`) is reported as `warn`. Warnings never fail a check.
 *
 * @example
 * const warnWithin: WarnWithin = { staff: 1, share: 0.02 };
 */
export interface WarnWithin {
  staff?: number;
  share?: number;
}

/**
 * Figures compared against a baseline (the target keys without their min/max prefix).
 *
 * @example
 * const figure: Figure = 'shareAbove20';
 */
export type Figure = 'mean' | 'median' | 'shareAbove20' | 'maxStaff' | 'contactShare' | 'rejectedShare';

/**
 * How far each figure may worsen against the baseline before the check fails (in the figure's
 * unit: staff, or share 0–1). A figure without a tolerance is reported and warned about when it
 * worsens, but never fails.
 *
 * @example
 * const tolerance: Tolerance = { mean: 0.5, shareAbove20: 0.02 };
 */
export type Tolerance = Partial<Record<Figure, number>>;

/**
 * The configuration of `kontinuitet check` (`kontinuitet.config.json`, JSON schema
 * `config.schema.json`). Window options are those of the measure; without `from` and `every` the
 * single window starts on the first local day of the log.
 *
 * @example
 * const config: CheckConfig = { preset: 'kolada', targets: { mean: 14, maxStaff: 25 }, warnWithin: { staff: 1 } };
 */
export interface CheckConfig {
  from?: string;
  every?: 'month';
  anchor?: MonthAnchor;
  days?: number;
  preset?: 'kolada' | 'ange';
  zone?: string;
  countBothStaff?: boolean;
  inWindowBy?: 'start' | 'overlap';
  /** Check every group of the log (with the top-level targets and any overrides), not only those in `targets.groups`. */
  byGroup?: boolean;
  /** The log's header for canonical columns, e.g. `{ client_id: 'Kund nr' }` (the reader's `columns`; a `--column` flag or `read.columns` wins). */
  columns?: Partial<Record<CanonicalColumn, string>>;
  targets: Targets;
  warnWithin?: WarnWithin;
  baseline?: { tolerance?: Tolerance };
}

/**
 * `pass`: holds; `warn`: holds within the warning margin (or worsened within tolerance); `fail`; `skipped`: nothing to check.
 *
 * @example
 * const status: CheckStatus = 'fail';
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped';

/**
 * A client named by a check: `ref` is a pseudonym, the client's id (only when asked), or
 * `line N` (the line of the client's first row); never a raw id by default.
 *
 * @example
 * { ref: 'line 14', line: 14, group: 'Norr', staff: 23 }
 */
export interface ClientRef {
  ref: string;
  /** Line of the client's first row in the log, when known. */
  line: number | null;
  group: string;
  staff: number;
}

/**
 * One target checked in one window for one scope.
 *
 * `margin` is the room left: `limit − value` for an upper limit, `value − limit` for a lower one;
 * negative means the target fails by that much.
 *
 * @example
 * { target: 'mean', scope: 'group', group: 'Norr', from: '2024-10-21', to: '2024-11-03', comparison: 'max',
 *   limit: 14, value: 15.5, margin: -1.5, n: 12, status: 'fail', reason: null, clients: [],
 *   message: 'mean staff per client is 15.5, above the limit 14 by 1.5 (group Norr, 2024-10-21 – 2024-11-03)' }
 */
export interface CheckItem {
  target: TargetKey;
  scope: 'all' | 'group';
  group: string | null;
  /** The window (`null` for `maxRejectedShare`, which is over the whole log). */
  from: string | null;
  to: string | null;
  comparison: 'max' | 'min';
  limit: number;
  value: number | null;
  margin: number | null;
  /** Eligible clients in the scope (rows read, for `maxRejectedShare`). */
  n: number;
  status: CheckStatus;
  /** Why the check was skipped or failed without a value. */
  reason: string | null;
  /** `maxStaff`: the clients above the limit, most staff first. */
  clients: ClientRef[];
  message: string;
}

/**
 * One figure compared against the baseline. `change = current − previous`; `direction` says
 * whether that is better or worse (lower is better, except the contact share).
 *
 * @example
 * { figure: 'mean', scope: 'all', group: null, from: '2024-11-04', to: '2024-11-17', baselineFrom: '2024-10-21',
 *   baselineTo: '2024-11-03', current: 15, previous: 14, change: 1, direction: 'worse', tolerance: 0.5,
 *   status: 'fail', message: 'mean staff per client worsened from 14 to 15 (+1), beyond the tolerance 0.5' }
 */
export interface BaselineChange {
  figure: Figure;
  scope: 'all' | 'group';
  group: string | null;
  from: string | null;
  to: string | null;
  baselineFrom: string | null;
  baselineTo: string | null;
  current: number | null;
  previous: number | null;
  change: number | null;
  direction: 'better' | 'same' | 'worse' | null;
  tolerance: number | null;
  status: CheckStatus;
  message: string;
}

/**
 * Status counts of a report.
 *
 * @example
 * report.counts; // → { pass: 3, warn: 0, fail: 1, skipped: 0 }
 */
export interface StatusCounts {
  pass: number;
  warn: number;
  fail: number;
  skipped: number;
}

/**
 * The result of a check, serialised as `kontinuitet/check@1` (keys may be added, never renamed).
 * `status` is `fail` when any check or baseline change fails, else `warn` when any warns, else
 * `pass`.
 *
 * @example
 * const report = checkTargets(result, { mean: 14 });
 * report.status; // → 'pass' when the mean of every window is at most 14
 */
export interface CheckReport {
  schema: 'kontinuitet/check@1';
  status: 'pass' | 'warn' | 'fail';
  counts: StatusCounts;
  rule: { preset: string; days: number; zone: string };
  rows: { read: number; used: number; rejected: number; rejectedShare: number | null };
  windows: { from: string; to: string; eligible: number }[];
  checks: CheckItem[];
  /** `null` without a baseline. */
  baseline: { rows: { read: number; rejected: number }; windows: { from: string; to: string; eligible: number }[]; changes: BaselineChange[] } | null;
  /** Facts a reader should know (e.g. the log ends before the window does). */
  notes: string[];
}
