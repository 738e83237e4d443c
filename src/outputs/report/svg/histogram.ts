import type { Spread } from '../../../summary/spread.js';
import { label, type Lang } from '../labels.js';
import { daysLabel } from '../rule-labels.js';
import { fmt } from '../table.js';
import { axisTitle, chartSvg, emptyNote, LABEL_SIZE, ROW, STYLE, verticalRefLines, yGrid, type RefLine } from './frame.js';
import { esc, px, textWidth } from './markup.js';
import { flowLine } from './place.js';
import { linearScale, niceTicks } from './scale.js';

/**
 * Options of {@link histogramSvg}.
 *
 * @example
 * const options: HistogramSvgOptions = { target: 14, lang: 'sv', days: 14, width: 800 };
 */
export interface HistogramSvgOptions {
  /** The target line (staff per client). Default 14. */
  target?: number;
  /** Language of the labels. Default `'en'`. */
  lang?: Lang;
  /** Days in the window, for the axis title. Default 14. */
  days?: number;
  /** Size in px (the chart scales down with its container in a page). Default 640 × 320. */
  width?: number;
  height?: number;
  /** Accessible title (shown as a tooltip). Default "Distribution: staff per client". */
  title?: string;
  /** Base of the element ids (`<id>-title`, `<id>-desc`). Default: derived from the content. */
  id?: string;
}

/**
 * The distribution of staff per client as an SVG bar chart: one bar per number of staff met,
 * its height the number of counted clients; bars above the target and above 20 in warmer
 * colours; vertical lines for the mean, the median, the target and 20. Takes anything with a
 * `histogram` and a `staffPerClient` spread: a window of the measure or one of its groups.
 * The SVG has `role="img"`, a `<title>` and a `<desc>` that states the figures in words.
 *
 * @example
 * const r = await measureContinuity('visits.csv', { from: '2024-10-01' });
 * const svg = histogramSvg(r.windows[0], { target: 14, lang: 'sv' });
 * // → '<svg xmlns="http://www.w3.org/2000/svg" class="kt-chart kt-histogram" … role="img" …>'
 */
