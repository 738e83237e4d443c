/**
 * explain and compare as terminal tables and CSV rows. Clients are named by `clientRef` (the
 * CLI: the line of their first row by default, as `check` names them; the id with `--show-ids`;
 * the pseudonym with `--pseudonymise`); staff are never named in a table. Text from the input
 * (group names, ids) is made safe to print.
 *
 * @module
 */
import { label, type LabelKey, type Lang } from '../report/labels.js';
import { columns, fmt } from '../report/table.js';
import { safeText } from '../../safe-text.js';
import { STAFF_CATEGORIES } from '../../measures/explain/client.js';
import type { CompareResult, StaffMove } from '../../measures/explain/compare-types.js';
import type { ClientExplanation, ExplainResult, ExplainSummary, StaffCategory } from '../../measures/explain/types.js';

/**
 * How tables name clients, how many they list, and their language: `clientRef` (default `line N`,
 * `rad N` in Swedish), `maxClients` (default 20) per window, `lang` (default `'en'`).
 *
 * @example
 * const o: TableOptions = { clientRef: (id, line) => `line ${line}`, maxClients: 10, lang: 'sv' };
 */
export interface TableOptions {
  clientRef?: (client: string, line: number) => string;
  maxClients?: number;
  lang?: Lang;
}

const CATEGORY_KEY: Record<StaffCategory, LabelKey> = {
  contact: 'xt_contact', regular: 'xt_regular', doubleOnly: 'xt_doubleOnly', weekendOnly: 'xt_weekendOnly', eveningOnly: 'xt_eveningOnly', occasional: 'xt_occasional',
};
const pct = (v: number | null, lang: Lang) => (v === null ? '–' : `${fmt(v * 100, 1, lang)} %`);
const signed = (v: number | null, lang: Lang, digits = 1) => (v === null ? '–' : v > 0 ? `+${fmt(v, digits, lang)}` : fmt(v, digits, lang));
const refOf = (o: TableOptions, lang: Lang) => (client: string, line: number) => safeText(o.clientRef?.(client, line) ?? label('xt_line', lang, { line }));
const categoryText = (c: StaffCategory | null, lang: Lang) => label(c === null ? 'xt_notMet' : CATEGORY_KEY[c], lang);

function summaryHead(lang: Lang): string[] {
  const keys: LabelKey[] = ['xt_clients', 'xt_staff', ...STAFF_CATEGORIES.map((k) => CATEGORY_KEY[k]), 'xt_newFaces', 'xt_oneStaff', 'xt_floor', 'xt_contactShare', 'xt_regularShare'];
  return ['', ...keys.map((k) => label(k, lang))];
}

function summaryCells(name: string, s: ExplainSummary, lang: Lang, change = false): string[] {
  const n = change ? (v: number | null) => signed(v, lang) : (v: number | null) => fmt(v, 1, lang);
  const share = change ? (v: number | null) => (v === null ? '–' : `${signed(v * 100, lang)} ${label('xt_pp', lang)}`) : (v: number | null) => pct(v, lang);
  return [name, change ? signed(s.clients, lang, 0) : String(s.clients), n(s.staff), ...STAFF_CATEGORIES.map((k) => n(s.categories[k])), n(s.newFaces), n(s.oneStaff), n(s.floor), share(s.contactShare), share(s.regularShare)];
}

/**
 * explain as a terminal table: per window the means per counted client (all, then each group),
 * where new faces were counted against, and the clients with the most staff.
 *
 * @example
 * console.log(explainTable(await explainContinuity('visits.csv', { from: '2024-10-01' }), { lang: 'sv' }));
 */
