import { randomBytes } from 'node:crypto';
import { pseudonymiser } from '../../../read/pseudonymise.js';
import { esc } from '../svg/markup.js';
import { int } from './format.js';
import type { PageClient, PageWindow, ReportContext } from './context.js';
import { label as L } from '../labels.js';
import { reasonLabel } from '../rule-labels.js';

/** How clients are named in the report, and the note that says so. */
export interface ClientNames {
  name: (id: string) => string;
  mode: 'raw' | 'keyed' | 'random';
}

/**
 * Names for the clients of a report: their ids (`showIds`), or a short keyed hash (the first 10
 * hex digits of HMAC-SHA-256(key, id), 16 when 10 would give two clients the same name) with the
 * given key or a random key made for this report.
 */
export function clientNames(ids: Iterable<string>, options: { showIds?: boolean | undefined; key?: string | undefined }): ClientNames {
  if (options.showIds === true) return { name: (id) => id, mode: 'raw' };
  const key = options.key ?? randomBytes(24).toString('hex');
  const short = pseudonymiser(key, 10);
  // each id's name made once: the clients table asks for them again (an HMAC is ~5 µs: ~0.2 s at 38,000 clients)
  const names = new Map<string, string>();
  for (const id of ids) if (!names.has(id)) names.set(id, short(id));
  const clash = twoAlike(names.values());
  const mode = options.key === undefined ? 'random' : 'keyed';
  if (clash) return { name: pseudonymiser(key, 16), mode };
  return { name: (id) => names.get(id) ?? short(id), mode };
}

/**
 * Whether two of the names (hex digits, at most 13) are the same: the names as numbers, sorted,
 * two alike side by side.
 *
 * @example
 * twoAlike(['0a1b2c3d4e', 'ffffffffff', '0a1b2c3d4e']); // → true
 */
export function twoAlike(names: Iterable<string>): boolean {
  const numbers = Float64Array.from(names, (p) => Number.parseInt(p, 16)).sort();
  for (let i = 1; i < numbers.length; i++) if (numbers[i] === numbers[i - 1]) return true;
  return false;
}

/** The note on how clients are named. */
export function namesNote(mode: ClientNames['mode'], ctx: Pick<ReportContext, 'lang'>): string {
  const text = L(mode === 'raw' ? 'rawIds' : mode === 'keyed' ? 'pseudonymKeyed' : 'pseudonymRandom', ctx.lang);
  return `<p class="note${mode === 'raw' ? ' warn' : ''}" id="names-note">${esc(text)}</p>`;
}

/**
 * The clients of the detailed window who had at least one counted visit, most staff first:
 * name, group, staff (with a bar against the target and 20), visits, double-staffed visits, the
 * staff added by the second staff member (with staffing figures), and whether the indicator
 * counts the client (or why not). Sortable by any column; a box hides the clients not counted
 * and a select shows one group (rows carry `data-group`).
 */
export function clientsSection(ctx: ReportContext, w: PageWindow, note: string): string {
  return [...clientsSectionParts(ctx, w, note)].join('');
}

/** Client rows per piece of {@link clientsSectionParts}: a national log's table is written a piece at a time. */
const ROWS_PER_PART = 100;

