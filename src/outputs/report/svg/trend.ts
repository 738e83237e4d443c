import type { Spread } from '../../../summary/spread.js';
import { capital, dayLabel, label, type Lang } from '../labels.js';
import { fmt } from '../table.js';
import { axisTitle, chartSvg, emptyNote, LABEL_SIZE, ROW, STYLE, yGrid } from './frame.js';
import { esc, px, textWidth } from './markup.js';
import { flowLine, spreadApart } from './place.js';
import { linearScale, niceTicks } from './scale.js';

/**
 * One point of {@link trendSvg}: a window of the measure (or anything with the same keys).
 *
 * @example
 * const point: TrendPoint = { from: '2024-10-07', to: '2024-10-20', staffPerClient: spread([12, 14, 17]) };
 */
export interface TrendPoint {
  from: string;
  to: string;
  staffPerClient: Pick<Spread, 'n' | 'mean' | 'median' | 'q1' | 'q3'>;
}

/**
 * Options of {@link trendSvg}.
 *
 * @example
 * const options: TrendSvgOptions = { target: 14, lang: 'en', height: 260 };
 */
export interface TrendSvgOptions {
  /** The target line. Default 14. */
  target?: number;
  /** Language of the labels. Default `'en'`. */
  lang?: Lang;
  /** Size in px. Default 640 × 300. */
  width?: number;
  height?: number;
  /** Accessible title. Default "Trend over the windows". */
  title?: string;
  /** Base of the element ids. Default: derived from the content. */
  id?: string;
}

/**
 * The monthly series as an SVG line chart: per window the mean (solid, labelled) and the median
 * (dashed) of staff per client, the middle half of the clients (q1–q3) as a band, and horizontal
 * lines for the target and 20. A window without counted clients leaves a gap. `role="img"`,
 * `<title>` and a `<desc>` that lists the means in words.
 *
 * @example
 * const r = await measureContinuity('visits.csv'); // one window a month
 * const svg = trendSvg(r.windows, { target: 14 });
 * // → '<svg … class="kt-chart kt-trend" … role="img" …>'
 */
export function trendSvg(windows: readonly TrendPoint[], options: TrendSvgOptions = {}): string {
  const lang = options.lang ?? 'en';
  const target = options.target ?? 14;
  const width = options.width ?? 640;
  const height0 = options.height ?? 300;
  const height = height0 + (flowLine(legendEntries(lang).map((e) => e.width), { x0: 48, maxX: width - 4, gap: 18 }).lines - 1) * ROW;
  const title = options.title ?? label('trendTitle', lang);
  const means = windows.map((w) => `${dayLabel(w.from, lang)}: ${fmt(w.staffPerClient.mean, 1, lang)}`);
  const desc = `${label('trendDesc', lang)} ${label('mean', lang)}: ${means.length === 0 ? '–' : means.join('; ')}; ${label('target', lang)} ${fmt(target, 1, lang)}.`;
  if (windows.length === 0) return chartSvg({ kind: 'trend', width, height, title, desc, body: emptyNote(label('noWindowsChart', lang), width, height), id: options.id });

  const left = 48, top = 18;
  const refTexts = [`${label('target', lang)} ${fmt(target, 1, lang)}`, '20'];
  const right = Math.max(40, 12 + Math.max(...refTexts.map((t) => textWidth(t, LABEL_SIZE))));
  const legendItems = legendEntries(lang);
  const flow = flowLine(legendItems.map((e) => e.width), { x0: left, maxX: width - 4, gap: 18 });
  const bottom = 62 + (flow.lines - 1) * ROW;
  const plotBottom = height - bottom;
  const step = (width - left - right) / windows.length;
  const x = (i: number) => left + (i + 0.5) * step;
  const highest = Math.max(22, target + 2, ...windows.flatMap((w) => [w.staffPerClient.q3 ?? 0, w.staffPerClient.mean ?? 0]));
  const yTicks = niceTicks(0, highest, 5, true);
  const y = linearScale([0, yTicks[yTicks.length - 1]!], [plotBottom, top]);
  const valid = (i: number) => windows[i]!.staffPerClient.n > 0;

  const parts: string[] = [yGrid(yTicks, y, left, width - right, String)];
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${px(plotBottom)}" y2="${px(plotBottom)}" stroke="${STYLE.axis}"/>`);
  for (const run of runs(windows.length, valid)) parts.push(band(run, windows, x, y, step));
  // the two labels at the right edge, moved apart when the lines are close
  const [targetAt, at20] = spreadApart([y(target) + 4, y(20) + 4], ROW, top, plotBottom);
  parts.push(hline(y(target), targetAt!, left, width - right, STYLE.target, '6 3', refTexts[0]!, 'target'));
  parts.push(hline(y(20), at20!, left, width - right, STYLE.limit20, '2 3', '20', 'limit20'));
  for (const run of runs(windows.length, valid)) {
    parts.push(polyline(run.map((i) => [x(i), y(windows[i]!.staffPerClient.median!)]), STYLE.mean, '5 3', 1.5, 'median'));
    parts.push(polyline(run.map((i) => [x(i), y(windows[i]!.staffPerClient.mean!)]), STYLE.mean, 'none', 2.5, 'mean'));
  }
  // every k-th window named, k the smallest for which the widest name fits its room
  const names = windows.map((w, i) => dayLabel(w.from, lang, windows.length === 1 || i === 0 || w.from.slice(0, 4) !== windows[i - 1]!.from.slice(0, 4)));
  const widest = Math.max(...names.map((n) => textWidth(n, LABEL_SIZE)));
  const labelEvery = Math.max(1, Math.ceil((widest + 10) / step));
  // the means written over the points when they fit side by side
  const valuesFit = Math.max(...windows.map((w) => textWidth(fmt(w.staffPerClient.mean, 1, lang), LABEL_SIZE))) + 6 <= step;
  windows.forEach((w, i) => {
    const s = w.staffPerClient;
    if (i % labelEvery === 0) parts.push(`<text x="${px(x(i))}" y="${px(plotBottom + 16)}" text-anchor="middle" fill="${STYLE.muted}">${esc(names[i]!)}</text>`);
    if (s.n === 0 || s.mean === null || s.median === null) return;
    const tip = `${dayLabel(w.from, lang)} – ${dayLabel(w.to, lang)}: ${label('mean', lang)} ${fmt(s.mean, 1, lang)}, ${label('median', lang)} ${fmt(s.median, 1, lang)}, n = ${s.n}`;
    parts.push(`<circle class="median-point" cx="${px(x(i))}" cy="${px(y(s.median))}" r="3.5" fill="#fff" stroke="${STYLE.mean}" stroke-width="1.5"/>`);
    parts.push(`<g class="point" data-from="${esc(w.from)}" data-mean="${s.mean}"><circle cx="${px(x(i))}" cy="${px(y(s.mean))}" r="5" fill="${STYLE.mean}"><title>${esc(tip)}</title></circle>`
      + (valuesFit ? `<text x="${px(x(i))}" y="${px(y(s.mean) - 10)}" text-anchor="middle" font-weight="600" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(fmt(s.mean, 1, lang))}</text>` : '')
      + '</g>');
  });
  parts.push(axisTitle(capital(label('staffPerClientUnit', lang)), 'y', { x: 14, y: (top + plotBottom) / 2 }));
  parts.push(`<g class="legend" fill="${STYLE.muted}">${legendItems.map((e, i) => `<g transform="translate(${px(flow.at[i]!.x)},${px(height - 14 - (flow.lines - 1 - flow.at[i]!.line) * ROW)})">${e.markup}</g>`).join('')}</g>`);
  return chartSvg({ kind: 'trend', width, height, title, desc, body: parts.join(''), id: options.id });
}

