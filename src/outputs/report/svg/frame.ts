import { esc, px, shortHash, textWidth } from './markup.js';
import { placeInRows } from './place.js';

/** Colours and strokes shared by the charts (chosen to stay apart in grey print and for colour-blind readers). */
export const STYLE = {
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  text: '#222',
  muted: '#5b5b5b',
  grid: '#e3e3e3',
  axis: '#8a8a8a',
  bar: '#4e79a7',
  barAboveTarget: '#f0a04b',
  barAbove20: '#b8323c',
  box: '#c9d9ea',
  boxStroke: '#3d6690',
  dot: '#1f3f62',
  mean: '#222',
  target: '#2e7d32',
  limit20: '#b8323c',
} as const;

/** A reference line: a value on an axis with its label and stroke. */
export interface RefLine {
  value: number;
  label: string;
  color: string;
  dash: string;
  width?: number;
  cls: string;
}

/** The SVG document around a chart's body: size, accessible name and description, white ground. */
export function chartSvg(f: ChartFrame & { body: string; id?: string | undefined }): string {
  const id = f.id ?? `kt-${f.kind}-${shortHash(`${f.title}\n${f.desc}\n${f.body}`)}`;
  return `${chartHead({ ...f, id })}${f.body}</svg>`;
}

/** What {@link chartSvg} draws around a chart's body. */
interface ChartFrame {
  kind: string;
  width: number;
  height: number;
  title: string;
  desc: string;
}

/**
 * {@link chartSvg} in pieces that join to the same markup, for a body given in pieces (a chart of
 * a thousand groups is megabytes): the id is given, as a derived one would hash the whole body.
 */
export function* chartSvgParts(f: ChartFrame & { body: Iterable<string>; id: string }): Generator<string> {
  yield chartHead(f);
  yield* f.body;
  yield '</svg>';
}

/** The SVG document's start: the element, its accessible name and description, the white ground. */
function chartHead(f: ChartFrame & { id: string }): string {
  const id = f.id;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="kt-chart kt-${f.kind}" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}"`,
    ` role="img" aria-labelledby="${esc(id)}-title ${esc(id)}-desc" font-family="${esc(STYLE.font)}" font-size="12" fill="${STYLE.text}">`,
    `<title id="${esc(id)}-title">${esc(f.title)}</title>`,
    `<desc id="${esc(id)}-desc">${esc(f.desc)}</desc>`,
    `<rect width="${f.width}" height="${f.height}" fill="#fff"/>`,
  ].join('');
}

/** Horizontal grid lines with their tick labels at the left of the plot. */
export function yGrid(ticks: readonly number[], y: (v: number) => number, x0: number, x1: number, format: (v: number) => string): string {
  return ticks.map((t) => `<line x1="${px(x0)}" x2="${px(x1)}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="${STYLE.grid}"/>`
    + `<text x="${px(x0 - 6)}" y="${px(y(t) + 4)}" text-anchor="end" fill="${STYLE.muted}">${esc(format(t))}</text>`).join('');
}

/** Vertical grid lines with their tick labels under the plot. */
export function xGrid(ticks: readonly number[], x: (v: number) => number, y0: number, y1: number, format: (v: number) => string): string {
  return ticks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(y0)}" y2="${px(y1)}" stroke="${STYLE.grid}"/>`
    + `<text x="${px(x(t))}" y="${px(y1 + 16)}" text-anchor="middle" fill="${STYLE.muted}">${esc(format(t))}</text>`).join('');
}

/** An axis title: under the plot (`'x'`) or turned along its left edge (`'y'`). */
export function axisTitle(text: string, axis: 'x' | 'y', at: { x: number; y: number }): string {
  const turn = axis === 'y' ? ` transform="rotate(-90 ${px(at.x)} ${px(at.y)})"` : '';
  return `<text class="axis-title" x="${px(at.x)}" y="${px(at.y)}" text-anchor="middle" fill="${STYLE.muted}"${turn}>${esc(text)}</text>`;
}

/** Font size of every label in a chart: at the smallest width a layout is shown at it stays >= 11 px. */
export const LABEL_SIZE = 12;
/** Distance between the baselines of two rows of labels. */
export const ROW = 16;

/**
 * Vertical reference lines from `top` to `bottom`, labelled above the plot (the first row's
 * baseline at `labelBase`, further rows upwards). Labels are placed by their widths with
 * {@link placeInRows}: kept inside `[minX, maxX]` and put on further rows when they would
 * overlap; returns the markup and how many label rows it used.
 */
export function verticalRefLines(lines: readonly RefLine[], x: (v: number) => number, top: number, bottom: number, bounds: { minX: number; maxX: number; labelBase?: number }): { markup: string; rows: number } {
  const { placed, rows } = placeInRows(lines.map((l) => ({ at: x(l.value), width: textWidth(l.label, LABEL_SIZE) })), { min: bounds.minX, max: bounds.maxX, gap: 8 });
  const base = bounds.labelBase ?? top - 6;
  const lineParts: string[] = [];
  const labelParts: string[] = [];
  lines.forEach((l, i) => {
    const at = x(l.value);
    const { x: lx, row } = placed[i]!;
    const ly = base - row * ROW;
    lineParts.push(`<line class="ref ${l.cls}" x1="${px(at)}" x2="${px(at)}" y1="${px(ly + 3)}" y2="${px(bottom)}" stroke="${l.color}" stroke-width="${l.width ?? 1.5}" stroke-dasharray="${l.dash}"/>`);
    labelParts.push(`<text class="ref-label ${l.cls}" x="${px(lx)}" y="${px(ly)}" text-anchor="middle" font-size="${LABEL_SIZE}" fill="${l.color}" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(l.label)}</text>`);
  });
  return { markup: [...lineParts, ...labelParts].join(''), rows };
}

/** A centred message in an empty plot. */
export function emptyNote(text: string, width: number, height: number): string {
  return `<text x="${px(width / 2)}" y="${px(height / 2)}" text-anchor="middle" fill="${STYLE.muted}">${esc(text)}</text>`;
}
