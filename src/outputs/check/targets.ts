import type { ContinuityResult, ContinuitySummary, ContinuityWindow } from '../../measures/continuity/types.js';
import { compareToBaseline, pairWindows } from './baseline.js';
import { clean, contactShareOf, EPSILON, show, showAmount, TARGETS, where } from './figures.js';
import type { CheckItem, CheckReport, CheckStatus, ClientRef, GroupTargets, StatusCounts, TargetKey, Targets, TargetSet, Tolerance, WarnWithin } from './types.js';

/**
 * Options of {@link checkTargets}.
 *
 * @example
 * const options: CheckOptions = { warnWithin: { staff: 1, share: 0.02 }, byGroup: true, firstLines };
 */
export interface CheckOptions {
  /** Margins that turn a narrow pass into a warning. Default none. */
  warnWithin?: WarnWithin;
  /** Check every group of the log, not only the groups in `targets.groups`. Default false. */
  byGroup?: boolean;
  /** Client id → line of the client's first row; gives `line N` references and annotation lines. */
  firstLines?: ReadonlyMap<string, number>;
  /** How to name a client in the report. Default `line N` (from `firstLines`), else `#k` (position in the window). Never the id unless you pass `(id) => id`. */
  clientRef?: (client: string) => string;
  /** A previous measure to compare against (see {@link compareToBaseline}). */
  baseline?: ContinuityResult;
  /** How far each figure may worsen against the baseline. */
  tolerance?: Tolerance;
}

const SET_KEYS = ['mean', 'median', 'shareAbove20', 'maxStaff', 'minContactShare'] as const satisfies readonly (keyof TargetSet)[];

/**
 * Checks a continuity measure against targets, per window (every window must pass), for the whole
 * log and for groups, and — with `options.baseline` — compares every figure with the baseline.
 * A pure function.
 *
 * A target holds when the value is at most the limit (at least, for `minContactShare`); it warns
 * when it holds by no more than `options.warnWithin` (a value of 0 under an upper limit never
 * warns). A window without any eligible client fails the top-level targets (nothing can be
 * verified) and skips the group targets. `maxRejectedShare` defaults to 0: any rejected row fails.
 *
 * @example
 * const result = continuity(visits, { from: '2024-10-21' });
 * const report = checkTargets(result, { mean: 14, maxStaff: 20, groups: { Norr: { mean: 16 } } });
 * report.status; // → 'fail' when some window's mean is above 14, Norr's above 16, or a client met > 20 staff
 */
export function checkTargets(result: ContinuityResult, targets: Targets, options: CheckOptions = {}): CheckReport {
  const checks: CheckItem[] = [];
  const top = topLevel(targets);
  for (const w of result.windows) {
    checks.push(...checkScope(w, w, null, top, options));
    for (const group of groupsToCheck(w, targets, options.byGroup === true)) {
      const summary = w.groups.find((g) => g.group === group) ?? null;
      checks.push(...checkScope(w, summary, group, merged(top, targets.groups?.[group]), options));
    }
  }
  if (result.windows.length === 0) {
    const why = result.rows.used === 0 ? 'the log has no visits' : `the log covers no whole ${result.rule.days}-day window`;
    for (const target of SET_KEYS) {
      const limit = top[target];
      if (limit !== undefined) checks.push({ ...skipped({ target, scope: 'all', group: null, from: null, to: null, limit, n: 0 }, why), status: 'fail', message: `${TARGETS[target].label}: nothing to check, ${why}` });
    }
  }
  const rejectedLimit = targets.maxRejectedShare === undefined ? 0 : targets.maxRejectedShare;
  if (rejectedLimit !== null) checks.push(rejectedCheck(result, rejectedLimit, options.warnWithin?.share));

  const notes: string[] = [];
  let baseline: CheckReport['baseline'] = null;
  if (options.baseline !== undefined) {
    const b = options.baseline;
    const groups = [...new Set(result.windows.flatMap((w) => groupsToCheck(w, targets, options.byGroup === true)))].sort();
    const changes = compareToBaseline(result, b, { groups, ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}) });
    const unpaired = result.windows.length - pairWindows(result, b).length;
    if (unpaired > 0) notes.push(`${unpaired} window(s) have no baseline window starting on the same day: not compared`);
    baseline = { rows: { read: b.rows.read, rejected: b.rows.rejected }, windows: windowList(b), changes };
  }
  const counts = countStatuses([...checks.map((c) => c.status), ...(baseline?.changes.map((c) => c.status) ?? [])]);
  return {
    schema: 'kontinuitet/check@1',
    status: counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : 'pass',
    counts,
    rule: { preset: result.rule.preset, days: result.rule.days, zone: result.zone },
    rows: { read: result.rows.read, used: result.rows.used, rejected: result.rows.rejected, rejectedShare: rejectedShare(result) },
    windows: windowList(result),
    checks,
    baseline,
    notes,
  };
}