/** Runs of consecutive indices for which `ok` holds. */
function runs(n: number, ok: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ok(i)) current.push(i);
    else if (current.length > 0) (out.push(current), (current = []));
  }
  if (current.length > 0) out.push(current);
  return out;
}

function band(run: number[], windows: readonly TrendPoint[], x: (i: number) => number, y: (v: number) => number, step: number): string {
  const q = (i: number) => windows[i]!.staffPerClient;
  if (run.length === 1) {
    const i = run[0]!;
    const w = Math.min(28, step * 0.4);
    return `<rect class="band" x="${px(x(i) - w / 2)}" y="${px(y(q(i).q3!))}" width="${px(w)}" height="${px(y(q(i).q1!) - y(q(i).q3!))}" fill="${STYLE.box}"/>`;
  }
  const upper = run.map((i) => `${px(x(i))},${px(y(q(i).q3!))}`);
  const lower = [...run].reverse().map((i) => `${px(x(i))},${px(y(q(i).q1!))}`);
  return `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${STYLE.box}"/>`;
}

function polyline(points: [number, number][], colour: string, dash: string, width: number, cls: string): string {
  if (points.length < 2) return '';
  return `<polyline class="${cls}" points="${points.map(([a, b]) => `${px(a)},${px(b)}`).join(' ')}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-dasharray="${dash}"/>`;
}

function hline(at: number, textAt: number, x0: number, x1: number, colour: string, dash: string, text: string, cls: string): string {
  return `<g class="ref ${cls}"><line x1="${px(x0)}" x2="${px(x1)}" y1="${px(at)}" y2="${px(at)}" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>`
    + `<text x="${px(x1 + 6)}" y="${px(textAt)}" font-size="${LABEL_SIZE}" fill="${colour}">${esc(text)}</text></g>`;
}

function legendEntries(lang: Lang): { width: number; markup: string }[] {
  const texts = [label('mean', lang), label('median', lang), label('q1q3', lang)];
  const marks = [
    `<line x1="0" x2="22" y1="-4" y2="-4" stroke="${STYLE.mean}" stroke-width="2.5"/><circle cx="11" cy="-4" r="4" fill="${STYLE.mean}"/>`,
    `<line x1="0" x2="22" y1="-4" y2="-4" stroke="${STYLE.mean}" stroke-width="1.5" stroke-dasharray="5 3"/><circle cx="11" cy="-4" r="3" fill="#fff" stroke="${STYLE.mean}"/>`,
    `<rect x="0" y="-10" width="22" height="12" fill="${STYLE.box}"/>`,
  ];
  return texts.map((t, i) => ({ width: 28 + textWidth(t, LABEL_SIZE), markup: `${marks[i]}<text x="28" y="0">${esc(t)}</text>` }));
}
