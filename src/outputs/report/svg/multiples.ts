import type { ContinuityWindow } from '../../../measures/continuity/types.js';
import { dayLabel, label, type Lang } from '../labels.js';
import { fmt } from '../table.js';
import { chartSvg, LABEL_SIZE, STYLE, yGrid } from './frame.js';
import { esc, px, textWidth } from './markup.js';
import { niceTicks, linearScale } from './scale.js';

/** One group's series: its mean staff per client in each window (null when none was counted). */
export interface GroupSeries {
  group: string;
  means: (number | null)[];
  n: number[];
}

/**
 * The groups' series over the windows: per group (in the order of the last window's groups,
 * then groups seen only earlier), the mean staff per counted client in each window.
 */
export function groupSeries(windows: readonly Pick<ContinuityWindow, 'groups'>[]): GroupSeries[] {
  const names: string[] = [];
  for (const w of [...windows].reverse()) for (const g of w.groups) if (!names.includes(g.group)) names.push(g.group);
  return names.map((group) => {
    const found = windows.map((w) => w.groups.find((g) => g.group === group));
    return { group, means: found.map((g) => g?.staffPerClient.mean ?? null), n: found.map((g) => g?.staffPerClient.n ?? 0) };
  });
}

/**
 * One small chart of a group's trend: its mean per window as a line with points, the target as a
 * dashed line (labelled at the right) and 20 dotted, on a y scale from 0 to `yMax` shared by all
 * groups so the small charts compare; the first and last windows named under the plot.
 */
export function groupTrendSvg(series: GroupSeries, windows: readonly { from: string }[], o: { target: number; lang: Lang; yMax: number; id: string; width?: number }): string {
  const width = o.width ?? 300, height = 150;
  const targetText = `${label('target', o.lang)} ${fmt(o.target, 1, o.lang)}`;
  const left = 30, right = Math.ceil(10 + textWidth(targetText, LABEL_SIZE)), top = 10, bottom = 26;
  const plotBottom = height - bottom;
  const step = (width - left - right) / Math.max(1, windows.length);
  const x = (i: number) => left + (i + 0.5) * step;
  const ticks = niceTicks(0, o.yMax, 3, true).filter((t) => t <= o.yMax);
  const y = linearScale([0, o.yMax], [plotBottom, top]);
  const parts: string[] = [];
  parts.push(`<line class="ref target" x1="${left}" x2="${px(width - right)}" y1="${px(y(o.target))}" y2="${px(y(o.target))}" stroke="${STYLE.target}" stroke-width="2" stroke-dasharray="6 3"/>`);
  parts.push(`<text class="ref-label target" x="${px(width - right + 4)}" y="${px(y(o.target) + 4)}" font-size="${LABEL_SIZE}" fill="${STYLE.target}">${esc(targetText)}</text>`);
  parts.push(`<line class="ref limit20" x1="${left}" x2="${px(width - right)}" y1="${px(y(20))}" y2="${px(y(20))}" stroke="${STYLE.limit20}" stroke-width="1.5" stroke-dasharray="2 3"/>`);
  let run: string[] = [];
  const lines: string[] = [];
  series.means.forEach((m, i) => {
    if (m === null) {
      if (run.length > 1) lines.push(run.join(' '));
      run = [];
      return;
    }
    run.push(`${px(x(i))},${px(y(m))}`);
    parts.push(`<circle class="point" cx="${px(x(i))}" cy="${px(y(m))}" r="3" fill="${STYLE.mean}"><title>${esc(`${dayLabel(windows[i]!.from, o.lang)}: ${fmt(m, 1, o.lang)} (n = ${series.n[i]})`)}</title></circle>`);
  });
  if (run.length > 1) lines.push(run.join(' '));
  const polylines = lines.map((points) => `<polyline class="mean" points="${points}" fill="none" stroke="${STYLE.mean}" stroke-width="2"/>`);
  const first = dayLabel(windows[0]!.from, o.lang, true), last = dayLabel(windows[windows.length - 1]!.from, o.lang, true);
  parts.push(`<text x="${left}" y="${px(plotBottom + 16)}" fill="${STYLE.muted}">${esc(first)}</text>`);
  if (windows.length > 1 && textWidth(first, LABEL_SIZE) + textWidth(last, LABEL_SIZE) + 12 <= width - left - right + 20) {
    parts.push(`<text x="${px(width - right + 20)}" y="${px(plotBottom + 16)}" text-anchor="end" fill="${STYLE.muted}">${esc(last)}</text>`);
  }
  const desc = `${series.group || '–'}: ${label('mean', o.lang)} ${windows.map((w, i) => `${dayLabel(w.from, o.lang)} ${fmt(series.means[i] ?? null, 1, o.lang)}`).join('; ')}; ${targetText}.`;
  return chartSvg({ kind: 'group-trend', width, height, title: series.group || '–', desc, body: [yGrid(ticks, y, left, width - right, String), ...polylines, ...parts].join(''), id: o.id });
}