/** Rejected rows / rows read, or null when no row was read. */
export function rejectedShare(result: ContinuityResult): number | null {
  return result.rows.read === 0 ? null : result.rows.rejected / result.rows.read;
}

/** How many of each status. */
export function countStatuses(statuses: readonly CheckStatus[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, warn: 0, fail: 0, skipped: 0 };
  for (const s of statuses) counts[s]++;
  return counts;
}

function windowList(result: ContinuityResult): { from: string; to: string; eligible: number }[] {
  return result.windows.map((w) => ({ from: w.from, to: w.to, eligible: w.clients.eligible }));
}

function topLevel(targets: Targets): TargetSet {
  const set: TargetSet = {};
  for (const k of SET_KEYS) {
    const v = targets[k];
    if (v !== undefined) set[k] = v;
  }
  return set;
}

function merged(top: TargetSet, overrides: GroupTargets | undefined): TargetSet {
  const set: TargetSet = { ...top };
  for (const k of SET_KEYS) {
    const v = overrides?.[k];
    if (v === null) delete set[k];
    else if (v !== undefined) set[k] = v;
  }
  return set;
}

/** The groups checked in a window: those named in `targets.groups`, and with `byGroup` every named group of the window. */
export function groupsToCheck(w: ContinuityWindow, targets: Targets, byGroup: boolean): string[] {
  const names = new Set(Object.keys(targets.groups ?? {}));
  if (byGroup) for (const g of w.groups) if (g.group !== '') names.add(g.group);
  return [...names].sort();
}

function checkScope(w: ContinuityWindow, summary: ContinuitySummary | null, group: string | null, set: TargetSet, options: CheckOptions): CheckItem[] {
  const items: CheckItem[] = [];
  const n = summary?.staffPerClient.n ?? 0;
  for (const target of SET_KEYS) {
    const limit = set[target];
    if (limit === undefined) continue;
    const base = { target, scope: group === null ? 'all' as const : 'group' as const, group, from: w.from, to: w.to, limit, n };
    const within = TARGETS[target].unit === 'staff' ? options.warnWithin?.staff : options.warnWithin?.share;
    const value = summary === null ? null : figureOf(summary, target);
    if (value === undefined) {
      items.push(skipped(base, 'the measure ran without the contact-person share (indices: true)'));
    } else if (n === 0 || summary === null) {
      const why = summary === null ? `no client of group ${group ?? ''} has counted visits in this window` : 'no eligible client in this window (does the log cover the whole window?)';
      items.push(group === null ? { ...skipped(base, why), status: 'fail', message: `${TARGETS[target].label}: nothing to check, ${why} (${where(group, w.from, w.to)})` } : skipped(base, why));
    } else if (value === null) {
      items.push(skipped(base, 'no eligible client has a contact person listed (column contact_staff_id, e.g. Kontaktperson)'));
    } else {
      const clients = target === 'maxStaff' ? offenders(w, group, limit, options) : [];
      const without = target === 'minContactShare' ? summary.indices?.withoutContact ?? 0 : 0;
      const note = without > 0 ? `; ${without} eligible client${without > 1 ? 's' : ''} without a listed contact person not counted` : '';
      items.push(judge(base, value, within, clients, { always: note }));
    }
  }
  return items;
}

function figureOf(s: ContinuitySummary, target: keyof TargetSet): number | null | undefined {
  switch (target) {
    case 'mean': return s.staffPerClient.mean;
    case 'median': return s.staffPerClient.median;
    case 'shareAbove20': return s.staffPerClient.shareAbove20;
    case 'maxStaff': return s.staffPerClient.max;
    case 'minContactShare': return contactShareOf(s);
  }
}

