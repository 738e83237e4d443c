import { label, type Lang } from '../report/labels.js';
import { rulePhrases } from '../report/rule-labels.js';
import { safeLines, safeText } from '../../safe-text.js';
import { columns, fmt, ledgerLines } from '../report/table.js';
import type { Spread } from '../../summary/spread.js';
import type { StaffingResult, StaffingSummary, StaffingWindow } from '../../measures/staffing/types.js';

const STATS = ['n', 'mean', 'median', 'min', 'max', 'q1', 'q3', 'p10', 'p90', 'sd', 'iqr'] as const;

function pct(v: number | null, lang: Lang): string {
  return v === null ? '–' : `${fmt(v * 100, 1, lang)} %`;
}

function statCells(s: Spread, lang: Lang): string[] {
  return STATS.map((k) => (k === 'n' ? String(s.n) : fmt(s[k], 1, lang)));
}

function figures(w: StaffingSummary, handoverMinutes: number, lang: Lang): string[][] {
  return [
    [label('served', lang), String(w.clients.served), ''],
    [label('doubleStaffed', lang), String(w.clients.doubleStaffed), ''],
    [label('visits', lang), String(w.visits), ''],
    [label('doubleStaffedVisits', lang), String(w.doubleStaffedVisits), pct(w.doubleStaffedShare, lang)],
    [label('handovers', lang, { minutes: fmt(handoverMinutes, 1, lang) }), String(w.handovers), ''],
    [label('duplicateRegistrations', lang), String(w.duplicateRegistrations), ''],
    [label('staffHours', lang), fmt(w.staffHours, 1, lang), ''],
    [label('doubleStaffedHours', lang), fmt(w.doubleStaffedHours, 1, lang), pct(w.doubleStaffedHoursShare, lang)],
  ];
}

function staffSpread(w: StaffingSummary, lang: Lang): string {
  return columns([
    [label('staffPerCountedClient', lang), ...STATS.map((k) => label(k, lang))],
    [label('withSecond', lang), ...statCells(w.staffPerClient.withSecond, lang)],
    [label('withoutSecond', lang), ...statCells(w.staffPerClient.withoutSecond, lang)],
    [label('addedBySecond', lang), ...statCells(w.addedBySecond, lang)],
  ]);
}

function byGroup(w: StaffingWindow, lang: Lang): string {
  const rows = [[label('group', lang), label('served', lang), label('doubleStaffed', lang), label('visits', lang), label('doubleStaffedShare', lang), label('staffHours', lang), label('hoursShare', lang), label('meanWith', lang), label('meanWithout', lang)]];
  for (const g of [{ ...w, group: label('all', lang) }, ...w.groups]) {
    rows.push([
      safeText(g.group) || '–', String(g.clients.served), String(g.clients.doubleStaffed), String(g.visits), pct(g.doubleStaffedShare, lang),
      fmt(g.staffHours, 1, lang), pct(g.doubleStaffedHoursShare, lang), fmt(g.staffPerClient.withSecond.mean, 1, lang), fmt(g.staffPerClient.withoutSecond.mean, 1, lang),
    ]);
  }
  return columns(rows);
}

/** The recurring slots without ids (a terminal table ends up in CI logs): which client and pair is in the JSON. */
function slots(w: StaffingWindow, lang: Lang): string {
  if (w.recurringSlots.length === 0) return label('noSlots', lang);
  const rows = [[label('group', lang), label('time', lang), label('days', lang), label('pairVisits', lang)]];
  for (const s of w.recurringSlots) rows.push([safeText(s.group) || '–', s.time, String(s.days), `${s.pairVisits}/${s.visits}`]);
  return `${label('recurringSlots', lang)} (${label('slotsWho', lang)})\n${columns(rows)}`;
}

/**
 * The double-staffing figures as a terminal table: per window the counts, shares and staff
 * hours, the staff per counted client with and without the second staff member, optionally the
 * same per group, the recurring slots, the lines of duplicate registrations, then the row
 * accounting and the rules in force in one line. No client or staff id is printed (the recurring slots name their client and pair
 * in the JSON); text from the input (group names, issues) is made safe to print (control
 * characters visible, no line starting `::`).
 *
 * @example
 * console.log(staffingTable(await measureStaffing('visits.csv', { from: '2024-10-01' }), { lang: 'sv', byGroup: true }));
 */
export function staffingTable(result: StaffingResult, options: { lang?: Lang; byGroup?: boolean } = {}): string {
  const lang = options.lang ?? 'en';
  const out: string[] = [];
  if (result.windows.length === 0) out.push(label('noWindows', lang));
  for (const w of result.windows) {
    out.push(`${label('window', lang)} ${w.from} – ${w.to}  (${label(result.scope === 'all' ? 'scopeAll' : 'scopeCounted', lang)})`);
    out.push(columns(figures(w, result.rule.handoverMinutes, lang)));
    out.push('');
    out.push(staffSpread(w, lang));
    out.push('');
    if (options.byGroup === true) {
      out.push(byGroup(w, lang));
      out.push('');
    }
    out.push(slots(w, lang));
    if (w.duplicates.length > 0) {
      const more = w.duplicateRegistrations > w.duplicates.length ? ` … (${w.duplicateRegistrations})` : '';
      out.push(`${label('duplicatesAtLines', lang)}: ${w.duplicates.map((d) => d.lines.join('+')).join(', ')}${more}`);
    }
    out.push('');
  }
  const rule = rulePhrases(result.rule, lang);
  out.push(...ledgerLines(result, lang, rule), rule.summary);
  return safeLines(out.join('\n'));
}
