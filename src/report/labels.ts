/** Languages of the readable outputs. */
export type Lang = 'sv' | 'en';

const LABELS = {
  window: { sv: 'Period', en: 'Window' },
  served: { sv: 'Brukare med insats', en: 'Clients served' },
  visitsRule: { sv: 'Brukare med ≥ 2 besök varje dag', en: 'Clients with ≥ 2 visits every day' },
  eligible: { sv: 'Brukare som räknas', en: 'Clients counted' },
  doubleStaffed: { sv: 'Brukare med dubbelbemanning', en: 'Clients with double staffing' },
  staffPerClient: { sv: 'Antal personal per brukare under 14 dagar', en: 'Staff per client over 14 days' },
  mean: { sv: 'medel', en: 'mean' },
  median: { sv: 'median', en: 'median' },
  min: { sv: 'min', en: 'min' },
  max: { sv: 'max', en: 'max' },
  q1: { sv: 'q1', en: 'q1' },
  q3: { sv: 'q3', en: 'q3' },
  p10: { sv: 'p10', en: 'p10' },
  p90: { sv: 'p90', en: 'p90' },
  sd: { sv: 'std.avv.', en: 'sd' },
  iqr: { sv: 'kvartilavst.', en: 'iqr' },
  shareAbove20: { sv: 'andel > 20', en: 'share > 20' },
  shareAboveTarget: { sv: 'andel > mål', en: 'share > target' },
  group: { sv: 'Grupp', en: 'Group' },
  all: { sv: 'Alla', en: 'All' },
  n: { sv: 'n', en: 'n' },
  rows: { sv: 'Rader', en: 'Rows' },
  read: { sv: 'lästa', en: 'read' },
  used: { sv: 'använda', en: 'used' },
  rejected: { sv: 'avvisade', en: 'rejected' },
  excluded: { sv: 'uteslutna', en: 'excluded' },
  target: { sv: 'mål', en: 'target' },
  noWindows: { sv: 'Inga hela perioder i loggen.', en: 'No whole windows in the log.' },
  noAge: { sv: 'Ingen ålderskolumn: inget åldersfilter.', en: 'No age column: no age filter.' },
} as const;

/** A label of the readable outputs in a language. */
export function label(key: keyof typeof LABELS, lang: Lang): string {
  return LABELS[key][lang];
}
