/** The widths a chart is laid out at, and the screens each layout is shown on (see REPORT_CSS). */
export const LAYOUTS = [
  ['narrow', 360], // below 720 px: shown 100 % wide up to 540 px (never under 336 px at a 360 px screen)
  ['medium', 640], // 720–1039 px: the page's column is at least 664 px
  ['wide', 960], // from 1040 px and in print
] as const;

/**
 * A chart as a figure with one layout per screen size: the chart is drawn at each width (text of
 * the same size in px, so it stays readable on a phone) and the style sheet shows one. The wide
 * layout keeps the given id; the others get `-narrow` / `-medium` after it.
 *
 * @example
 * chartFigure((width, id) => trendSvg(windows, { width, id }), 'kt-trend'); // → '<figure class="chart">…</figure>'
 */
export function chartFigure(draw: (width: number, id: string) => string, id: string, wide = 960): string {
  return [...chartFigureParts(draw, id, wide)].join('');
}

/** {@link chartFigure} in pieces, one layout's chart at a time (a chart of a thousand groups is megabytes). */
export function* chartFigureParts(draw: (width: number, id: string) => string | Iterable<string>, id: string, wide = 960): Generator<string> {
  yield '<figure class="chart">';
  for (const [name, width] of LAYOUTS) {
    const svg = draw(name === 'wide' ? wide : width, name === 'wide' ? id : `${id}-${name}`);
    const mark = (part: string) => part.replace('class="kt-chart ', `class="${name} kt-chart `);
    if (typeof svg === 'string') {
      yield mark(svg);
      continue;
    }
    // a chart drawn in pieces: its first piece is the <svg> element's start
    let first = true;
    for (const part of svg) {
      yield first ? mark(part) : part;
      first = false;
    }
  }
  yield '</figure>';
}
