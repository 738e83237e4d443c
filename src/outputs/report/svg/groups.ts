import type { ClientContinuity, ContinuityWindow } from '../../../measures/continuity/types.js';
import type { Spread } from '../../../summary/spread.js';
import { label, type Lang } from '../labels.js';
import { daysLabel } from '../rule-labels.js';
import { fmt } from '../table.js';
import { axisTitle, chartSvg, chartSvgParts, emptyNote, LABEL_SIZE, ROW, STYLE, verticalRefLines, xGrid, type RefLine } from './frame.js';
import { clip, esc, px } from './markup.js';
import { linearScale, niceTicks } from './scale.js';

/**
 * Options of {@link groupsSvg}.
 *
 * @example
 * const options: GroupsSvgOptions = { target: 14, lang: 'sv', all: false };
 */
export interface GroupsSvgOptions {
  /** The target line. Default 14. */
  target?: number;
  /** Language of the labels. Default `'en'`. */
  lang?: Lang;
  /** Days in the window, for the axis title. Default 14. */
  days?: number;
  /** Width in px (the height follows the number of groups). Default 640. */
  width?: number;
  /** Also draw the municipality as a whole, as the first row. Default true. */
  all?: boolean;
  /** Accessible title. Default "Groups side by side". */
  title?: string;
  /** Base of the element ids. Default: derived from the content. */
  id?: string;
}

interface Row {
  name: string;
  s: Spread;
  values: number[];
  all: boolean;
}

/**
 * Groups side by side as SVG box plots with the clients as dots: per group (hemtjänstgrupp) of a
 * window, the box spans q1–q3 of staff per counted client, a bar marks the median, a diamond the
 * mean, whiskers run from min to max, and each counted client is a dot. Groups are sorted with
 * the highest median first (then mean, then name); each row is labelled with its count n.
 * Vertical lines mark the target and 20. `role="img"`, `<title>`, and a `<desc>` that gives
 * every group's figures in words.
 *
 * @example
 * const r = await measureContinuity('visits.csv', { from: '2024-10-01' });
 * const svg = groupsSvg(r.windows[0], { target: 14, lang: 'sv' });
 * // → '<svg … class="kt-chart kt-groups" … role="img" …>'
 */
export function groupsSvg(window: Pick<ContinuityWindow, 'groups' | 'staffPerClient'> & { perClient: Iterable<Pick<ClientContinuity, 'eligible' | 'group' | 'staff'>> }, options: GroupsSvgOptions = {}): string {
  const parts = groupsSvgParts(window, options);
  return typeof parts === 'string' ? parts : [...parts].join('');
}

/** What {@link groupsSvg} reads of a window: its groups, its spread and its clients (any iterable). */
type GroupsWindow = Pick<ContinuityWindow, 'groups' | 'staffPerClient'> & { perClient: Iterable<Pick<ClientContinuity, 'eligible' | 'group' | 'staff'>> };

/** Dots of a row per piece of {@link groupsSvgParts}. */
const DOTS_PER_PART = 2000;

/**
 * {@link groupsSvg} in pieces that join to the same markup (a row, its dots {@link DOTS_PER_PART}
 * at a time), when `options.id` is given; without it, the whole chart as one string (its id
 * hashes the whole body). A log of 38,000 clients draws ~4 MB a layout.
 *
 * @example
 * for (const part of groupsSvgParts(window, { id: 'kt-groups' })) out.write(part);
 */
export function groupsSvgParts(window: GroupsWindow, options: GroupsSvgOptions = {}): string | Iterable<string> {
  return groupsLayoutParts(groupsChartRows(window, options), options);
}

/**
 * The rows of a {@link groupsSvg} chart and their description in words, whatever its width: the
 * groups (and the whole window first unless `all: false`), each with its counted clients' staff.
 * A page draws one chart at three widths from them ({@link groupsLayoutParts}).
 *
 * @example
 * const rows = groupsChartRows(window, { lang: 'en' });
 * rows.rows[0].name; // → 'All' (the whole window), then the groups, highest median first
 */
