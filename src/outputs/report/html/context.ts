import type { ContinuityResult, ContinuitySummary, ContinuityWindow } from '../../../measures/continuity/types.js';
import type { StaffingWindow } from '../../../measures/staffing/types.js';
import type { Lang, RulePhrases } from '../labels.js';

/** What every section of the report needs: the language, the target, the results and the client names. */
export interface ReportContext {
  lang: Lang;
  target: number;
  /** Days in a window (the measure's rule). */
  days: number;
  /** The measure's rule in words, in the page's language. */
  rule: RulePhrases;
  result: ContinuityResult;
  /** The window the report details (the last one by default); undefined when the log has none. */
  window: ContinuityWindow | undefined;
  /** The window before it, for the change. */
  previous: ContinuityWindow | undefined;
  /** The staffing figures of the same window, when given. */
  staffing: StaffingWindow | undefined;
  /** Client id → the name shown (a pseudonym by default). */
  name: (id: string) => string;
}

/**
 * Share of counted clients above the report's target: the measure's own figure when the target
 * is the measure's, else counted again from the clients (of one group when `group` is given).
 */
export function shareAboveTarget(ctx: ReportContext, window: ContinuityWindow, summary: ContinuitySummary, group?: string): number | null {
  if (ctx.target === ctx.result.rule.target) return summary.staffPerClient.shareAboveTarget;
  const staff = window.perClient.filter((c) => c.eligible && (group === undefined || c.group === group)).map((c) => c.staff);
  return staff.length === 0 ? null : staff.filter((s) => s > ctx.target).length / staff.length;
}