/** {@link clientsSection} in pieces (the rows {@link ROWS_PER_PART} at a time) that join to the same markup. */
export function* clientsSectionParts(ctx: ReportContext, w: PageWindow, note: string): Generator<string> {
  const { lang } = ctx;
  const added = new Map<string, number>();
  for (const c of ctx.staffing?.perClient ?? []) added.set(c.client, c.staffWithSecond - c.staffWithoutSecond);
  const withAdded = ctx.staffing !== undefined;
  const clients: { c: PageClient; name: string }[] = [];
  for (const c of w.perClient) if (c.visits > 0) clients.push({ c, name: ctx.name(c.client) });
  const shown = ctx.plainNames === true ? (name: string) => name : esc;
  clients.sort((a, b) => b.c.staff - a.c.staff || b.c.visits - a.c.visits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let most = Math.max(20, ctx.target);
  for (const { c } of clients) if (c.staff > most) most = c.staff;
  const cols: [string, boolean, string][] = [
    [L('client', lang), false, ''], [L('group', lang), false, ''], [L('staff', lang), true, ' aria-sort="descending" style="text-align:left"'], [L('visits', lang), true, ''],
    [L('dsVisits', lang), true, ''], ...(withAdded ? [[L('addedBySecondShort', lang), true, ''] as [string, boolean, string]] : []), [L('countedCol', lang), false, ''],
  ];
  const head = cols.map(([text, n, extra]) => `<th scope="col"${n ? ' class="num" data-type="num"' : ''}${extra}><button type="button">${esc(text)}</button></th>`).join('');
  yield `<section id="clients"><h2>${esc(L('clients', lang))}</h2>${note}<p class="muted">${esc(L('clientsNote', lang))} <span class="no-print">${esc(L('sortHint', lang))}</span></p>`
    + `<div class="tools"><label class="filter"><input type="checkbox" data-filter-table="clients-table"> ${esc(L('onlyCounted', lang))}</label>`
    + `<label class="filter">${esc(L('groupFilter', lang))} <select data-group-filter="clients-table"><option value="">${esc(L('allGroups', lang))}</option>`
    + `${[...new Set(clients.map(({ c }) => c.group))].sort((a, b) => a.localeCompare(b, lang)).map((g) => `<option value="${esc(g)}">${esc(g || '–')}</option>`).join('')}</select></label></div>`
    + `<div class="table-wrap"><table class="sortable" id="clients-table"><thead><tr>${head}</tr></thead><tbody>`;
  // a group's and a reason's markup made once (tens of thousands of rows share a few hundred)
  const marked = new Map<string, string>();
  const once = (text: string) => {
    let m = marked.get(text);
    if (m === undefined) marked.set(text, (m = esc(text)));
    return m;
  };
  const cells = new RowCells(ctx, most, once);
  for (let i = 0; i < clients.length; i += ROWS_PER_PART) {
    let rows = '';
    for (let k = i; k < Math.min(clients.length, i + ROWS_PER_PART); k++) {
      const { c, name } = clients[k]!;
      rows += cells.row(c, shown(name), withAdded ? added.get(c.client) ?? 0 : null);
    }
    yield rows;
  }
  yield '</tbody></table></div></section>';
}

/**
 * The clients table's rows: each cell after the name depends on one figure of the client (its
 * staff, visits or double-staffed visits; its reason and whether it is counted), and is made once
 * for each value (tens of thousands of rows share a few hundred cells).
 */
class RowCells {
  private readonly staff = new Map<number, string>();
  private readonly visits = new Map<number, string>();
  private readonly doubleStaffed = new Map<number, string>();
  /** The reason's cell of a counted client, and of one not counted, by reason. */
  private readonly reasons = [new Map<PageClient['reason'], string>(), new Map<PageClient['reason'], string>()];

  /** `most`: the staff of the longest bar; `once` escapes a text shared by many rows (made once). */
  constructor(private readonly ctx: ReportContext, private readonly most: number, private readonly once: (text: string) => string) {}

  /** A client's row (`name` escaped). */
  row(c: PageClient, name: string, added: number | null): string {
    const group = this.once(c.group);
    return `<tr data-counted="${c.eligible ? 1 : 0}" data-group="${group}"><td class="id">${name}</td><td>${c.group === '' ? this.once('–') : group}</td>`
      + this.staffCell(c.staff) + this.numberCell(this.visits, c.visits) + this.numberCell(this.doubleStaffed, c.doubleStaffedVisits)
      + (added === null ? '' : `<td class="num" data-v="${added}">${added}</td>`)
      + this.reasonCell(c.eligible, c.reason) + '</tr>';
  }

  /** The staff's cell: the number and a bar against the target and 20. {@link int}'s digits need no escaping. */
  private staffCell(staff: number): string {
    let m = this.staff.get(staff);
    if (m === undefined) {
      const cls = staff > 20 ? ' x' : staff > this.ctx.target ? ' t' : '';
      const bar = `<span class="bar${cls}" style="width:${Math.round((staff / this.most) * 70) / 10}em" aria-hidden="true"></span>`;
      this.staff.set(staff, (m = `<td class="staff" data-v="${staff}"><span class="n">${int(staff, this.ctx.lang)}</span>${bar}</td>`));
    }
    return m;
  }

  private numberCell(cells: Map<number, string>, n: number): string {
    let m = cells.get(n);
    if (m === undefined) cells.set(n, (m = `<td class="num" data-v="${n}">${int(n, this.ctx.lang)}</td>`));
    return m;
  }

  private reasonCell(eligible: boolean, reason: PageClient['reason']): string {
    const cells = this.reasons[eligible ? 1 : 0]!;
    let m = cells.get(reason);
    if (m === undefined) cells.set(reason, (m = `<td class="nowrap${eligible ? '' : ' muted'}">${this.once(reasonLabel(reason, this.ctx.lang, this.ctx.rule))}</td>`));
    return m;
  }
}
