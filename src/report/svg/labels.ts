import { labeller, type Lang } from '../labels.js';

const CHART_LABELS = {
  staffMet: { sv: 'Antal personal under {days} dagar', en: 'Staff met in {days} days' },
  clients: { sv: 'Antal brukare', en: 'Clients' },
  staffPerClient: { sv: 'Personal per brukare', en: 'Staff per client' },
  mean: { sv: 'medel', en: 'mean' },
  median: { sv: 'median', en: 'median' },
  target: { sv: 'mål', en: 'target' },
  above20: { sv: 'gräns 20', en: 'limit 20' },
  q1q3: { sv: 'mittersta hälften (q1–q3)', en: 'middle half (q1–q3)' },
  noClients: { sv: 'Inga brukare som räknas', en: 'No counted clients' },
  noWindows: { sv: 'Inga hela perioder', en: 'No whole windows' },
  all: { sv: 'Alla', en: 'All' },
  histTitle: { sv: 'Fördelning: personal per brukare', en: 'Distribution: staff per client' },
  histDesc: {
    sv: 'Stapeldiagram över brukare som räknas, efter hur många olika personal de mött under {days} dagar.',
    en: 'Bar chart of counted clients by the number of different staff they met in {days} days.',
  },
  trendTitle: { sv: 'Utveckling per period', en: 'Trend over the windows' },
  trendDesc: {
    sv: 'Linjediagram över medel och median av antal personal per brukare, en punkt per period.',
    en: 'Line chart of the mean and median staff per client, one point per window.',
  },
  groupsTitle: { sv: 'Grupper sida vid sida', en: 'Groups side by side' },
  groupsDesc: {
    sv: 'Lådagram per grupp, sorterade med högst median först: lådan är mittersta hälften (q1–q3), strecket medianen, romben medlet, morrhåren min–max och prickarna enskilda brukare.',
    en: 'Box plots per group, highest median first: the box is the middle half (q1–q3), the bar the median, the diamond the mean, the whiskers min–max and the dots single clients.',
  },
  group: { sv: 'Grupp', en: 'Group' },
} as const;

/** A chart label in a language, with `{name}` placeholders filled from `vars`. */
export const chartLabel = labeller(CHART_LABELS);

const MONTHS = {
  sv: ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const;

/**
 * A calendar day `YYYY-MM-DD` for people: `7 okt 2024` / `7 Oct 2024` (without the year with
 * `year: false`). Text that is not such a day comes back as it is.
 *
 * @example
 * dayLabel('2024-10-07', 'sv'); // → '7 okt 2024'
 */
export function dayLabel(day: string, lang: Lang, year = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = m === null ? undefined : MONTHS[lang][Number(m[2]) - 1];
  if (m === null || month === undefined) return day;
  return `${Number(m[3])} ${month}${year ? ` ${m[1]}` : ''}`;
}

/**
 * A window `from`–`to` for people: `7–20 okt 2024`, `28 okt – 10 nov 2024`, `23 dec 2024 – 5 jan 2025`.
 *
 * @example
 * periodLabel('2024-10-07', '2024-10-20', 'en'); // → '7–20 Oct 2024'
 */
export function periodLabel(from: string, to: string, lang: Lang): string {
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8, 10))}–${dayLabel(to, lang)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${dayLabel(from, lang, false)} – ${dayLabel(to, lang)}`;
  return `${dayLabel(from, lang)} – ${dayLabel(to, lang)}`;
}
