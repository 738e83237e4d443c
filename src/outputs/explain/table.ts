/**
 * explain and compare as terminal tables and CSV rows. Clients are named by `clientRef` (the
 * CLI: the line of their first row by default, as `check` names them; the id with `--show-ids`;
 * the pseudonym with `--pseudonymise`); staff are never named in a table. Text from the input
 * (group names, ids) is made safe to print.
 *
 * @module
 */
import { columns, fmt } from '../report/table.js';
import { safeText } from '../../safe-text.js';
import { STAFF_CATEGORIES } from '../../measures/explain/client.js';
import type { CompareResult, StaffMove } from '../../measures/explain/compare-types.js';
import type { ClientExplanation, ExplainResult, ExplainSummary, StaffCategory } from '../../measures/explain/types.js';

/**
 * How tables name clients and how many they list: `clientRef` (default `line N`) and
 * `maxClients` (default 20) per window.
 *
 * @example
 * const o: TableOptions = { clientRef: (id, line) => `line ${line}`, maxClients: 10 };
 */
export interface TableOptions {
  clientRef?: (client: string, line: number) => string;
  maxClients?: number;
}

const LABELS: Record<StaffCategory, string> = {
  contact: 'contact', regular: 'regular', doubleOnly: 'double only', weekendOnly: 'weekend only', eveningOnly: 'evening only', occasional: 'occasional',
};
const pct = (v: number | null) => (v === null ? '–' : `${fmt(v * 100, 1)} %`);
const signed = (v: number | null, digits = 1) => (v === null ? '–' : v > 0 ? `+${fmt(v, digits)}` : fmt(v, digits));
const refOf = (o: TableOptions) => (client: string, line: number) => safeText(o.clientRef?.(client, line) ?? `line ${line}`);

const SUMMARY_HEAD = ['', 'clients', 'staff', ...STAFF_CATEGORIES.map((k) => LABELS[k]), 'new faces', 'one staff', 'floor', 'contact share', 'regular share'];

function summaryCells(name: string, s: ExplainSummary, change = false): string[] {
  const n = change ? signed : (v: number | null) => fmt(v, 1);
  const share = change ? (v: number | null) => (v === null ? '–' : `${signed(v * 100)} pp`) : pct;
  return [name, change ? signed(s.clients, 0) : String(s.clients), n(s.staff), ...STAFF_CATEGORIES.map((k) => n(s.categories[k])), n(s.newFaces), n(s.oneStaff), n(s.floor), share(s.contactShare), share(s.regularShare)];
}

/**
 * explain as a terminal table: per window the means per counted client (all, then each group),
 * where new faces were counted against, and the clients with the most staff.
 *
 * @example
 * console.log(explainTable(await explainContinuity('visits.csv', { from: '2024-10-01' })));
 */