export function explainTable(result: ExplainResult, options: TableOptions = {}): string {
  const lang = options.lang ?? 'en';
  const L = (key: LabelKey, vars?: Record<string, string | number>) => label(key, lang, vars);
  const ref = refOf(options, lang);
  const max = options.maxClients ?? 20;
  const out: string[] = [];
  if (result.windows.length === 0) out.push(L('xt_noWindow'));
  for (const w of result.windows) {
    out.push(L('xt_window', { from: w.from, to: w.to, clients: w.clients, staff: fmt(w.staff, 1, lang) }));
    out.push(L('xt_byCategory'));
    out.push(columns([summaryHead(lang), summaryCells(L('xt_all'), w, lang), ...w.groups.map((g) => summaryCells(safeText(g.group) || '–', g, lang))]));
    out.push(w.lookback.covered ? L('xt_newFacesSince', { from: w.lookback.from, to: w.lookback.to }) : L('xt_newFacesUnknown', { from: w.lookback.from }));
    if (w.withoutContact > 0) out.push(L('xt_withoutContact', { n: w.withoutContact }));
    const top = [...w.perClient].sort((a, b) => b.staff - a.staff || a.line - b.line).slice(0, max);
    if (top.length > 0) {
      out.push('');
      out.push(L('xt_mostStaff', { n: top.length, of: w.perClient.length }));
      out.push(columns([
        [...(['xt_client', 'xt_group', 'xt_visits', 'xt_staff'] as const).map((k) => L(k)), ...STAFF_CATEGORIES.map((k) => L(CATEGORY_KEY[k])), L('xt_newFaces'), L('xt_oneStaff'), L('xt_floor')],
        ...top.map((c) => [ref(c.client, c.line), safeText(c.group) || '–', String(c.visits), String(c.staff), ...STAFF_CATEGORIES.map((k) => String(c.categories[k])),
          c.newFaces === null ? '–' : String(c.newFaces), String(c.oneStaff), String(c.floor)]),
      ]));
    }
    out.push('');
  }
  const r = result.rows;
  out.push(L('xt_rows', { read: r.read, used: r.used, rejected: r.rejected, excluded: Object.values(r.excluded).reduce((a, b) => a + b, 0) }));
  out.push(L('xt_rule', { regular: result.rule.regularVisits, evening: result.rule.eveningFrom }));
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

/**
 * compare as a terminal table: per window both summaries and the change (all and each group), the
 * clients who became or stopped being counted or whose count changed, the moves between
 * categories, and the counted visits in one log only.
 *
 * @example
 * console.log(compareTable(await compareContinuity('plan.csv', 'actual.csv', { from: '2024-10-01' }), { lang: 'sv' }));
 */
export function compareTable(result: CompareResult, options: TableOptions = {}): string {
  const lang = options.lang ?? 'en';
  const L = (key: LabelKey, vars?: Record<string, string | number>) => label(key, lang, vars);
  const ref = refOf(options, lang);
  const max = options.maxClients ?? 20;
  const [before, after, change] = [L('xt_before'), L('xt_after'), L('xt_change')];
  const out: string[] = [];
  if (result.windows.length === 0) out.push(L('xt_noCommonWindow'));
  for (const w of result.windows) {
    out.push(L('xt_compareWindow', { from: w.from, to: w.to, before: fmt(w.before.staff, 1, lang), after: fmt(w.after.staff, 1, lang), change: signed(w.change.staff, lang), clientsBefore: w.before.clients, clientsAfter: w.after.clients }));
    const rows = [summaryHead(lang), summaryCells(before, w.before, lang), summaryCells(after, w.after, lang), summaryCells(change, w.change, lang, true)];
    for (const g of w.groups) {
      const name = safeText(g.group) || '–';
      if (g.before !== null) rows.push(summaryCells(`${name}: ${before}`, g.before, lang));
      if (g.after !== null) rows.push(summaryCells(`${name}: ${after}`, g.after, lang));
      if (g.change !== null) rows.push(summaryCells(`${name}: ${change}`, g.change, lang, true));
    }
    out.push(columns(rows));
    out.push(L('xt_becameCounted', { became: w.becameCounted, stopped: w.stoppedCounted }));
    const v = w.visits;
    out.push(L('xt_countedVisits', { before: v.before, after: v.after, matched: v.matched, onlyBefore: v.onlyBefore, onlyAfter: v.onlyAfter }));
    if (v.listed.length > 0) {
      out.push(columns([[L('xt_in'), L('xt_client'), L('xt_start'), L('xt_end'), L('xt_staff')],
        ...v.listed.slice(0, max).map((x) => [x.in === 'before' ? before : after, ref(x.client, x.line), x.start, x.end, String(x.staff)])]));
      const more = v.onlyBefore + v.onlyAfter - Math.min(max, v.listed.length);
      if (more > 0) out.push(L('xt_more', { n: more, listed: v.listed.length }));
    }
    if (w.moves.length > 0) out.push(L('xt_moves', { moves: w.moves.map((m) => `${categoryText(m.before, lang)} → ${categoryText(m.after, lang)} ${m.staff}`).join('; ') }));
    const changed = w.perClient.filter((c) => c.status !== 'both' || c.change?.staff !== 0)
      .sort((a, b) => Math.abs(b.change?.staff ?? 0) - Math.abs(a.change?.staff ?? 0) || a.line - b.line).slice(0, max);
    if (changed.length > 0) {
      out.push(columns([[L('xt_client'), L('xt_group'), L('xt_status'), L('xt_staffBefore'), L('xt_staffAfter'), change, L('xt_moved')],
        ...changed.map((c) => [ref(c.client, c.line), safeText(c.group) || '–', L(`xt_status_${c.status}`), c.before === null ? '–' : String(c.before.staff), c.after === null ? '–' : String(c.after.staff),
          c.change === null ? '–' : signed(c.change.staff, lang, 0), String(c.moved.length)])]));
    }
    out.push('');
  }
  if (result.unpaired.before.length + result.unpaired.after.length > 0) {
    out.push(L('xt_unpaired', { before: result.unpaired.before.join(', ') || '–', after: result.unpaired.after.join(', ') || '–' }));
  }
  const rows = (r: CompareResult['before']['rows']) => L('xt_rowsOne', { read: r.read, used: r.used, rejected: r.rejected });
  out.push(L('xt_rowsCompare', { before: rows(result.before.rows), after: rows(result.after.rows) }));
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