type Base = Pick<CheckItem, 'target' | 'scope' | 'group' | 'from' | 'to' | 'limit' | 'n'>;

/** A check item with its keys in the documented order. */
function item(base: Base, rest: Pick<CheckItem, 'value' | 'margin' | 'status' | 'reason' | 'clients' | 'message'>): CheckItem {
  const { target, scope, group, from, to, limit, n } = base;
  const { value, margin, status, reason, clients, message } = rest;
  return { target, scope, group, from, to, comparison: TARGETS[target].comparison, limit, value, margin, n, status, reason, clients, message };
}

function skipped(base: Base, reason: string): CheckItem {
  const { label } = TARGETS[base.target];
  return item(base, { value: null, margin: null, status: 'skipped', reason, clients: [], message: `${label}: skipped, ${reason} (${where(base.group, base.from, base.to)})` });
}

/** Judges a value against the limit; `detail.onFail` / `detail.always` are added to the message. */
function judge(base: Base, value: number, within: number | undefined, clients: ClientRef[], detail: { onFail?: string; always?: string } = {}): CheckItem {
  const { label, comparison, unit } = TARGETS[base.target];
  const margin = clean(comparison === 'max' ? base.limit - value : value - base.limit);
  const best = comparison === 'max' && value === 0; // nothing can be nearer the goal: never a warning
  const status: CheckStatus = margin < -EPSILON ? 'fail' : within !== undefined && !best && margin <= within + EPSILON ? 'warn' : 'pass';
  const v = show(value, unit);
  const l = show(base.limit, unit);
  const side = comparison === 'max' ? 'above' : 'below';
  let message = status === 'fail'
    ? `${label} is ${v}, ${side} the limit ${l} by ${showAmount(margin, unit)}`
    : status === 'warn'
      ? (margin === 0 ? `${label} is ${v}, at the limit ${l}` : `${label} is ${v}, within ${showAmount(margin, unit)} of the limit ${l}`)
      : `${label} is ${v}, within the limit ${l} with ${showAmount(margin, unit)} to spare`;
  if (status === 'fail' && clients.length > 0) message += `; clients above it: ${clientList(clients, 10)}`;
  if (status === 'fail') message += detail.onFail ?? '';
  message += detail.always ?? '';
  return item(base, { value, margin, status, reason: null, clients: status === 'fail' ? clients : [], message: `${message} (${where(base.group, base.from, base.to)})` });
}

/** `line 14 (23 staff), line 30 (22 staff) and 3 more` */
export function clientList(clients: readonly ClientRef[], max: number): string {
  const shown = clients.slice(0, max).map((c) => `${c.ref} (${c.staff} staff)`).join(', ');
  return clients.length > max ? `${shown} and ${clients.length - max} more` : shown;
}

function offenders(w: ContinuityWindow, group: string | null, limit: number, options: CheckOptions): ClientRef[] {
  const refs: ClientRef[] = [];
  w.perClient.forEach((c, i) => {
    if (!c.eligible || c.staff <= limit + EPSILON || (group !== null && c.group !== group)) return;
    const line = options.firstLines?.get(c.client) ?? null;
    const ref = options.clientRef?.(c.client) ?? (line !== null ? `line ${line}` : `#${i + 1}`);
    refs.push({ ref, line, group: c.group, staff: c.staff });
  });
  return refs.sort((a, b) => b.staff - a.staff || (a.line ?? Infinity) - (b.line ?? Infinity) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

function rejectedCheck(result: ContinuityResult, limit: number, within: number | undefined): CheckItem {
  const base: Base = { target: 'maxRejectedShare', scope: 'all', group: null, from: null, to: null, limit, n: result.rows.read };
  const share = rejectedShare(result);
  if (share === null) return skipped(base, 'no rows read');
  const first = result.issues[0];
  return judge(base, share, within, [], { onFail: `: ${result.rows.rejected} of ${result.rows.read} rows rejected${first !== undefined ? `, first ${first.message}` : ''}` });
}

/** The keys of a target set, in report order. */
export const TARGET_SET_KEYS: readonly (keyof TargetSet)[] = SET_KEYS;

/** All target keys, in report order. */
export const TARGET_KEYS: readonly TargetKey[] = [...SET_KEYS, 'maxRejectedShare'];