export function explainTable(result: ExplainResult, options: TableOptions = {}): string {
  const ref = refOf(options);
  const max = options.maxClients ?? 20;
  const out: string[] = [];
  if (result.windows.length === 0) out.push('No window: the log covers no whole window.');
  for (const w of result.windows) {
    out.push(`Window ${w.from} – ${w.to}: ${w.clients} counted clients, mean ${fmt(w.staff)} staff`);
    out.push('Mean staff per counted client by why they met them (the categories add up to the mean):');
    out.push(columns([SUMMARY_HEAD, summaryCells('all', w), ...w.groups.map((g) => summaryCells(safeText(g.group) || '–', g))]));
    out.push(w.lookback.covered
      ? `New faces: staff not met ${w.lookback.from} – ${w.lookback.to}.`
      : `New faces: not known (the log does not reach back to ${w.lookback.from}).`);
    if (w.withoutContact > 0) out.push(`Clients without a contact person listed: ${w.withoutContact} (left out of the contact share).`);
    const top = [...w.perClient].sort((a, b) => b.staff - a.staff || a.line - b.line).slice(0, max);
    if (top.length > 0) {
      out.push('');
      out.push(`Clients, most staff first (${top.length} of ${w.perClient.length}):`);
      out.push(columns([
        ['client', 'group', 'visits', 'staff', ...STAFF_CATEGORIES.map((k) => LABELS[k]), 'new faces', 'one staff', 'floor'],
        ...top.map((c) => [ref(c.client, c.line), safeText(c.group) || '–', String(c.visits), String(c.staff), ...STAFF_CATEGORIES.map((k) => String(c.categories[k])),
          c.newFaces === null ? '–' : String(c.newFaces), String(c.oneStaff), String(c.floor)]),
      ]));
    }
    out.push('');
  }
  out.push(`Rows: ${result.rows.read} read, ${result.rows.used} counted, ${result.rows.rejected} rejected, ${Object.values(result.rows.excluded).reduce((a, b) => a + b, 0)} excluded.`);
  out.push(`Regular: ≥ ${result.rule.regularVisits} counted visits; evening: from ${result.rule.eveningFrom}; floor: only the contact person and regulars (not a promise).`);
  return out.join('\n');
}

/**
 * The columns of {@link explainCsvRows}.
 *
 * @example
 * EXPLAIN_CSV_COLUMNS[5]; // → 'staff'
 */
export const EXPLAIN_CSV_COLUMNS = ['from', 'to', 'client', 'group', 'visits', 'staff', 'contact', 'regular', 'double_only', 'weekend_only', 'evening_only', 'occasional',
  'contact_share', 'regular_share', 'familiar_share', 'new_faces', 'one_staff', 'floor'];

/**
 * One CSV row per counted client and window.
 *
 * @example
 * await writeCsv(process.stdout, explainCsvRows(result), EXPLAIN_CSV_COLUMNS);
 */
export function* explainCsvRows(result: ExplainResult): Iterable<Record<string, unknown>> {
  for (const w of result.windows) {
    for (const c of w.perClient) yield clientRow(w.from, w.to, c);
  }
}

function clientRow(from: string, to: string, c: ClientExplanation): Record<string, unknown> {
  const k = c.categories;
  return {
    from, to, client: c.client, group: c.group, visits: c.visits, staff: c.staff, contact: k.contact, regular: k.regular, double_only: k.doubleOnly,
    weekend_only: k.weekendOnly, evening_only: k.eveningOnly, occasional: k.occasional, contact_share: c.contactShare ?? '', regular_share: c.regularShare,
    familiar_share: c.familiarShare, new_faces: c.newFaces ?? '', one_staff: c.oneStaff, floor: c.floor,
  };
}

const moveText = (m: Pick<StaffMove, 'before' | 'after'>) => `${m.before === null ? 'not met' : LABELS[m.before]} → ${m.after === null ? 'not met' : LABELS[m.after]}`;

/**
 * compare as a terminal table: per window both summaries and the change (all and each group), the
 * clients who became or stopped being counted or whose count changed, the moves between
 * categories, and the counted visits in one log only.
 *
 * @example
 * console.log(compareTable(await compareContinuity('plan.csv', 'actual.csv', { from: '2024-10-01' })));
 */