export function groupsChartRows(window: GroupsWindow, options: Pick<GroupsSvgOptions, 'lang' | 'all'> = {}): GroupsChartRows {
  const lang = options.lang ?? 'en';
  const byGroup = new Map<string, number[]>();
  for (const c of window.perClient) {
    if (!c.eligible) continue;
    const staff = byGroup.get(c.group);
    if (staff === undefined) byGroup.set(c.group, [c.staff]);
    else staff.push(c.staff);
  }
  const groups: Row[] = window.groups
    .map((g) => ({ name: g.group || '–', s: g.staffPerClient, values: byGroup.get(g.group) ?? [], all: false }))
    .sort((a, b) => order(b.s.median) - order(a.s.median) || order(b.s.mean) - order(a.s.mean) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const everyone: number[] = [];
  for (const staff of byGroup.values()) for (const v of staff) everyone.push(v);
  const rows: Row[] = options.all === false ? groups : [{ name: label('all', lang), s: window.staffPerClient, values: everyone, all: true }, ...groups];
  return { rows, desc: `${label('groupsDesc', lang)} ${rows.map((r) => describe(r, lang)).join('; ')}.` };
}

/** A {@link groupsSvg} chart's rows and their description ({@link groupsChartRows}). */
export interface GroupsChartRows {
  readonly rows: readonly Row[];
  readonly desc: string;
}

/** {@link groupsSvgParts} of rows made by {@link groupsChartRows} (with the same `lang` and `all`). */
export function groupsLayoutParts({ rows, desc }: GroupsChartRows, options: GroupsSvgOptions = {}): string | Iterable<string> {
  const lang = options.lang ?? 'en';
  const target = options.target ?? 14;
  const days = options.days ?? 14;
  const width = options.width ?? 640;
  const title = options.title ?? label('groupsTitle', lang);
  // the names' column narrows with the chart (names are shortened to fit it)
  const rowHeight = 40, left = Math.round(Math.min(150, Math.max(96, width * 0.3))), right = 20, bottom = 48;
  const lines: RefLine[] = [
    { value: target, label: `${label('target', lang)} ${fmt(target, 1, lang)}`, color: STYLE.target, dash: '6 3', width: 2, cls: 'target' },
    { value: 20, label: '20', color: STYLE.limit20, dash: '2 3', width: 2, cls: 'limit20' },
  ];
  const counted = rows.filter((r) => r.s.n > 0);
  if (counted.length === 0) {
    const height = 160;
    return chartSvg({ kind: 'groups', width, height, title, desc, body: emptyNote(label('noClients', lang), width, height), id: options.id });
  }
  const lo = Math.max(0, Math.min(...counted.map((r) => r.s.min!), Math.floor(target)) - 2);
  const hi = Math.max(...counted.map((r) => r.s.max!), 20) + 1;
  const x = linearScale([lo, hi], [left, width - right]);
  const bounds = { minX: left - 10, maxX: width - 4 };
  const top = 12 + ROW * verticalRefLines(lines, x, 0, 0, bounds).rows;
  const height = top + rows.length * rowHeight + bottom;
  const plotBottom = top + rows.length * rowHeight;
  const ticks = niceTicks(lo, hi, Math.min(12, Math.floor((width - left - right) / 40)), true).filter((t) => t >= lo && t <= hi);

  const body = function* (): Generator<string> {
    yield xGrid(ticks, x, top, plotBottom, String);
    const chars = Math.floor((left - 14) / (LABEL_SIZE * 0.62));
    for (let i = 0; i < rows.length; i++) yield* rowParts(rows[i]!, i, top + i * rowHeight, rowHeight, x, left, lang, chars);
    yield verticalRefLines(lines, x, top, plotBottom, bounds).markup;
    yield axisTitle(label('staffMet', lang, { days: daysLabel(days, lang) }), 'x', { x: (left + width - right) / 2, y: plotBottom + 36 });
    yield `<text x="8" y="${px(top - 6)}" font-weight="600" fill="${STYLE.muted}">${esc(clip(label('group', lang), Math.floor((left - 24) / (LABEL_SIZE * 0.6))))}</text>`;
  };
  const frame = { kind: 'groups', width, height, title, desc };
  return options.id === undefined ? chartSvg({ ...frame, body: [...body()].join('') }) : chartSvgParts({ ...frame, body: body(), id: options.id });
}

function order(v: number | null): number {
  return v ?? -Infinity;
}

function describe(r: Row, lang: Lang): string {
  const s = r.s;
  if (s.n === 0) return `${r.name}: n = 0`;
  return `${r.name}: n = ${s.n}, ${label('median', lang)} ${fmt(s.median, 1, lang)}, ${label('mean', lang)} ${fmt(s.mean, 1, lang)}, q1–q3 ${fmt(s.q1, 1, lang)}–${fmt(s.q3, 1, lang)}, min–max ${s.min}–${s.max}`;
}

/** A group's row of the chart in pieces: its box plot with its dots {@link DOTS_PER_PART} at a time. */
function* rowParts(r: Row, index: number, y0: number, h: number, x: (v: number) => number, left: number, lang: Lang, chars: number): Generator<string> {
  const cy = y0 + h / 2;
  const s = r.s;
  const shade = index % 2 === 1 ? `<rect x="0" y="${px(y0)}" width="100%" height="${h}" fill="#f7f7f7"/>` : '';
  const name = `<text x="8" y="${px(cy - 3)}"${r.all ? ' font-weight="600"' : ''}>${esc(clip(r.name, chars))}</text>`
    + `<text x="8" y="${px(cy + 13)}" font-size="${LABEL_SIZE}" fill="${STYLE.muted}">n = ${s.n}</text>`;
  if (s.n === 0 || s.min === null || s.max === null || s.q1 === null || s.q3 === null || s.median === null || s.mean === null) {
    yield `<g class="group-row" data-group="${esc(r.name)}" data-n="0">${shade}${name}<text x="${px(left + 8)}" y="${px(cy + 4)}" fill="${STYLE.muted}">${esc(label('noClients', lang))}</text></g>`;
    return;
  }
  yield `<g class="group-row" data-group="${esc(r.name)}" data-n="${s.n}">${shade}<title>${esc(describe(r, lang))}</title>${name}`
    + `<line x1="${px(x(s.min))}" x2="${px(x(s.max))}" y1="${px(cy)}" y2="${px(cy)}" stroke="${STYLE.boxStroke}"/>`
    + `<line x1="${px(x(s.min))}" x2="${px(x(s.min))}" y1="${px(cy - 6)}" y2="${px(cy + 6)}" stroke="${STYLE.boxStroke}"/>`
    + `<line x1="${px(x(s.max))}" x2="${px(x(s.max))}" y1="${px(cy - 6)}" y2="${px(cy + 6)}" stroke="${STYLE.boxStroke}"/>`
    + `<rect class="box" x="${px(x(s.q1))}" y="${px(cy - 10)}" width="${px(Math.max(2, x(s.q3) - x(s.q1)))}" height="20" fill="${STYLE.box}" fill-opacity="0.8" stroke="${STYLE.boxStroke}"/>`;
  // the dots' coordinates as text: a value's x and the row's eleven heights, each made once
  const dotX = new Map<number, string>();
  const dotY = Array.from({ length: 11 }, (_, j) => px(cy + (j - 5) * 1.3));
  for (let from = 0; from < r.values.length; from += DOTS_PER_PART) {
    let dots = '';
    for (let k = from; k < Math.min(r.values.length, from + DOTS_PER_PART); k++) {
      const v = r.values[k]!;
      let cx = dotX.get(v);
      if (cx === undefined) dotX.set(v, (cx = px(x(v))));
      dots += `<circle cx="${cx}" cy="${dotY[(k * 7) % 11]!}" r="2.4" fill="${STYLE.dot}" fill-opacity="0.55"/>`;
    }
    yield dots;
  }
  const m = x(s.mean);
  yield `<line class="median" x1="${px(x(s.median))}" x2="${px(x(s.median))}" y1="${px(cy - 10)}" y2="${px(cy + 10)}" stroke="${STYLE.mean}" stroke-width="3"/>`
    + `<path class="mean" d="M${px(m)} ${px(cy - 6)}L${px(m + 6)} ${px(cy)}L${px(m)} ${px(cy + 6)}L${px(m - 6)} ${px(cy)}Z" fill="#fff" stroke="${STYLE.mean}" stroke-width="1.5"/>`
    + '</g>';
}
