import type { Lang } from '../labels.js';

const REPORT_LABELS = {
  title: { sv: 'Personalkontinuitet i hemtjänsten', en: 'Staff continuity in home care' },
  intro: {
    sv: 'Hur många olika personal en brukare möter under {days} dagar: brukare med minst två besök varje dag, besök 07–22, utan trygghetslarm, matleverans och hemsjukvård (Kolada U21401 medel, U21402 median, U21436 andel över 20).',
    en: 'How many different staff a client meets in {days} days: clients with at least two visits every day, visits 07–22, without safety alarms, meal deliveries and home health care (Kolada U21401 mean, U21402 median, U21436 share above 20).',
  },
  source: { sv: 'Källa', en: 'Source' },
  detailWindow: { sv: 'Period', en: 'Window' },
  zone: { sv: 'Tidszon', en: 'Time zone' },
  generated: { sv: 'Skapad', en: 'Created' },
  contents: { sv: 'Innehåll', en: 'Contents' },
  headline: { sv: 'Nyckeltal', en: 'Key figures' },
  trend: { sv: 'Utveckling', en: 'Trend' },
  distribution: { sv: 'Fördelning', en: 'Distribution' },
  groups: { sv: 'Grupper', en: 'Groups' },
  staffing: { sv: 'Dubbelbemanning', en: 'Double staffing' },
  indices: { sv: 'Kontinuitetsindex', en: 'Continuity indices' },
  indicesIntro: {
    sv: 'Hur samlade besöken är hos brukare som räknas (0–1, högre är mer kontinuitet): UPC = andel besök av den vanligaste personalen, COC (Bice–Boxerman), SECON = andel på varandra följande besök med samma personal, HHI = koncentration, MMCI. Andel med kontaktperson = andel besök där brukarens kontaktperson var med.',
    en: 'How concentrated the visits of counted clients are (0–1, higher is more continuity): UPC = share of visits by the usual staff member, COC (Bice–Boxerman), SECON = share of consecutive visits by the same staff, HHI = concentration, MMCI. Contact-person share = share of visits at which the client\'s contact person was present.',
  },
  index: { sv: 'Index', en: 'Index' },
  contactShare: { sv: 'Andel med kontaktperson', en: 'Contact-person share' },
  withoutContact: { sv: '{n} brukare har ingen angiven kontaktperson (ingår inte i andelen).', en: '{n} clients have no listed contact person (not in the share).' },
  clients: { sv: 'Brukare', en: 'Clients' },
  read: { sv: 'Vad som lästes', en: 'What was read' },
  mean: { sv: 'Medel', en: 'Mean' },
  median: { sv: 'Median', en: 'Median' },
  shareAbove20: { sv: 'Andel som mött fler än 20', en: 'Share who met more than 20' },
  shareAboveTarget: { sv: 'Andel över målet', en: 'Share above the target' },
  counted: { sv: 'Brukare som räknas', en: 'Clients counted' },
  ofServed: { sv: 'av {n} med insats', en: 'of {n} served' },
  visitsRule: { sv: '{n} med ≥ 2 besök varje dag', en: '{n} with ≥ 2 visits every day' },
  doubleStaffedClients: { sv: 'Brukare med dubbelbemanning', en: 'Clients with double staffing' },
  target: { sv: 'mål {v}', en: 'target {v}' },
  withinTarget: { sv: 'inom målet', en: 'within the target' },
  aboveTarget: { sv: 'över målet', en: 'above the target' },
  change: { sv: '{d} jämfört med {p}', en: '{d} since {p}' },
  staffPerClientUnit: { sv: 'personal per brukare', en: 'staff per client' },
  trendTable: { sv: 'Perioderna i siffror', en: 'The windows in figures' },
  period: { sv: 'Period', en: 'Window' },
  n: { sv: 'Räknas', en: 'Counted' },
  served: { sv: 'Med insats', en: 'Served' },
  group: { sv: 'Grupp', en: 'Group' },
  all: { sv: 'Alla', en: 'All' },
  q1: { sv: 'q1', en: 'q1' },
  q3: { sv: 'q3', en: 'q3' },
  min: { sv: 'min', en: 'min' },
  max: { sv: 'max', en: 'max' },
  above20: { sv: '> 20', en: '> 20' },
  aboveTargetShort: { sv: '> mål', en: '> target' },
  noWindows: { sv: 'Loggen täcker ingen hel period, så det finns inga nyckeltal.', en: 'The log covers no whole window, so there are no figures.' },
  noStaffing: { sv: 'Inga dubbelbemannade besök i perioden.', en: 'No double-staffed visits in the window.' },
  doubleStaffedVisits: { sv: 'Dubbelbemannade besök', en: 'Double-staffed visits' },
  ofVisits: { sv: '{p} av {n} besök', en: '{p} of {n} visits' },
  doubleStaffedHours: { sv: 'Personaltimmar vid dubbelbemanning', en: 'Staff hours on double-staffed visits' },
  ofHours: { sv: '{p} av {n} timmar', en: '{p} of {n} hours' },
  priceInContinuity: { sv: 'Medel personal per brukare med / utan andra personalen', en: 'Mean staff per client with / without the second staff member' },
  addedBySecond: { sv: 'tillskott i medel {m}, som mest {x}', en: 'added on average {m}, at most {x}' },
  recurringSlots: { sv: 'Återkommande dubbelbemannade tider', en: 'Recurring double-staffed slots' },
  handoversDuplicates: { sv: 'Överlämningar / dubbelregistreringar', en: 'Handovers / duplicate registrations' },
  dsShare: { sv: 'Andel dubbelbem.', en: 'Share double-staffed' },
  hoursShare: { sv: 'Andel timmar', en: 'Share of hours' },
  meanWith: { sv: 'Medel med', en: 'Mean with' },
  meanWithout: { sv: 'Medel utan', en: 'Mean without' },
  withDs: { sv: 'Med dubbelbem.', en: 'With double staffing' },
  visits: { sv: 'Besök', en: 'Visits' },
  client: { sv: 'Brukare', en: 'Client' },
  staff: { sv: 'Personal', en: 'Staff' },
  dsVisits: { sv: 'Dubbelbem. besök', en: 'Double-staffed visits' },
  addedBySecondShort: { sv: 'Tillskott andra personal', en: 'Added by second staff' },
  countedCol: { sv: 'Räknas', en: 'Counted' },
  yes: { sv: 'ja', en: 'yes' },
  onlyCounted: { sv: 'Visa bara brukare som räknas', en: 'Show counted clients only' },
  clientsNote: { sv: 'Alla brukare med minst ett besök som räknas i perioden, flest personal först.', en: 'Every client with at least one counted visit in the window, most staff first.' },
  sortHint: { sv: 'Klicka på en rubrik för att sortera.', en: 'Click a heading to sort.' },
  pseudonymRandom: {
    sv: 'Brukarna visas med pseudonymer (nyckelhash, HMAC-SHA-256) från en slumpad nyckel som bara gäller den här rapporten: samma brukare får en annan pseudonym i nästa rapport. Ange --pseudonym-key (eller KONTINUITET_PSEUDONYM_KEY) för pseudonymer som går att följa mellan rapporter.',
    en: 'Clients are shown by pseudonyms (keyed hash, HMAC-SHA-256) from a random key made for this report only: the same client gets another pseudonym in the next report. Give --pseudonym-key (or KONTINUITET_PSEUDONYM_KEY) for pseudonyms that can be followed between reports.',
  },
  pseudonymKeyed: {
    sv: 'Brukarna visas med pseudonymer (nyckelhash, HMAC-SHA-256) från en given nyckel: samma nyckel ger samma pseudonym i varje rapport, och pseudonymen är början på den som kontinuitet --pseudonymise ger med samma nyckel.',
    en: 'Clients are shown by pseudonyms (keyed hash, HMAC-SHA-256) from a given key: the same key gives the same pseudonym in every report, and the pseudonym is the start of the one kontinuitet --pseudonymise gives with that key.',
  },
  rawIds: { sv: 'Brukarna visas med sina id:n ur loggen. Rapporten kan innehålla personuppgifter.', en: 'Clients are shown by their ids from the log. The report may hold personal data.' },
  rows: { sv: 'Rader', en: 'Rows' },
  rowsRead: { sv: 'lästa', en: 'read' },
  rowsUsed: { sv: 'använda (besök som räknas)', en: 'used (counted visits)' },
  rowsRejected: { sv: 'avvisade (felaktiga)', en: 'rejected (bad rows)' },
  rowsExcluded: { sv: 'uteslutna enligt reglerna', en: 'excluded by the rules' },
  accounted: { sv: 'Varje rad är redovisad: lästa = använda + avvisade + uteslutna.', en: 'Every row is accounted for: read = used + rejected + excluded.' },
  firstIssues: { sv: 'De första avvisade raderna', en: 'The first rejected rows' },
  line: { sv: 'Rad', en: 'Line' },
  column: { sv: 'Kolumn', en: 'Column' },
  code: { sv: 'Kod', en: 'Code' },
  message: { sv: 'Beskrivning', en: 'Message' },
  moreIssues: { sv: '… och {n} till', en: '… and {n} more' },
  rules: { sv: 'Regler', en: 'Rules' },
  ruleWindow: { sv: 'Period', en: 'Window' },
  ruleWindowValue: { sv: '{days} dagar', en: '{days} days' },
  ruleHours: { sv: 'Besök som räknas', en: 'Counted visits' },
  ruleHoursValue: { sv: 'start {a}–{b}', en: 'starting {a}–{b}' },
  ruleHoursOverlap: { sv: 'överlappar {a}–{b}', en: 'overlapping {a}–{b}' },
  ruleKinds: { sv: 'Insatser som inte räknas', en: 'Kinds not counted' },
  ruleKindGroup: { sv: '{name} (+ {n} synonymer)', en: '{name} (+ {n} synonyms)' },
  ruleEligible: { sv: 'Brukare som räknas', en: 'Clients counted' },
  ruleEveryDay: { sv: '≥ {n} besök varje dag', en: '≥ {n} visits every day' },
  ruleAverage: { sv: '≥ {n} besök per dag i snitt', en: '≥ {n} visits a day on average' },
  ruleAge: { sv: 'Ålder', en: 'Age' },
  ruleAgeValue: { sv: '≥ {n} år', en: '≥ {n} years' },
  ruleNoAge: { sv: 'ingen ålderskolumn: inget åldersfilter', en: 'no age column: no age filter' },
  ruleAgeOff: { sv: 'inget åldersfilter', en: 'no age filter' },
  ruleBoth: { sv: 'Dubbelbemannade besök', en: 'Double-staffed visits' },
  ruleBothValue: { sv: 'båda personalen räknas', en: 'both staff count' },
  ruleOneValue: { sv: 'bara den första personalen räknas', en: 'only the first staff member counts' },
  footer: { sv: 'Framtagen med kontinuitet. Filen är fristående: den hämtar inget från nätet.', en: 'Made with kontinuitet. The file stands alone: it fetches nothing from the network.' },
} as const;