export function compareTable(result: CompareResult, options: TableOptions = {}): string {
  const ref = refOf(options);
  const max = options.maxClients ?? 20;
  const out: string[] = [];
  if (result.windows.length === 0) out.push('No window both logs report.');
  for (const w of result.windows) {
    out.push(`Window ${w.from} – ${w.to}: mean staff ${fmt(w.before.staff)} → ${fmt(w.after.staff)} (${signed(w.change.staff)}); counted clients ${w.before.clients} → ${w.after.clients}`);
    const rows = [SUMMARY_HEAD, summaryCells('before', w.before), summaryCells('after', w.after), summaryCells('change', w.change, true)];
    for (const g of w.groups) {
      const name = safeText(g.group) || '–';
      if (g.before !== null) rows.push(summaryCells(`${name}: before`, g.before));
      if (g.after !== null) rows.push(summaryCells(`${name}: after`, g.after));
      if (g.change !== null) rows.push(summaryCells(`${name}: change`, g.change, true));
    }
    out.push(columns(rows));
    out.push(`Became counted: ${w.becameCounted}; stopped being counted: ${w.stoppedCounted}.`);
    const v = w.visits;
    out.push(`Counted visits: ${v.before} before, ${v.after} after; ${v.matched} in both, ${v.onlyBefore} only before, ${v.onlyAfter} only after.`);
    if (v.listed.length > 0) {
      out.push(columns([['in', 'client', 'start', 'end', 'staff'], ...v.listed.slice(0, max).map((x) => [x.in, ref(x.client, x.line), x.start, x.end, String(x.staff)])]));
      const more = v.onlyBefore + v.onlyAfter - Math.min(max, v.listed.length);
      if (more > 0) out.push(`… and ${more} more (the JSON lists the first ${v.listed.length}).`);
    }
    if (w.moves.length > 0) out.push(`Staff moved between categories: ${w.moves.map((m) => `${moveText(m)} ${m.staff}`).join('; ')}.`);
    const changed = w.perClient.filter((c) => c.status !== 'both' || c.change?.staff !== 0)
      .sort((a, b) => Math.abs(b.change?.staff ?? 0) - Math.abs(a.change?.staff ?? 0) || a.line - b.line).slice(0, max);
    if (changed.length > 0) {
      out.push(columns([['client', 'group', 'status', 'staff before', 'staff after', 'change', 'moved'],
        ...changed.map((c) => [ref(c.client, c.line), safeText(c.group) || '–', c.status, c.before === null ? '–' : String(c.before.staff), c.after === null ? '–' : String(c.after.staff),
          c.change === null ? '–' : signed(c.change.staff, 0), String(c.moved.length)])]));
    }
    out.push('');
  }
  if (result.unpaired.before.length + result.unpaired.after.length > 0) {
    out.push(`Windows in one log only: before ${result.unpaired.before.join(', ') || '–'}; after ${result.unpaired.after.join(', ') || '–'}.`);
  }
  const rows = (r: CompareResult['before']['rows']) => `${r.read} read, ${r.used} counted, ${r.rejected} rejected`;
  out.push(`Rows before: ${rows(result.before.rows)}; after: ${rows(result.after.rows)}.`);
  return out.join('\n');
}

/**
 * The columns of {@link compareCsvRows}.
 *
 * @example
 * COMPARE_CSV_COLUMNS[4]; // → 'status'
 */
export const COMPARE_CSV_COLUMNS = ['from', 'to', 'client', 'group', 'status', 'before_counted', 'before_visits', 'before_staff', 'after_counted', 'after_visits', 'after_staff',
  'change_visits', 'change_staff', 'moved'];

/**
 * One CSV row per client counted in either log and window; `moved` lists `staff:before>after`.
 *
 * @example
 * await writeCsv(process.stdout, compareCsvRows(result), COMPARE_CSV_COLUMNS);
 */
export function* compareCsvRows(result: CompareResult): Iterable<Record<string, unknown>> {
  for (const w of result.windows) {
    for (const c of w.perClient) {
      yield {
        from: w.from, to: w.to, client: c.client, group: c.group, status: c.status,
        before_counted: c.before?.counted ?? '', before_visits: c.before?.visits ?? '', before_staff: c.before?.staff ?? '',
        after_counted: c.after?.counted ?? '', after_visits: c.after?.visits ?? '', after_staff: c.after?.staff ?? '',
        change_visits: c.change?.visits ?? '', change_staff: c.change?.staff ?? '',
        moved: c.moved.map((m) => `${m.staff}:${m.before ?? 'none'}>${m.after ?? 'none'}`).join(' '),
      };
    }
  }
}
