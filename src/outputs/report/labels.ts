/**
 * The label catalogue: every text of the readable outputs (the terminal tables of the measure,
 * double staffing and routes, the Jupyter tables, the HTML report, the SVG charts and the check
 * outputs), in Swedish and English, with `{name}` placeholders. One table, one lookup
 * ({@link label}); a text used by several outputs is here once.
 *
 * @module
 */

import { EXCLUDED_KIND_SYNONYMS, EXCLUDED_ROLE_SYNONYMS, isOfficialRule, type ContinuityRules } from '../../measures/continuity/rules.js';

/**
 * Languages of the readable outputs.
 *
 * @example
 * const lang: Lang = 'sv';
 */
export type Lang = 'sv' | 'en';

const LABELS = {
  // Shared by several outputs.
  window: { sv: 'Period', en: 'Window' },
  group: { sv: 'Grupp', en: 'Group' },
  all: { sv: 'Alla', en: 'All' },
  n: { sv: 'n', en: 'n' },
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
  target: { sv: 'mål', en: 'target' },
  served: { sv: 'Brukare med insats', en: 'Clients served' },
  visitsRule: { sv: 'Brukare med {visitsRule}', en: 'Clients with {visitsRule}' },
  eligible: { sv: 'Brukare som räknas', en: 'Clients counted' },
  doubleStaffed: { sv: 'Brukare med dubbelbemanning', en: 'Clients with double staffing' },
  staffPerClient: { sv: 'Antal personal per brukare under {days}', en: 'Staff per client over {days}' },
  staffPerClientUnit: { sv: 'personal per brukare', en: 'staff per client' },
  contactShare: { sv: 'andel med kontaktperson', en: 'contact-person share' },
  visits: { sv: 'Besök', en: 'Visits' },
  doubleStaffedVisits: { sv: 'Dubbelbemannade besök', en: 'Double-staffed visits' },
  doubleStaffedHours: { sv: 'Personaltimmar vid dubbelbemanning', en: 'Staff hours on double-staffed visits' },
  hoursShare: { sv: 'andel timmar', en: 'share of hours' },
  meanWith: { sv: 'medel med', en: 'mean with' },
  meanWithout: { sv: 'medel utan', en: 'mean without' },
  recurringSlots: { sv: 'Återkommande dubbelbemannade tider', en: 'Recurring double-staffed slots' },
  kmPerVisit: { sv: 'km/besök', en: 'km/visit' },
  rows: { sv: 'Rader', en: 'Rows' },
  read: { sv: 'lästa', en: 'read' },

  // The terminal and Jupyter tables of the measure and of double staffing.
  shareAbove20Short: { sv: 'andel > 20', en: 'share > 20' },
  shareAboveTargetShort: { sv: 'andel > mål', en: 'share > target' },
  indicesMean: { sv: 'Kontinuitetsindex (medel)', en: 'Continuity indices' },
  withoutContact: { sv: 'Brukare utan angiven kontaktperson', en: 'Clients without a listed contact person' },
  used: { sv: 'använda', en: 'used' },
  rejected: { sv: 'avvisade', en: 'rejected' },
  excluded: { sv: 'uteslutna', en: 'excluded' },
  noWindows: { sv: 'Inga hela perioder i loggen.', en: 'No whole windows in the log.' },
  scopeCounted: { sv: 'besök som räknas i mätningen', en: 'visits counted by the measure' },
  scopeAll: { sv: 'alla besök, alla tider', en: 'all visits, any hour' },
  handovers: { sv: 'Överlämningar (tillsammans under {minutes} min)', en: 'Handovers (together less than {minutes} min)' },
  duplicateRegistrations: { sv: 'Dubbelregistreringar (samma personal två gånger)', en: 'Duplicate registrations (same staff twice)' },
  staffHours: { sv: 'Personaltimmar', en: 'Staff hours' },
  staffPerCountedClient: { sv: 'Antal personal per brukare som räknas', en: 'Staff per counted client' },
  withSecond: { sv: 'med andra personalen', en: 'with the second staff member' },
  withoutSecond: { sv: 'utan andra personalen', en: 'without the second staff member' },
  addedBySecond: { sv: 'tillskott av andra personalen', en: 'added by the second staff member' },
  doubleStaffedShare: { sv: 'andel dubbelbemannade', en: 'share double-staffed' },
  noSlots: { sv: 'Inga återkommande dubbelbemannade tider.', en: 'No recurring double-staffed slots.' },
  slotsWho: { sv: 'brukare och par: --format json', en: 'client and pair: --format json' },
  time: { sv: 'Tid', en: 'Time' },
  days: { sv: 'Dagar', en: 'Days' },
  pairVisits: { sv: 'Paret tillsammans', en: 'Pair together' },
  duplicatesAtLines: { sv: 'Dubbelregistreringar på rad', en: 'Duplicate registrations at lines' },

  // The routes table (src/measures/routes/table.ts).
  rt_scope: { sv: 'Omfattning', en: 'Scope' },
  rt_staffDays: { sv: 'personaldagar', en: 'staff-days' },
  rt_share: { sv: 'brukartid %', en: 'client time %' },
  rt_medianShare: { sv: 'median brukartid %', en: 'median client time %' },
  rt_travelPerVisit: { sv: 'restid min/besök', en: 'travel min/visit' },
  rt_waiting: { sv: 'väntetid h', en: 'waiting h' },
  rt_detour: { sv: 'omväg', en: 'detour' },
  rt_detourWindows: { sv: 'omväg ±fönster', en: 'detour ±win' },
  rt_saving: { sv: 'besparing h', en: 'saving h' },
  rt_savingWindows: { sv: 'besparing ±fönster h', en: 'saving ±win h' },
  rt_savingKm: { sv: 'besparing km', en: 'saving km' },
  rt_noCoords: { sv: 'dagar utan koordinater', en: 'days without coordinates' },
  rt_window: { sv: 'Fönster', en: 'Window' },
  rt_distance: { sv: 'avstånd', en: 'distance' },
  rt_haversine: { sv: 'fågelväg × omvägsfaktor', en: 'straight line × circuity' },
  rt_roads: { sv: 'vägnät', en: 'road network' },

  // The HTML report (src/outputs/report/html).
  title: { sv: 'Personalkontinuitet i hemtjänsten', en: 'Staff continuity in home care' },
  intro: {
    sv: 'Hur många olika personal en brukare möter under {days}: brukare med {visitsRule}, {countedVisits}{codes}.',
    en: 'How many different staff a client meets in {days}: clients with {visitsRule}, {countedVisits}{codes}.',
  },
  source: { sv: 'Källa', en: 'Source' },
  zone: { sv: 'Tidszon', en: 'Time zone' },
  generated: { sv: 'Skapad', en: 'Created' },
  contents: { sv: 'Innehåll', en: 'Contents' },
  headline: { sv: 'Nyckeltal', en: 'Key figures' },
  trend: { sv: 'Utveckling', en: 'Trend' },
  distribution: { sv: 'Fördelning', en: 'Distribution' },
  groups: { sv: 'Grupper', en: 'Groups' },
  staffing: { sv: 'Dubbelbemanning', en: 'Double staffing' },
  indices: { sv: 'Kontinuitetsindex', en: 'Continuity indices' },
  routes: { sv: 'Körvägar', en: 'Routes' },
  routesIntro: {
    sv: 'Varje medarbetares dag som en rutt: andel av arbetstiden hos brukare (brukartid), restid och sträcka per besök, och omvägskvoten = restid i den körda ordningen ÷ restid i bästa ordningen av samma besök (fritt, och med varje besök inom ±{minutes} min från sin faktiska tid), med möjlig besparing.',
    en: "Each staff member's day as a route: the share of working time with clients (brukartid), travel time and distance per visit, and the detour ratio = travel in the order driven ÷ travel in the best order of the same stops (free, and with each visit within ±{minutes} min of its actual time), with the possible saving.",
  },
  r_staffDays: { sv: 'Arbetsdagar', en: 'Staff-days' },
  r_clientTime: { sv: 'Brukartid', en: 'Client time' },
  r_travelPerVisit: { sv: 'Restid/besök (min)', en: 'Travel/visit (min)' },
  r_detour: { sv: 'Omväg (fri)', en: 'Detour (free)' },
  r_detourWindows: { sv: 'Omväg (±{minutes} min)', en: 'Detour (±{minutes} min)' },
  r_savingHours: { sv: 'Besparing h (fri)', en: 'Saving h (free)' },
  r_savingHoursWindows: { sv: 'Besparing h (±{minutes} min)', en: 'Saving h (±{minutes} min)' },
  indicesIntro: {
    sv: 'Hur samlade besöken är hos brukare som räknas (0–1, högre är mer kontinuitet): UPC = andel besök av den vanligaste personalen, COC (Bice–Boxerman), SECON = andel på varandra följande besök med samma personal, HHI = koncentration, MMCI. Andel med kontaktperson = andel besök där brukarens kontaktperson var med.',
    en: 'How concentrated the visits of counted clients are (0–1, higher is more continuity): UPC = share of visits by the usual staff member, COC (Bice–Boxerman), SECON = share of consecutive visits by the same staff, HHI = concentration, MMCI. Contact-person share = share of visits at which the client\'s contact person was present.',
  },
  index: { sv: 'Index', en: 'Index' },
  withoutContactNote: { sv: '{n} brukare har ingen angiven kontaktperson (ingår inte i andelen).', en: '{n} clients have no listed contact person (not in the share).' },
  clients: { sv: 'Brukare', en: 'Clients' },
  whatWasRead: { sv: 'Vad som lästes', en: 'What was read' },
  shareAbove20: { sv: 'Andel som mött fler än 20', en: 'Share who met more than 20' },
  shareAboveTarget: { sv: 'Andel över målet', en: 'Share above the target' },
  ofServed: { sv: 'av {n} med insats', en: 'of {n} served' },
  visitsRuleCount: { sv: '{n} med {visitsRule}', en: '{n} with {visitsRule}' },
  targetValue: { sv: 'mål {v}', en: 'target {v}' },
  withinTarget: { sv: 'inom målet', en: 'within the target' },
  aboveTarget: { sv: 'över målet', en: 'above the target' },
  change: { sv: '{d} jämfört med {p}', en: '{d} since {p}' },
  trendTable: { sv: 'Perioderna i siffror', en: 'The windows in figures' },
  countedCol: { sv: 'Räknas', en: 'Counted' },
  servedCol: { sv: 'Med insats', en: 'Served' },
  above20: { sv: '> 20', en: '> 20' },
  aboveTargetShort: { sv: '> mål', en: '> target' },
  noWindowsReport: { sv: 'Loggen täcker ingen hel period, så det finns inga nyckeltal.', en: 'The log covers no whole window, so there are no figures.' },
  noStaffing: { sv: 'Inga dubbelbemannade besök i perioden.', en: 'No double-staffed visits in the window.' },
  ofVisits: { sv: '{p} av {n} besök', en: '{p} of {n} visits' },
  ofHours: { sv: '{p} av {n} timmar', en: '{p} of {n} hours' },
  priceInContinuity: { sv: 'Medel personal per brukare med / utan andra personalen', en: 'Mean staff per client with / without the second staff member' },
  addedBySecondValue: { sv: 'tillskott i medel {m}, som mest {x}', en: 'added on average {m}, at most {x}' },
  handoversDuplicates: { sv: 'Överlämningar / dubbelregistreringar', en: 'Handovers / duplicate registrations' },
  dsShare: { sv: 'Andel dubbelbem.', en: 'Share double-staffed' },
  withDs: { sv: 'Med dubbelbem.', en: 'With double staffing' },
  client: { sv: 'Brukare', en: 'Client' },
  staff: { sv: 'Personal', en: 'Staff' },
  dsVisits: { sv: 'Dubbelbem. besök', en: 'Double-staffed visits' },
  addedBySecondShort: { sv: 'Tillskott andra personal', en: 'Added by second staff' },
  yes: { sv: 'ja', en: 'yes' },
  onlyCounted: { sv: 'Visa bara brukare som räknas', en: 'Show counted clients only' },
  clientsNote: { sv: 'Alla brukare med minst ett besök som räknas i perioden, flest personal först.', en: 'Every client with at least one counted visit in the window, most staff first.' },
  sortHint: { sv: 'Klicka på en rubrik för att sortera.', en: 'Click a heading to sort.' },
  groupFilter: { sv: 'Grupp', en: 'Group' },
  allGroups: { sv: 'Alla grupper', en: 'All groups' },
  groupsOverTime: { sv: 'Grupper över tid', en: 'Groups over time' },
  groupsOverTimeNote: {
    sv: 'Medelvärdet av personal per brukare som räknas, per grupp och period, på samma skala i alla grupper; streckad linje: målet, prickad: 20.',
    en: 'The mean staff per counted client, per group and window, on the same scale in every group; dashed line: the target, dotted: 20.',
  },
  latest: { sv: 'senast', en: 'latest' },
  pseudonymRandom: {
    sv: 'Brukarna visas med pseudonymer (nyckelhash, HMAC-SHA-256) från en slumpad nyckel som bara gäller den här rapporten: samma brukare får en annan pseudonym i nästa rapport. Ange --pseudonym-key (eller KONTINUITET_PSEUDONYM_KEY) för pseudonymer som går att följa mellan rapporter.',
    en: 'Clients are shown by pseudonyms (keyed hash, HMAC-SHA-256) from a random key made for this report only: the same client gets another pseudonym in the next report. Give --pseudonym-key (or KONTINUITET_PSEUDONYM_KEY) for pseudonyms that can be followed between reports.',
  },
  pseudonymKeyed: {
    sv: 'Brukarna visas med pseudonymer (nyckelhash, HMAC-SHA-256) från en given nyckel: samma nyckel ger samma pseudonym i varje rapport, och pseudonymen är början på den som kontinuitet --pseudonymise ger med samma nyckel.',
    en: 'Clients are shown by pseudonyms (keyed hash, HMAC-SHA-256) from a given key: the same key gives the same pseudonym in every report, and the pseudonym is the start of the one kontinuitet --pseudonymise gives with that key.',
  },
  rawIds: { sv: 'Brukarna visas med sina id:n ur loggen. Rapporten kan innehålla personuppgifter.', en: 'Clients are shown by their ids from the log. The report may hold personal data.' },
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
  ruleHours: { sv: 'Besök som räknas', en: 'Counted visits' },
  ruleKinds: { sv: 'Insatser som inte räknas', en: 'Kinds not counted' },
  ruleKindGroup: { sv: '{name} (+ {n} synonymer)', en: '{name} (+ {n} synonyms)' },
  ruleAge: { sv: 'Ålder', en: 'Age' },
  noAge: { sv: 'ingen ålderskolumn: inget åldersfilter', en: 'no age column: no age filter' },
  footer: { sv: 'Framtagen med kontinuitet. Filen är fristående: den hämtar inget från nätet.', en: 'Made with kontinuitet. The file stands alone: it fetches nothing from the network.' },

  // Why rows were excluded (`rows.excluded` of a result), for people; `{…}` are the rule's phrases (rulePhrases).
  exclusion_outside_window: { sv: 'utanför perioderna', en: 'outside the windows' },
  exclusion_window_partly_covered: { sv: 'i en period som loggen bara delvis täcker', en: 'in a window the log covers only in part' },
  exclusion_before_series: { sv: 'före seriens första period (högst maxWindows perioder)', en: 'before the series’ first window (at most maxWindows windows)' },
  exclusion_excluded_kind: { sv: 'insats som inte räknas ({kinds})', en: 'kind not counted ({kinds})' },
  exclusion_excluded_role: { sv: 'personal som inte räknas ({roles})', en: 'staff not counted ({roles})' },
  issue_field_count: { sv: 'fel antal fält', en: 'wrong number of fields' },
  issue_missing_value: { sv: 'värde saknas', en: 'value missing' },
  issue_time_format: { sv: 'tid i okänt format', en: 'time in an unknown format' },
  issue_time_out_of_range: { sv: 'tid som inte finns i kalendern', en: 'time not in the calendar' },
  issue_time_nonexistent: { sv: 'klockslag som inte finns (sommartid)', en: 'clock time that does not exist (daylight saving)' },
  issue_end_before_start: { sv: 'slut före start', en: 'end before start' },
  issue_time_implausible: { sv: 'orimlig tid', en: 'implausible time' },
  issue_visit_too_long: { sv: 'orimligt långt besök', en: 'implausibly long visit' },
  issue_bad_number: { sv: 'inte ett tal', en: 'not a number' },
  issue_bad_date: { sv: 'inte ett datum', en: 'not a date' },
  issue_bad_quote: { sv: 'felaktigt citattecken', en: 'bad quote' },
  issue_bad_value: { sv: 'ogiltigt värde', en: 'value not allowed' },
  moreRejected: { sv: '… {n} till', en: '… {n} more' },
  reference: { sv: 'Jämfört med riket', en: 'Beside the nation' },
  ref_what: { sv: 'Vad', en: 'What' },
  ref_mean: { sv: 'medel', en: 'mean' },
  ref_median: { sv: 'median', en: 'median' },
  ref_shareAbove20: { sv: 'andel > 20', en: 'share > 20' },
  ref_measured: { sv: 'Mätt i loggen', en: 'Measured in the log' },
  ref_peers: { sv: 'Liknande kommuner, äldreomsorg', en: 'Similar municipalities, elderly care' },
  ref_nation: { sv: 'Riket', en: 'Nation' },
  ref_quartiles: { sv: 'Mittersta hälften av kommunerna', en: 'Middle half of the municipalities' },
  ref_note: {
    sv: 'De publicerade värdena (Kolada U21401, U21402, U21436, {year}) kommer från kommunernas årliga mätning, inte från samma {days} som loggen: jämför nivåer, inte enskilda tiondelar. Källa: Kolada (RKA).',
    en: 'The published values (Kolada U21401, U21402, U21436, {year}) come from the municipalities\' yearly survey, not from the same {days} as the log: compare levels, not tenths. Source: Kolada (RKA).',
  },
  explain: { sv: 'Varför så många?', en: 'Why so many?' },
  ex_intro: {
    sv: 'Varje personal som en brukare mötte räknas i den första kategori som stämmer, så kategorierna summerar till medelvärdet: kontaktpersonen, ordinarie (minst {regular} av brukarens besök), bara vid dubbelbemanning, bara helger, bara kvällar (från {evening}) och tillfälliga.',
    en: 'Every staff member a client met counts in the first category that applies, so the categories add up to the mean: the contact person, regulars (at least {regular} of the client\'s visits), only at double-staffed visits, only at weekends, only in the evening (from {evening}) and occasional.',
  },
  ex_staff: { sv: 'personal (medel)', en: 'staff (mean)' },
  ex_contact: { sv: 'kontaktperson', en: 'contact person' },
  ex_regular: { sv: 'ordinarie', en: 'regulars' },
  ex_doubleOnly: { sv: 'bara dubbelbemanning', en: 'double staffing only' },
  ex_weekendOnly: { sv: 'bara helger', en: 'weekends only' },
  ex_eveningOnly: { sv: 'bara kvällar', en: 'evenings only' },
  ex_occasional: { sv: 'tillfälliga', en: 'occasional' },
  ex_regularShare: { sv: 'besök av ordinarie', en: 'visits by regulars' },
  ex_contactShare: { sv: 'besök av kontaktperson', en: 'visits by the contact person' },
  ex_oneStaff: { sv: 'med en personal per dubbelbesök', en: 'one staff per double visit' },
  ex_floor: { sv: 'bara kontaktperson och ordinarie', en: 'contact and regulars only' },
  ex_counterfactuals: {
    sv: 'De två sista kolumnerna räknas om med den officiella regeln: medelvärdet om bara en personal räknades vid dubbelbemannade besök, och om varje brukare bara mötte sin kontaktperson och sina ordinarie (ett golv att sikta mot, inte ett löfte).',
    en: 'The last two columns are recomputed by the official rule: the mean if one staff member counted at each double-staffed visit, and if every client met only their contact person and regulars (a floor to aim at, not a promise).',
  },
  koladaCodes: { sv: ' (Kolada U21401 medel, U21402 median, U21436 andel över 20)', en: ' (Kolada U21401 mean, U21402 median, U21436 share above 20)' },
  role_hsl: { sv: 'hemsjukvårdspersonal', en: 'home health care staff' },
  exclusion_outside_day_hours: { sv: '{outsideHours}', en: '{outsideHours}' },

  // Why a client is not counted (`reason` of a client), for people; `{…}` are the rule's phrases (rulePhrases).
  reason_no_counted_visits: { sv: 'nej: inga besök som räknas', en: 'no: no counted visits' },
  reason_too_few_visits_on_a_day: { sv: 'nej: {fewerVisits}', en: 'no: {fewerVisits}' },
  reason_too_few_visits_on_average: { sv: 'nej: {fewerVisits}', en: 'no: {fewerVisits}' },
  reason_under_min_age: { sv: 'nej: {younger}', en: 'no: {younger}' },

  // The SVG charts (src/outputs/report/svg).
  staffMet: { sv: 'Antal personal under {days}', en: 'Staff met in {days}' },
  clientsAxis: { sv: 'Antal brukare', en: 'Clients' },
  q1q3: { sv: 'mittersta hälften (q1–q3)', en: 'middle half (q1–q3)' },
  noClients: { sv: 'Inga brukare som räknas', en: 'No counted clients' },
  noWindowsChart: { sv: 'Inga hela perioder', en: 'No whole windows' },
  histTitle: { sv: 'Fördelning: personal per brukare', en: 'Distribution: staff per client' },
  histDesc: {
    sv: 'Stapeldiagram över brukare som räknas, efter hur många olika personal de mött under {days}.',
    en: 'Bar chart of counted clients by the number of different staff they met in {days}.',
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

  // The check outputs (src/outputs/check): what each target limits and each baseline figure is; the column heads.
  check_mean: { sv: 'medel personal per brukare', en: 'mean staff per client' },
  check_median: { sv: 'median personal per brukare', en: 'median staff per client' },
  check_shareAbove20: { sv: 'andel brukare med fler än 20 personal', en: 'share of clients above 20 staff' },
  check_maxStaff: { sv: 'personal hos en enskild brukare', en: 'staff for any one client' },
  check_mostStaff: { sv: 'flest personal hos en brukare', en: 'most staff for one client' },
  check_contactShare: { sv: 'andel besök med kontaktperson', en: 'contact-person share of visits' },
  check_rejectedShare: { sv: 'andel avvisade rader', en: 'share of rejected rows' },
  check_scope: { sv: 'omfattning', en: 'scope' },
  check_value: { sv: 'värde', en: 'value' },
  check_limit: { sv: 'gräns', en: 'limit' },
  check_margin: { sv: 'marginal', en: 'margin' },
  check_figure: { sv: 'mått', en: 'figure' },
  check_baseline: { sv: 'baslinje', en: 'baseline' },
  check_now: { sv: 'nu', en: 'now' },
  check_change: { sv: 'förändring', en: 'change' },
  check_tolerance: { sv: 'tolerans', en: 'tolerance' },
  // The terminal tables of explain and compare (src/outputs/explain/table.ts).
  xt_window: { sv: 'Period {from} – {to}: {clients} brukare räknas, medel {staff} personal', en: 'Window {from} – {to}: {clients} counted clients, mean {staff} staff' },
  xt_byCategory: { sv: 'Medel personal per brukare som räknas, efter varför de möttes (kategorierna summerar till medlet):', en: 'Mean staff per counted client by why they met them (the categories add up to the mean):' },
  xt_newFacesSince: { sv: 'Nya ansikten: personal som inte mötts {from} – {to}.', en: 'New faces: staff not met {from} – {to}.' },
  xt_newFacesUnknown: { sv: 'Nya ansikten: okänt (loggen når inte tillbaka till {from}).', en: 'New faces: not known (the log does not reach back to {from}).' },
  xt_withoutContact: { sv: 'Brukare utan angiven kontaktperson: {n} (utanför kontaktpersonens andel).', en: 'Clients without a contact person listed: {n} (left out of the contact share).' },
  xt_mostStaff: { sv: 'Brukare, flest personal först ({n} av {of}):', en: 'Clients, most staff first ({n} of {of}):' },
  xt_rows: { sv: 'Rader: {read} lästa, {used} räknade, {rejected} avvisade, {excluded} undantagna.', en: 'Rows: {read} read, {used} counted, {rejected} rejected, {excluded} excluded.' },
  xt_rule: { sv: 'Ordinarie: ≥ {regular} räknade besök; kväll: från {evening}; golv: bara kontaktperson och ordinarie (inget löfte).', en: 'Regular: ≥ {regular} counted visits; evening: from {evening}; floor: only the contact person and regulars (not a promise).' },
  xt_noWindow: { sv: 'Ingen period: loggen täcker ingen hel period.', en: 'No window: the log covers no whole window.' },
  xt_clients: { sv: 'brukare', en: 'clients' },
  xt_staff: { sv: 'personal', en: 'staff' },
  xt_client: { sv: 'brukare', en: 'client' },
  xt_group: { sv: 'grupp', en: 'group' },
  xt_visits: { sv: 'besök', en: 'visits' },
  xt_contact: { sv: 'kontakt', en: 'contact' },
  xt_regular: { sv: 'ordinarie', en: 'regular' },
  xt_doubleOnly: { sv: 'bara dubbel', en: 'double only' },
  xt_weekendOnly: { sv: 'bara helg', en: 'weekend only' },
  xt_eveningOnly: { sv: 'bara kväll', en: 'evening only' },
  xt_occasional: { sv: 'tillfällig', en: 'occasional' },
  xt_newFaces: { sv: 'nya ansikten', en: 'new faces' },
  xt_oneStaff: { sv: 'en per besök', en: 'one staff' },
  xt_floor: { sv: 'golv', en: 'floor' },
  xt_contactShare: { sv: 'kontaktpers. andel', en: 'contact share' },
  xt_regularShare: { sv: 'ordinaries andel', en: 'regular share' },
  xt_all: { sv: 'alla', en: 'all' },
  xt_line: { sv: 'rad {line}', en: 'line {line}' },
  xt_notMet: { sv: 'inte mött', en: 'not met' },
  xt_before: { sv: 'före', en: 'before' },
  xt_after: { sv: 'efter', en: 'after' },
  xt_change: { sv: 'förändring', en: 'change' },
  xt_compareWindow: { sv: 'Period {from} – {to}: medel personal {before} → {after} ({change}); brukare som räknas {clientsBefore} → {clientsAfter}', en: 'Window {from} – {to}: mean staff {before} → {after} ({change}); counted clients {clientsBefore} → {clientsAfter}' },
  xt_noCommonWindow: { sv: 'Ingen period som båda loggarna har.', en: 'No window both logs report.' },
  xt_becameCounted: { sv: 'Började räknas: {became}; slutade räknas: {stopped}.', en: 'Became counted: {became}; stopped being counted: {stopped}.' },
  xt_countedVisits: { sv: 'Räknade besök: {before} före, {after} efter; {matched} i båda, {onlyBefore} bara före, {onlyAfter} bara efter.', en: 'Counted visits: {before} before, {after} after; {matched} in both, {onlyBefore} only before, {onlyAfter} only after.' },
  xt_in: { sv: 'i', en: 'in' },
  xt_start: { sv: 'start', en: 'start' },
  xt_end: { sv: 'slut', en: 'end' },
  xt_more: { sv: '… och {n} till (JSON listar de första {listed}).', en: '… and {n} more (the JSON lists the first {listed}).' },
  xt_moves: { sv: 'Personal som bytt kategori: {moves}.', en: 'Staff moved between categories: {moves}.' },
  xt_status: { sv: 'status', en: 'status' },
  xt_staffBefore: { sv: 'personal före', en: 'staff before' },
  xt_staffAfter: { sv: 'personal efter', en: 'staff after' },
  xt_moved: { sv: 'bytt', en: 'moved' },
  xt_status_both: { sv: 'båda', en: 'both' },
  xt_status_became: { sv: 'började', en: 'became' },
  xt_status_stopped: { sv: 'slutade', en: 'stopped' },
  xt_unpaired: { sv: 'Perioder i bara en logg: före {before}; efter {after}.', en: 'Windows in one log only: before {before}; after {after}.' },
  xt_rowsCompare: { sv: 'Rader före: {before}; efter: {after}.', en: 'Rows before: {before}; after: {after}.' },
  xt_pp: { sv: 'p.e.', en: 'pp' },
  xt_rowsOne: { sv: '{read} lästa, {used} räknade, {rejected} avvisade', en: '{read} read, {used} counted, {rejected} rejected' },

  // The rule in force (rulePhrases): each text that states a rule is built from these.
  nDays: { sv: '{n} dagar', en: '{n} days' },
  nDaysOne: { sv: '{n} dag', en: '{n} day' },
  nVisits: { sv: '{n} besök', en: '{n} visits' },
  nVisitsOne: { sv: '{n} besök', en: '{n} visit' },
  hoursStart: { sv: 'start {hours}', en: 'starting {hours}' },
  hoursOverlap: { sv: 'överlappar {hours}', en: 'overlapping {hours}' },
  visitsInHours: { sv: 'besök {hours}', en: 'visits {hours}' },
  visitsOverlappingHours: { sv: 'besök som överlappar {hours}', en: 'visits overlapping {hours}' },
  outsideHours: { sv: 'utanför {hours}', en: 'outside {hours}' },
  whollyOutsideHours: { sv: 'helt utanför {hours}', en: 'wholly outside {hours}' },
  withoutKinds: { sv: 'utan {kinds}', en: 'without {kinds}' },
  kind_trygghetslarm: { sv: 'trygghetslarm', en: 'safety alarms' },
  kind_matleverans: { sv: 'matleverans', en: 'meal deliveries' },
  kind_hsl: { sv: 'hemsjukvård', en: 'home health care' },
  and: { sv: 'och', en: 'and' },
  visitsEveryDay: { sv: '≥ {visits} varje dag', en: '≥ {visits} every day' },
  visitsOnAverage: { sv: 'i snitt ≥ {visits} om dagen', en: '≥ {visits} a day on average' },
  fewerVisitsOnADay: { sv: '< {visits} en dag', en: '< {visits} on a day' },
  fewerVisitsOnAverage: { sv: 'i snitt < {visits} om dagen', en: '< {visits} a day on average' },
  ageAtLeast: { sv: '≥ {n} år', en: '≥ {n} years' },
  ageOff: { sv: 'inget åldersfilter', en: 'no age filter' },
  ageClause: { sv: 'ålder {age}', en: 'age {age}' },
  younger: { sv: 'yngre än {n} år', en: 'younger than {n}' },
  bothStaff: { sv: 'båda personalen räknas', en: 'both staff count' },
  firstStaff: { sv: 'bara den första personalen räknas', en: 'only the first staff member counts' },
  rulesSummary: {
    sv: 'Regler ({preset}): {days}; {countedVisits}; brukare med {visitsRule}, {age}; {staff}',
    en: 'Rules ({preset}): {days}; {countedVisits}; clients with {visitsRule}, {age}; {staff}',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/**
 * A key of the label catalogue.
 *
 * @example
 * const key: LabelKey = 'eligible';
 */
export type LabelKey = keyof typeof LABELS;

/**
 * The text of a key in a language, with `{name}` placeholders filled from `vars` (a missing one is
 * left as it is).
 *
 * @example
 * label('ofServed', 'sv', { n: 12 }); // → 'av 12 med insats'
 */
export function label(key: LabelKey, lang: Lang, vars: Readonly<Record<string, string | number>> = {}): string {
  return LABELS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/**
 * A text with its first letter in upper case: a label that starts a heading or a card
 * (`capital(label('mean', 'sv'))` → `'Medel'`).
 *
 * @example
 * capital('andel timmar'); // → 'Andel timmar'
 */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Why rows were excluded, for people, in the words of the rule in force (unknown reasons come
 * back as they are).
 *
 * @example
 * exclusionLabel('outside_day_hours', 'en', rulePhrases(result.rule, 'en')); // → 'outside 07–22'
 */
export function exclusionLabel(reason: string, lang: Lang, rule: RulePhrases): string {
  const key = `exclusion_${reason}`;
  return key in LABELS ? label(key as LabelKey, lang, rule) : reason;
}

/**
 * Why a row was rejected, for people (`time_out_of_range` → `tid som inte finns i kalendern` /
 * `time not in the calendar`); unknown codes come back as they are.
 *
 * @example
 * issueLabel('end_before_start', 'sv'); // → 'slut före start'
 */
export function issueLabel(code: string, lang: Lang): string {
  const key = `issue_${code}`;
  return key in LABELS ? label(key as LabelKey, lang) : code;
}

/**
 * Why a client is not counted, for people, in the words of the rule in force (`null`: counted, "yes").
 *
 * @example
 * reasonLabel('too_few_visits_on_average', 'sv', rulePhrases(result.rule, 'sv')); // → 'nej: i snitt < 2 besök om dagen'
 */
export function reasonLabel(reason: string | null, lang: Lang, rule: RulePhrases): string {
  if (reason === null) return label('yes', lang);
  const key = `reason_${reason}`;
  return key in LABELS ? label(key as LabelKey, lang, rule) : reason;
}

/**
 * The rules a result was measured with, as far as its texts state them: `ContinuityResult.rule`
 * and `StaffingResult.rule` are such objects.
 *
 * @example
 * const rule: StatedRule = resolveRules({ preset: 'ange' });
 */
export type StatedRule = ContinuityRules;

/**
 * The phrases that state a rule, in one language (see {@link rulePhrases}).
 *
 * @example
 * const { days, visitsRule }: RulePhrases = rulePhrases(result.rule, 'sv'); // '14 dagar', '≥ 2 besök varje dag'
 */
export type RulePhrases = {
  /** The preset the rules started from: `kolada`, `ange`. */
  preset: string;
  /** The window: `14 dagar` / `14 days`. */
  days: string;
  /** The day hours: `07–22`; `06:30–21:00` when either end is not on the hour. */
  hours: string;
  /** Which rows count by the hours: `start 07–22` / `starting 07–22`, or `överlappar 07–22` / `overlapping 07–22`. */
  countedHours: string;
  /** Kinds not counted: `trygghetslarm, matleverans och hemsjukvård` / `safety alarms, meal deliveries and home health care`; `''` when none. */
  kinds: string;
  /** Staff roles not counted: `hemsjukvårdspersonal` / `home health care staff` (+ other roles as written); `''` when none. */
  roles: string;
  /** The official indicator's codes, ` (Kolada U21401 mean, U21402 median, U21436 share above 20)`, when the rules are the official ones ({@link isOfficialRule}); `''` under any other rule. */
  codes: string;
  /** The counted visits: `besök 07–22, utan trygghetslarm, matleverans och hemsjukvård` / `visits 07–22, without safety alarms, …`. */
  countedVisits: string;
  /** Rows left out by the hours: `utanför 07–22` / `outside 07–22` (`helt utanför` / `wholly outside` when overlapping counts). */
  outsideHours: string;
  /** The visits rule: `≥ 2 besök varje dag` / `≥ 2 visits every day`; averaged: `i snitt ≥ 2 besök om dagen` / `≥ 2 visits a day on average`. */
  visitsRule: string;
  /** A client short of it: `< 2 besök en dag` / `< 2 visits on a day`; averaged: `i snitt < 2 besök om dagen` / `< 2 visits a day on average`. */
  fewerVisits: string;
  /** The age filter: `≥ 65 år` / `≥ 65 years`, or `inget åldersfilter` / `no age filter`. */
  age: string;
  /** A client under it: `yngre än 65 år` / `younger than 65` (`''` without the filter). */
  younger: string;
  /** Double-staffed visits: `båda personalen räknas` / `both staff count`, or only the first staff member. */
  staff: string;
  /** All of it in one line: `Regler (kolada): 14 dagar; besök 07–22, utan …; brukare med ≥ 2 besök varje dag, ålder ≥ 65 år; båda personalen räknas`. */
  summary: string;
};

/** Minutes after midnight as `07` (on the hour, `short`) or `07:00`. */
function clockAt(minute: number, short: boolean): string {
  const h = String(Math.floor(minute / 60)).padStart(2, '0');
  return short ? h : `${h}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * The day hours `start`–`end` (minutes after local midnight): `07–22` when both are on the hour,
 * else both with minutes, `06:30–21:00`.
 *
 * @example
 * hoursLabel(420, 1320); // → '07–22'
 */
export function hoursLabel(start: number, end: number): string {
  const short = start % 60 === 0 && end % 60 === 0;
  return `${clockAt(start, short)}–${clockAt(end, short)}`;
}

/**
 * A number of days: `14 dagar`, `1 dag` / `14 days`, `1 day`.
 *
 * @example
 * daysLabel(7, 'sv'); // → '7 dagar'
 */
export function daysLabel(days: number, lang: Lang): string {
  return label(days === 1 ? 'nDaysOne' : 'nDays', lang, { n: days });
}

/** `a, b och c` / `a, b and c`. */
function listLabel(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${label('and', lang)} ${items[items.length - 1]!}`;
}

/** Excluded roles for people: home health care staff when all its synonyms are left out, the rest as written. */
function rolesLabel(roles: readonly string[], lang: Lang): string {
  const all = EXCLUDED_ROLE_SYNONYMS.every((r) => roles.includes(r));
  const rest = all ? roles.filter((r) => !EXCLUDED_ROLE_SYNONYMS.includes(r)) : roles;
  return listLabel([...(all ? [label('role_hsl', lang)] : []), ...rest], lang);
}

/** Excluded kinds for people: a whole synonym group by its name (`trygghetslarm`, `safety alarms`), the rest as written. */
function kindsLabel(kinds: readonly string[], lang: Lang): string {
  const left = new Set(kinds);
  const names: string[] = [];
  for (const [name, synonyms] of Object.entries(EXCLUDED_KIND_SYNONYMS)) {
    if (!synonyms.every((k) => left.has(k))) continue;
    for (const k of synonyms) left.delete(k);
    const key = `kind_${name}`;
    names.push(key in LABELS ? label(key as LabelKey, lang) : name);
  }
  return listLabel([...names, ...left], lang);
}

/**
 * The phrases that state a result's rule, in a language: the window's days, the day hours and
 * which rows they count, the kinds left out, the visits rule (every day, or on average under
 * `ange`), the age filter and the double-staffing rule, and all of them in one line. Every text
 * of the outputs that states a rule is built from these.
 *
 * @example
 * rulePhrases(resolveRules({ preset: 'ange' }), 'sv').visitsRule; // → 'i snitt ≥ 2 besök om dagen'
 * rulePhrases(resolveRules({ dayStartMinute: 390, dayEndMinute: 1260 }), 'en').outsideHours; // → 'outside 06:30–21:00'
 */
export function rulePhrases(rule: StatedRule, lang: Lang): RulePhrases {
  const hours = hoursLabel(rule.dayStartMinute, rule.dayEndMinute);
  const overlap = rule.inWindowBy === 'overlap';
  const kinds = kindsLabel(rule.excludedKinds, lang);
  const roles = rolesLabel(rule.excludedRoles, lang);
  const visits = label(rule.minVisitsPerDay === 1 ? 'nVisitsOne' : 'nVisits', lang, { n: rule.minVisitsPerDay });
  const average = rule.dailyRule === 'average';
  const age = rule.minAge === null ? label('ageOff', lang) : label('ageAtLeast', lang, { n: rule.minAge });
  const phrases: Omit<RulePhrases, 'summary'> = {
    preset: rule.preset,
    days: daysLabel(rule.days, lang),
    hours,
    countedHours: label(overlap ? 'hoursOverlap' : 'hoursStart', lang, { hours }),
    kinds,
    roles,
    codes: isOfficialRule(rule) ? label('koladaCodes', lang) : '',
    countedVisits: [label(overlap ? 'visitsOverlappingHours' : 'visitsInHours', lang, { hours }), ...(kinds === '' ? [] : [label('withoutKinds', lang, { kinds })])].join(', '),
    outsideHours: label(overlap ? 'whollyOutsideHours' : 'outsideHours', lang, { hours }),
    visitsRule: label(average ? 'visitsOnAverage' : 'visitsEveryDay', lang, { visits }),
    fewerVisits: label(average ? 'fewerVisitsOnAverage' : 'fewerVisitsOnADay', lang, { visits }),
    age,
    younger: rule.minAge === null ? '' : label('younger', lang, { n: rule.minAge }),
    staff: label(rule.countBothStaff ? 'bothStaff' : 'firstStaff', lang),
  };
  const summary = label('rulesSummary', lang, { ...phrases, age: rule.minAge === null ? age : label('ageClause', lang, { age }) });
  return { ...phrases, summary };
}

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
