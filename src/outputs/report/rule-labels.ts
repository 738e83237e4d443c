/**
 * The phrases that state a rule in force (the window's days, the day hours, the kinds and roles
 * left out, the visits rule, age, double staffing), and the reasons built from them: every text
 * of the outputs that states a rule comes from {@link rulePhrases}.
 *
 * @module
 */

import { EXCLUDED_KIND_SYNONYMS, EXCLUDED_ROLE_SYNONYMS, isOfficialRule, type ContinuityRules } from '../../measures/continuity/rules.js';
import { hasLabel, label, type Lang } from './labels.js';

/**
 * Why rows were excluded, for people, in the words of the rule in force (unknown reasons come
 * back as they are).
 *
 * @example
 * exclusionLabel('outside_day_hours', 'en', rulePhrases(result.rule, 'en')); // → 'outside 07–22'
 */
export function exclusionLabel(reason: string, lang: Lang, rule: RulePhrases): string {
  const key = `exclusion_${reason}`;
  return hasLabel(key) ? label(key, lang, rule) : reason;
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
  return hasLabel(key) ? label(key, lang, rule) : reason;
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
    names.push(hasLabel(key) ? label(key, lang) : name);
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

