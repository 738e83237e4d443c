import type { ClientContinuity, ContinuityResult, ContinuitySummary, ContinuityWindow } from '../../../measures/continuity/types.js';
import type { ClientStaffing, StaffingResult, StaffingWindow } from '../../../measures/staffing/types.js';
import type { Lang } from '../labels.js';
import type { RulePhrases } from '../rule-labels.js';

/** What the page reads of a client of the continuity measure (the clients table, the groups chart, the names). */
export type PageClient = Pick<ClientContinuity, 'client' | 'group' | 'eligible' | 'visits' | 'staff' | 'reason' | 'doubleStaffedVisits'>;

/**
 * A window of the continuity measure as the page reads it: its clients any iterable of
 * {@link PageClient} (an array, the engine's columns made into objects one at a time, or the
 * page's own columns: `compactForPage`).
 */
export type PageWindow = Omit<ContinuityWindow, 'perClient'> & { perClient: Iterable<PageClient> };

/** What the page reads of a client of the staffing figures: the staff the second staff member adds. */
export type PageStaffingClient = Pick<ClientStaffing, 'client' | 'staffWithSecond' | 'staffWithoutSecond'>;

/**
 * A staffing window as the page reads it: its clients any iterable of {@link PageStaffingClient},
 * its recurring slots counted (only their number is shown). A {@link StaffingWindow} is one.
 */
export type PageStaffingWindow = Omit<StaffingWindow, 'perClient' | 'recurringSlots'> & {
  perClient: Iterable<PageStaffingClient>;
  recurringSlots: { readonly length: number };
};

/** A staffing result whose windows are {@link PageStaffingWindow}s (a {@link StaffingResult} is one). */
export type PageStaffingResult = Omit<StaffingResult, 'windows'> & { windows: PageStaffingWindow[] };

/** A continuity result whose windows are {@link PageWindow}s (a {@link ContinuityResult} is one). */
export type PageResult = Omit<ContinuityResult, 'windows'> & { windows: PageWindow[] };

/** What every section of the report needs: the language, the target, the results and the client names. */
export interface ReportContext {
  lang: Lang;
  target: number;
  /** Days in a window (the measure's rule). */
  days: number;
  /** The measure's rule in words, in the page's language. */
  rule: RulePhrases;
  result: PageResult;
  /** The window the report details (the last one by default); undefined when the log has none. */
  window: PageWindow | undefined;
  /** The window before it, for the change. */
  previous: PageWindow | undefined;
  /** The staffing figures of the same window, when given. */
  staffing: PageStaffingWindow | undefined;
  /** Client id → the name shown (a pseudonym by default). */
  name: (id: string) => string;
  /** Whether every name is plain text for HTML (pseudonyms: hex digits), shown without escaping; else escaped. */
  plainNames?: boolean;
}

/**
 * Share of counted clients above the report's target: the measure's own figure when the target
 * is the measure's, else counted again from the clients (of one group when `group` is given).
 */
export function shareAboveTarget(ctx: ReportContext, window: PageWindow, summary: ContinuitySummary, group?: string): number | null {
  if (ctx.target === ctx.result.rule.target) return summary.staffPerClient.shareAboveTarget;
  const [counted, above] = countedAbove(ctx, window).get(group) ?? [0, 0];
  return counted === 0 ? null : above / counted;
}

const tallies = new WeakMap<PageWindow, { target: number; byGroup: Map<string | undefined, [number, number]> }>();

/** Per group (and `undefined` for all): the window's counted clients and those above the report's target, counted once a window. */
function countedAbove(ctx: ReportContext, window: PageWindow): Map<string | undefined, [number, number]> {
  const kept = tallies.get(window);
  if (kept !== undefined && kept.target === ctx.target) return kept.byGroup;
  const byGroup = new Map<string | undefined, [number, number]>();
  for (const c of window.perClient) {
    if (!c.eligible) continue;
    for (const key of [undefined, c.group]) {
      const t = byGroup.get(key) ?? [0, 0];
      t[0]++;
      if (c.staff > ctx.target) t[1]++;
      byGroup.set(key, t);
    }
  }
  tallies.set(window, { target: ctx.target, byGroup });
  return byGroup;
}