const EXCLUSIONS = {
  outside_window: { sv: 'utanför perioderna', en: 'outside the windows' },
  window_partly_covered: { sv: 'i en period som loggen bara delvis täcker', en: 'in a window the log covers only in part' },
  excluded_kind: { sv: 'insats som inte räknas (larm, mat, HSL)', en: 'kind not counted (alarm, meals, home health care)' },
  excluded_role: { sv: 'hemsjukvårdspersonal', en: 'home health care staff' },
  outside_day_hours: { sv: 'utanför 07–22', en: 'outside 07–22' },
} as const;

const REASONS = {
  no_counted_visits: { sv: 'nej: inga besök som räknas', en: 'no: no counted visits' },
  too_few_visits_on_a_day: { sv: 'nej: < 2 besök en dag', en: 'no: < 2 visits on a day' },
  too_few_visits_on_average: { sv: 'nej: < 2 besök per dag i snitt', en: 'no: < 2 visits a day on average' },
  under_min_age: { sv: 'nej: under åldersgränsen', en: 'no: under the minimum age' },
} as const;

/** A label of the HTML report, with `{name}` placeholders filled from `vars`. */
export function reportLabel(key: keyof typeof REPORT_LABELS, lang: Lang, vars: Record<string, string | number> = {}): string {
  return REPORT_LABELS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** Why rows were excluded, for people (unknown reasons come back as they are). */
export function exclusionLabel(reason: string, lang: Lang): string {
  return (EXCLUSIONS as Record<string, Record<Lang, string>>)[reason]?.[lang] ?? reason;
}

/** Why a client is not counted, for people. */
export function reasonLabel(reason: string | null, lang: Lang): string {
  if (reason === null) return reportLabel('yes', lang);
  return (REASONS as Record<string, Record<Lang, string>>)[reason]?.[lang] ?? reason;
}
