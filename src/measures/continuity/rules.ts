import { KontinuitetError } from '../../errors.js';
import { normaliseHeader } from '../../read/columns.js';

/**
 * The rules of the 14-day staff-continuity measure. The preset `kolada` is the official
 * indicator (Kolada U21401/U21402/U21436); every rule can be changed.
 *
 * @example
 * resolveRules({ preset: 'kolada', countBothStaff: false }).minVisitsPerDay; // → 2
 */
export interface ContinuityRules {
  /** Which preset the rules started from. */
  preset: 'kolada' | 'ange';
  /** Number of local calendar days in a window. Default 14. */
  days: number;
  /** Counted visits start at or after this local minute of the day. Default 420 (07:00). */
  dayStartMinute: number;
  /** … and before this one. Default 1320 (22:00). */
  dayEndMinute: number;
  /** `'start'` (default): a row counts when it starts inside the day hours; `'overlap'`: when it overlaps them. */
  inWindowBy: 'start' | 'overlap';
  /** Kinds of service that do not count, matched on their first word after normalising (see {@link kindMatches}). Default: safety alarm, meal delivery, home health care, with synonyms. */
  excludedKinds: string[];
  /** Staff roles that do not count. Default: home health care staff (hsl, nurses, therapists). */
  excludedRoles: string[];
  /** Counted visits a client needs per day. Default 2. */
  minVisitsPerDay: number;
  /** `'every-day'` (kolada): at least `minVisitsPerDay` on each day; `'average'` (ange): on average over the window. */
  dailyRule: 'every-day' | 'average';
  /** Minimum age at the window start, when an age or birth date is known. Default 65; `null` turns the filter off. */
  minAge: number | null;
  /** Both staff of a double-staffed visit count towards the client's staff (default true). When false, only the visit's first staff member (earliest start, then end, then staff id) counts. */
  countBothStaff: boolean;
  /** Two staff overlapping less than this many minutes at one visit are a handover, not double staffing. Default 5. */
  handoverMinutes: number;
}

/**
 * Kind synonyms behind the default exclusions (normalised: lower case, å/ä → a, ö → o).
 *
 * @example
 * EXCLUDED_KIND_SYNONYMS.matleverans.includes('matdistribution'); // → true
 */
export const EXCLUDED_KIND_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  trygghetslarm: ['trygghetslarm', 'larm', 'alarm', 'safety_alarm', 'larmutryckning', 'larmatgard', 'trygghetslarmsutryckning'],
  matleverans: ['matleverans', 'matdistribution', 'matdistr', 'meal', 'meal_delivery', 'matlada', 'matleveranser', 'matutkorning'],
  hsl: ['hsl', 'hemsjukvard', 'hemsjukvardsinsats', 'home_health_care', 'sjukvardsinsats', 'hso'],
};

/**
 * Role synonyms of home health care staff (hemsjukvård).
 *
 * @example
 * EXCLUDED_ROLE_SYNONYMS.includes('sjukskoterska'); // → true
 */
export const EXCLUDED_ROLE_SYNONYMS: readonly string[] = [
  'hsl', 'hemsjukvard', 'sjukskoterska', 'distriktsskoterska', 'sjukskoterskor', 'ssk', 'dsk', 'arbetsterapeut', 'fysioterapeut', 'sjukgymnast', 'nurse',
];

const PRESETS: Record<ContinuityRules['preset'], ContinuityRules> = {
  kolada: {
    preset: 'kolada', days: 14, dayStartMinute: 420, dayEndMinute: 1320, inWindowBy: 'start',
    excludedKinds: Object.values(EXCLUDED_KIND_SYNONYMS).flat(), excludedRoles: [...EXCLUDED_ROLE_SYNONYMS],
    minVisitsPerDay: 2, dailyRule: 'every-day', minAge: 65, countBothStaff: true, handoverMinutes: 5,
  },
  ange: {
    preset: 'ange', days: 14, dayStartMinute: 420, dayEndMinute: 1320, inWindowBy: 'start',
    excludedKinds: Object.values(EXCLUDED_KIND_SYNONYMS).flat(), excludedRoles: [...EXCLUDED_ROLE_SYNONYMS],
    minVisitsPerDay: 2, dailyRule: 'average', minAge: 65, countBothStaff: true, handoverMinutes: 5,
  },
};

/**
 * Names of the presets.
 *
 * @example
 * PRESET_NAMES; // → ['kolada', 'ange']
 */
export const PRESET_NAMES = Object.keys(PRESETS) as ContinuityRules['preset'][];

