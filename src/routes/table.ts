/**
 * The route figures as a terminal table.
 *
 * @module
 */

import { labeller, type Lang } from '../report/labels.js';
import { safeLines, safeText } from '../safe-text.js';
import { columns, fmt } from '../report/table.js';
import type { RouteSummary, RoutesResult, RoutesWindow } from './types.js';

const LABELS = {
  scope: { en: 'Scope', sv: 'Omfattning' },
  all: { en: 'all', sv: 'alla' },
  staffDays: { en: 'staff-days', sv: 'personaldagar' },
  visits: { en: 'visits', sv: 'besök' },
  share: { en: 'client time %', sv: 'brukartid %' },
  travelPerVisit: { en: 'travel min/visit', sv: 'restid min/besök' },
  kmPerVisit: { en: 'km/visit', sv: 'km/besök' },
  waiting: { en: 'waiting h', sv: 'väntetid h' },
  detour: { en: 'detour', sv: 'omväg' },
  detourWindows: { en: 'detour ±win', sv: 'omväg ±fönster' },
  saving: { en: 'saving h', sv: 'besparing h' },
  savingWindows: { en: 'saving ±win h', sv: 'besparing ±fönster h' },
  savingKm: { en: 'saving km', sv: 'besparing km' },
  noCoords: { en: 'days without coordinates', sv: 'dagar utan koordinater' },
  window: { en: 'Window', sv: 'Fönster' },
  distance: { en: 'distance', sv: 'avstånd' },
  haversine: { en: 'straight line × circuity', sv: 'fågelväg × omvägsfaktor' },
  roads: { en: 'road network', sv: 'vägnät' },
  medianShare: { en: 'median client time %', sv: 'median brukartid %' },
} as const;

const t = labeller(LABELS);

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
  const head = [t('scope', lang), t('staffDays', lang), t('visits', lang), t('share', lang), t('medianShare', lang), t('travelPerVisit', lang),
    t('kmPerVisit', lang), t('waiting', lang), t('detour', lang), t('detourWindows', lang), t('saving', lang), t('savingWindows', lang),
    t('savingKm', lang), t('noCoords', lang)];
  const distance = `${t('distance', lang)}: ${t(result.options.distance, lang)}${result.options.distance === 'haversine' ? ` ${fmt(result.options.circuity, 2, lang)}, ${fmt(result.options.speedKmh, 1, lang)} km/h` : ''}; ±${result.options.windowMinutes} min`;
  const parts = [distance];
  for (const w of result.windows) {
    const rows = [head, cells(t('all', lang), w, lang), ...w.groups.map((g) => cells(g.group === '' ? '–' : safeText(g.group), g, lang))];
    parts.push(`${t('window', lang)} ${w.from} – ${w.to}\n${columns(rows)}`);
  }
  return safeLines(parts.join('\n\n'));
}