export function histogramSvg(
  summary: { histogram: readonly { value: number; count: number }[]; staffPerClient: Pick<Spread, 'n' | 'mean' | 'median'> },
  options: HistogramSvgOptions = {},
): string {
  const lang = options.lang ?? 'en';
  const target = options.target ?? 14;
  const days = options.days ?? 14;
  const width = options.width ?? 640;
  const left = 52, right = 16;
  const keys = [
    [STYLE.bar, `≤ ${label('target', lang)}`],
    [STYLE.barAboveTarget, `> ${label('target', lang)}`],
    [STYLE.barAbove20, '> 20'],
  ] as const;
  const flow = flowLine(keys.map(([, text]) => 17 + textWidth(text, LABEL_SIZE)), { x0: left, maxX: width - right, gap: 18 });
  const bottom = 64 + (flow.lines - 1) * ROW; // more lines of keys on a narrow chart
  const height = (options.height ?? 320) + (bottom - 64);
  const title = options.title ?? label('histTitle', lang);
  const bins = summary.histogram.filter((b) => b.count > 0);
  const s = summary.staffPerClient;
  const above20 = bins.filter((b) => b.value > 20).reduce((a, b) => a + b.count, 0);
  const n = bins.reduce((a, b) => a + b.count, 0);
  const desc = [
    label('histDesc', lang, { days: daysLabel(days, lang) }),
    n === 0 ? label('noClients', lang) + '.'
      : `n = ${n}; ${bins[0]!.value}–${bins[bins.length - 1]!.value}; ${label('mean', lang)} ${fmt(s.mean, 1, lang)}, ${label('median', lang)} ${fmt(s.median, 1, lang)}, `
        + `${label('target', lang)} ${fmt(target, 1, lang)}; > 20: ${above20} (${fmt((above20 / n) * 100, 1, lang)} %).`,
  ].join(' ');
  if (n === 0) return chartSvg({ kind: 'histogram', width, height, title, desc, body: emptyNote(label('noClients', lang), width, height), id: options.id });

  const lo = Math.max(0, Math.min(bins[0]!.value, Math.floor(target)) - 1);
  const hi = Math.max(bins[bins.length - 1]!.value, Math.ceil(target), 20) + 1;
  const x = linearScale([lo - 0.5, hi + 0.5], [left, width - right]);
  const lines: RefLine[] = [
    { value: target, label: `${label('target', lang)} ${fmt(target, 1, lang)}`, color: STYLE.target, dash: '6 3', width: 2, cls: 'target' },
    { value: 20, label: '20', color: STYLE.limit20, dash: '2 3', width: 2, cls: 'limit20' },
    ...(s.median === null ? [] : [{ value: s.median, label: `${label('median', lang)} ${fmt(s.median, 1, lang)}`, color: STYLE.mean, dash: '5 3', cls: 'median' }]),
    ...(s.mean === null ? [] : [{ value: s.mean, label: `${label('mean', lang)} ${fmt(s.mean, 1, lang)}`, color: STYLE.mean, dash: 'none', width: 2, cls: 'mean' }]),
  ];
  const maxCount = Math.max(...bins.map((b) => b.count));
  const band = x(0.42) - x(-0.42);
  // the counts over the bars only when the widest fits over its bar
  const showCounts = textWidth(String(maxCount), LABEL_SIZE) + 2 <= x(1) - x(0);
  const bounds = { minX: 4, maxX: width - 4 };
  const labelRows = verticalRefLines(lines, x, 0, 0, bounds).rows;
  // the labels stand in rows above the bars, clear of the tallest bar's count
  const countsRoom = showCounts ? ROW : 0;
  const top = 10 + ROW * labelRows + countsRoom;
  const plotBottom = height - bottom;
  const yTicks = niceTicks(0, maxCount, 5, true);
  const y = linearScale([0, yTicks[yTicks.length - 1]!], [plotBottom, top]);
  const xTicks = niceTicks(lo, hi, Math.min(12, Math.floor((width - left - right) / 40)), true).filter((t) => t >= lo && t <= hi);

  const bars = bins.map((b) => {
    const fill = b.value > 20 ? STYLE.barAbove20 : b.value > target ? STYLE.barAboveTarget : STYLE.bar;
    const tip = `${b.value} ${label('staffPerClientUnit', lang)}: ${b.count}`;
    return `<g class="bar" data-value="${b.value}" data-count="${b.count}"><rect x="${px(x(b.value) - band / 2)}" y="${px(y(b.count))}" width="${px(band)}" height="${px(plotBottom - y(b.count))}" fill="${fill}"><title>${esc(tip)}</title></rect></g>`;
  }).join('');
  const counts = !showCounts ? '' : `<g class="counts" font-size="${LABEL_SIZE}" fill="${STYLE.muted}" stroke="#fff" stroke-width="3" paint-order="stroke" text-anchor="middle">`
    + bins.map((b) => `<text x="${px(x(b.value))}" y="${px(y(b.count) - 3)}">${b.count}</text>`).join('') + '</g>';
  const legend = keys.map(([colour, text], i) => {
    const at = flow.at[i]!, ly = height - 6 - (flow.lines - 1 - at.line) * ROW;
    return `<rect x="${px(at.x)}" y="${px(ly - 10)}" width="12" height="12" fill="${colour}"/><text x="${px(at.x + 17)}" y="${px(ly)}" fill="${STYLE.muted}">${esc(text)}</text>`;
  }).join('');

  const body = [
    yGrid(yTicks, y, left, width - right, (v) => String(v)),
    xTicks.map((t) => `<text x="${px(x(t))}" y="${px(plotBottom + 16)}" text-anchor="middle" fill="${STYLE.muted}">${t}</text>`).join(''),
    `<line x1="${left}" x2="${width - right}" y1="${px(plotBottom)}" y2="${px(plotBottom)}" stroke="${STYLE.axis}"/>`,
    bars,
    verticalRefLines(lines, x, top, plotBottom, { ...bounds, labelBase: top - 6 - countsRoom }).markup,
    counts,
    axisTitle(label('staffMet', lang, { days: daysLabel(days, lang) }), 'x', { x: (left + width - right) / 2, y: plotBottom + 34 }),
    axisTitle(label('clientsAxis', lang), 'y', { x: 14, y: (top + plotBottom) / 2 }),
    `<g class="legend">${legend}</g>`,
  ].join('');
  return chartSvg({ kind: 'histogram', width, height, title, desc, body, id: options.id });
}
