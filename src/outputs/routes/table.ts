/**
 * The route figures as a terminal table.
 *
 * @module
 */

import { label, type Lang } from '../report/labels.js';
import { safeLines, safeText } from '../../safe-text.js';
import { columns, fmt } from '../report/table.js';
import type { RouteSummary, RoutesResult, RoutesWindow } from '../../measures/routes/types.js';


function cells(name: string, s: RouteSummary, lang: Lang): string[] {
  const pct = (v: number | null) => (v === null ? '–' : fmt(v * 100, 1, lang));
  return [
    name, String(s.staffDays), String(s.visits), pct(s.clientTimeShare), pct(s.spread.clientTimeShare.median),
    fmt(s.travelMinutesPerVisit, 1, lang), fmt(s.kmPerVisit, 2, lang), fmt(s.waitingHours, 1, lang),
    fmt(s.detourRatio, 3, lang), fmt(s.detourRatioWindows, 3, lang), fmt(s.savingMinutes / 60, 1, lang),
    fmt(s.savingMinutesWindows / 60, 1, lang), fmt(s.savingKm, 1, lang), String(s.staffDaysWithoutCoordinates),
  ];
}

/**
 * Route figures per window as aligned columns: the municipality and each group, with staff-days,
 * visits, pooled and median brukartid, travel per visit, waiting, detour ratios and savings.
 * Group names are made safe to print (control characters visible, no line starting `::`). The
 * staff-days and staff summaries are not read (a streamed result will do).
 *
 * @example
 * console.log(routesTable(result, { lang: 'sv' }));
 */
export function routesTable(result: Omit<RoutesResult, 'windows'> & { windows: readonly Omit<RoutesWindow, 'routes' | 'perStaff'>[] }, options: { lang?: Lang } = {}): string {
  const lang = options.lang ?? 'en';
  const head = [label('rt_scope', lang), label('rt_staffDays', lang), label('visits', lang).toLowerCase(), label('rt_share', lang), label('rt_medianShare', lang),
    label('rt_travelPerVisit', lang), label('kmPerVisit', lang), label('rt_waiting', lang), label('rt_detour', lang), label('rt_detourWindows', lang),
    label('rt_saving', lang), label('rt_savingWindows', lang), label('rt_savingKm', lang), label('rt_noCoords', lang)];
  const distance = `${label('rt_distance', lang)}: ${label(result.options.distance === 'roads' ? 'rt_roads' : 'rt_haversine', lang)}${result.options.distance === 'haversine' ? ` ${fmt(result.options.circuity, 2, lang)}, ${fmt(result.options.speedKmh, 1, lang)} km/h` : ''}; ±${result.options.windowMinutes} min`;
  const parts = [distance];
  for (const w of result.windows) {
    const rows = [head, cells(label('all', lang).toLowerCase(), w, lang), ...w.groups.map((g) => cells(g.group === '' ? '–' : safeText(g.group), g, lang))];
    parts.push(`${label('rt_window', lang)} ${w.from} – ${w.to}\n${columns(rows)}`);
  }
  return safeLines(parts.join('\n\n'));
}