/**
 * True when the rules are those of the official indicator (the `kolada` preset with none of its
 * rules changed): only then are the figures Kolada's U21401 (mean), U21402 (median) and U21436
 * (share above 20), and only then do the outputs name those codes.
 *
 * @example
 * isOfficialRule(resolveRules()); // → true
 * isOfficialRule(resolveRules({ preset: 'ange' })); // → false
 */
export function isOfficialRule(rules: ContinuityRules): boolean {
  const official = PRESETS.kolada;
  const sameSet = (a: readonly unknown[], b: readonly unknown[]) => new Set(a).size === new Set(b).size && b.every((x) => a.includes(x));
  return (Object.keys(official) as (keyof ContinuityRules)[]).every((key) => {
    const a = official[key];
    const b = rules[key];
    return Array.isArray(a) && Array.isArray(b) ? sameSet(a, b) : a === b;
  });
}

/**
 * Fills in the rules from a preset (default `kolada`) and checks them. Named kinds in
 * `excludedKinds` that are keys of {@link EXCLUDED_KIND_SYNONYMS} bring their synonyms along.
 *
 * @example
 * resolveRules({ preset: 'ange' }).dailyRule; // → 'average'
 */
export function resolveRules(options: Partial<ContinuityRules> = {}): ContinuityRules {
  const preset = options.preset ?? 'kolada';
  const base = PRESETS[preset];
  if (base === undefined) throw new KontinuitetError('BAD_OPTION', `preset: "${String(preset)}" is not a preset (known: ${PRESET_NAMES.join(', ')})`);
  const rules: ContinuityRules = { ...base, ...stripUndefined(options) };
  if (options.excludedKinds !== undefined) {
    rules.excludedKinds = options.excludedKinds.flatMap((k) => EXCLUDED_KIND_SYNONYMS[normaliseHeader(k)] ?? [normaliseHeader(k)]);
  }
  if (options.excludedRoles !== undefined) rules.excludedRoles = options.excludedRoles.map(normaliseHeader);
  const minute = (v: number) => Number.isInteger(v) && v >= 0 && v <= 1440;
  if (!minute(rules.dayStartMinute) || !minute(rules.dayEndMinute) || rules.dayStartMinute >= rules.dayEndMinute) {
    throw new KontinuitetError('BAD_OPTION', 'dayStartMinute/dayEndMinute: need 0 ≤ start < end ≤ 1440 (minutes after local midnight)');
  }
  if (!Number.isInteger(rules.days) || rules.days < 1 || rules.days > 366) throw new KontinuitetError('BAD_OPTION', `days: must be a whole number from 1 to 366, got ${rules.days}`);
  if (!Number.isInteger(rules.minVisitsPerDay) || rules.minVisitsPerDay < 1) throw new KontinuitetError('BAD_OPTION', 'minVisitsPerDay: must be a whole number ≥ 1');
  if (!(rules.handoverMinutes >= 0)) throw new KontinuitetError('BAD_OPTION', 'handoverMinutes: must be ≥ 0');
  if (rules.inWindowBy !== 'start' && rules.inWindowBy !== 'overlap') throw new KontinuitetError('BAD_OPTION', `inWindowBy: must be 'start' or 'overlap'`);
  if (rules.dailyRule !== 'every-day' && rules.dailyRule !== 'average') throw new KontinuitetError('BAD_OPTION', `dailyRule: must be 'every-day' or 'average'`);
  return rules;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * True when a kind or role written in a log matches one of the normalised names: the whole value
 * or its first word (split at anything but letters, digits and `_`) equals a name. So
 * `'Trygghetslarm - utryckning'` and `'HSL-insats'` match, `'Service'` does not match `'mat'`.
 *
 * @example
 * kindMatches('Larm utryckning', new Set(['larm'])); // → true
 */
export function kindMatches(value: string, names: ReadonlySet<string>): boolean {
  if (value === '') return false;
  const v = normaliseHeader(value);
  if (names.has(v)) return true;
  const first = /^[a-z0-9_]+/.exec(v.replace(/_+$/, ''))?.[0] ?? '';
  if (names.has(first)) return true;
  const word = first.split('_')[0] ?? '';
  return word !== '' && names.has(word);
}

/** Caches {@link kindMatches} per distinct value (a log has few distinct kinds and roles). */
export function kindMatcher(names: readonly string[]): (value: string) => boolean {
  const set = new Set(names);
  const cache = new Map<string, boolean>();
  return (value) => {
    let hit = cache.get(value);
    if (hit === undefined) {
      hit = kindMatches(value, set);
      if (cache.size < 10_000) cache.set(value, hit);
    }
    return hit;
  };
}
