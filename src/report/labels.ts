/**
 * Languages of the readable outputs.
 *
 * @example
 * const lang: Lang = 'sv';
 */
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
  indices: { sv: 'Kontinuitetsindex (medel)', en: 'Continuity indices' },
  contactShare: { sv: 'andel med kontaktperson', en: 'contact-person share' },
  withoutContact: { sv: 'Brukare utan angiven kontaktperson', en: 'Clients without a listed contact person' },
  n: { sv: 'n', en: 'n' },
  rows: { sv: 'Rader', en: 'Rows' },
  read: { sv: 'lästa', en: 'read' },
  used: { sv: 'använda', en: 'used' },
  rejected: { sv: 'avvisade', en: 'rejected' },
  excluded: { sv: 'uteslutna', en: 'excluded' },
  target: { sv: 'mål', en: 'target' },
  noWindows: { sv: 'Inga hela perioder i loggen.', en: 'No whole windows in the log.' },
  noAge: { sv: 'Ingen ålderskolumn: inget åldersfilter.', en: 'No age column: no age filter.' },
  // double staffing (kontinuitet staffing)
  scopeCounted: { sv: 'besök som räknas i mätningen', en: 'visits counted by the measure' },
  scopeAll: { sv: 'alla besök, alla tider', en: 'all visits, any hour' },
  visits: { sv: 'Besök', en: 'Visits' },
  doubleStaffedVisits: { sv: 'Dubbelbemannade besök', en: 'Double-staffed visits' },
  handovers: { sv: 'Överlämningar (tillsammans under', en: 'Handovers (together less than' },
  duplicateRegistrations: { sv: 'Dubbelregistreringar (samma personal två gånger)', en: 'Duplicate registrations (same staff twice)' },
  staffHours: { sv: 'Personaltimmar', en: 'Staff hours' },
  doubleStaffedHours: { sv: 'Personaltimmar vid dubbelbemanning', en: 'Staff hours on double-staffed visits' },
  staffPerCountedClient: { sv: 'Antal personal per brukare som räknas', en: 'Staff per counted client' },
  withSecond: { sv: 'med andra personalen', en: 'with the second staff member' },
  withoutSecond: { sv: 'utan andra personalen', en: 'without the second staff member' },
  addedBySecond: { sv: 'tillskott av andra personalen', en: 'added by the second staff member' },
  doubleStaffedShare: { sv: 'andel dubbelbemannade', en: 'share double-staffed' },
  hoursShare: { sv: 'andel timmar', en: 'share of hours' },
  meanWith: { sv: 'medel med', en: 'mean with' },
  meanWithout: { sv: 'medel utan', en: 'mean without' },
  slots: { sv: 'Återkommande dubbelbemannade tider', en: 'Recurring double-staffed slots' },
  noSlots: { sv: 'Inga återkommande dubbelbemannade tider.', en: 'No recurring double-staffed slots.' },
  slotsWho: { sv: 'brukare och par: --format json', en: 'client and pair: --format json' },
  time: { sv: 'Tid', en: 'Time' },
  days: { sv: 'Dagar', en: 'Days' },
  pairVisits: { sv: 'Paret tillsammans', en: 'Pair together' },
  duplicatesAtLines: { sv: 'Dubbelregistreringar på rad', en: 'Duplicate registrations at lines' },
} as const;

/** A table of labels: each key has its Swedish and English text, with `{name}` placeholders. */
export type LabelTable = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/**
 * The lookup of a label table: the text of a key in a language, with `{name}` placeholders
 * filled from `vars` (a missing one is left as it is). Every readable output has its own table
 * and one of these.
 *
 * @example
 * const t = labeller({ hello: { sv: 'Hej {name}', en: 'Hello {name}' } });
 * t('hello', 'sv', { name: 'Ånge' }); // → 'Hej Ånge'
 */
export function labeller<T extends LabelTable>(table: T): (key: keyof T, lang: Lang, vars?: Record<string, string | number>) => string {
  return (key, lang, vars = {}) => table[key]![lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A label of the readable outputs in a language. */
export const label = labeller(LABELS);
