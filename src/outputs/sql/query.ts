/**
 * The text of the continuity query: the definition (src/measures/continuity/definition.ts and
 * definition-visits.ts) step by step as common table expressions over the table `visits`. Each
 * step's comment in the query names the rule it follows; docs/sql.md says which needed care.
 *
 * @module
 */
import { isOfficialRule, type ContinuityRules } from '../../measures/continuity/rules.js';
import { dialectParts, type SqlDialect } from './dialect.js';

/** What the query is written from: all checked, with their defaults filled in. */
export interface QuerySettings {
  dialect: SqlDialect;
  /** First and first-after-last day of the window, YYYY-MM-DD. */
  from: string;
  until: string;
  rules: ContinuityRules;
  zone: string;
  /** Plausible local dates (the end exclusive) and the longest visit in ms (Infinity: no limit). */
  plausibleFrom: string;
  plausibleTo: string;
  maxVisitMs: number;
}

/** A text as an SQL string literal. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The query (see {@link continuitySql}). */
export function queryText(q: QuerySettings): string {
  const d = dialectParts(q.dialect);
  const r = q.rules;
  const zone = literal(q.zone);
  const at = (minutes: number) => `CAST(CAST(ls AS DATE) AS TIMESTAMP) + INTERVAL '${minutes} minutes'`;
  const instant = (minutes: number) => d.epochMs(at(minutes), zone);
  const exists = (t: string) => `(${t} AT TIME ZONE ${zone}) AT TIME ZONE ${zone} = ${t}`;
  const names = (list: readonly string[]) => (list.length === 0 ? `''` : list.map(literal).join(', '));
  // a kind or role matches a name: its whole normalised value, the leading run of [a-z0-9_] of it
  // (trailing '_' dropped first) or that run's first word (kindMatches in rules.ts)
  const matching = (column: string, source: string, list: readonly string[]) => `SELECT ${column} FROM (
    SELECT ${column}, v, ${d.leadingWord(`regexp_replace(v, '_+$', '')`)} AS lead
    FROM (SELECT ${column}, regexp_replace(translate(lower(translate(${column}, 'ÅÄÀÖØÉ', 'åäàöøé')), 'åäàöøé', 'aaaooe'), '[\\s.-]+', '_', 'g') AS v
          FROM (SELECT DISTINCT ${trimmed(source)} AS ${column} FROM visits) AS distinct_values) AS normalised) AS leads
  WHERE ${column} IS NOT NULL AND ${column} <> '' AND (v IN (${names(list)}) OR lead IN (${names(list)}) OR split_part(lead, '_', 1) IN (${names(list)}))`;
  const hoursDay = r.inWindowBy === 'start'
    ? `CASE WHEN ls >= ${at(r.dayStartMinute)} AND ls < ${at(r.dayEndMinute)} THEN CAST(ls AS DATE) END`
    : `CASE WHEN ${instant(r.dayStartMinute)} >= e THEN NULL
            WHEN ${instant(r.dayEndMinute)} > s THEN CAST(ls AS DATE)
            WHEN ${instant(1440 + r.dayStartMinute)} >= e THEN NULL
            ELSE CAST(CAST(ls AS DATE) + INTERVAL '1 day' AS DATE) END`;
  const placeDay = r.inWindowBy === 'start' ? 'CAST(ls AS DATE)' : 'COALESCE(hours_day, CAST(ls AS DATE))';
  const visitsRule = r.dailyRule === 'every-day'
    ? `tally.full_days = ${r.days}`
    : `tally.visits >= ${r.minVisitsPerDay * r.days}`;
  const ageRule = r.minAge === null
    ? ''
    : `
    AND NOT COALESCE(CASE
      WHEN facts.birth IS NOT NULL THEN ${ymd(`DATE '${q.from}'`)} - ${ymd('facts.birth')} < ${r.minAge * 10000}
      WHEN facts.age IS NOT NULL THEN facts.age < ${r.minAge} END, FALSE)`;
  const staffOf = r.countBothStaff
    ? 'SELECT client, COUNT(DISTINCT staff) AS staff FROM counted GROUP BY client'
    : 'SELECT client, COUNT(DISTINCT first_staff) AS staff FROM per_visit GROUP BY client';

  // Kolada's codes only where the figures are Kolada's (the official rule, nothing changed)
  const what = isOfficialRule(r) ? 'the staff continuity (Kolada U21401/U21402/U21436)' : 'staff continuity under other rules than the official indicator\'s';
  return `-- kontinuitet: ${what} as SQL (${q.dialect})
-- window ${q.from} for ${r.days} days (until ${q.until}, exclusive); local times in ${q.zone}
-- rules: preset ${r.preset}; day hours ${clock(r.dayStartMinute)}–${clock(r.dayEndMinute)} by ${r.inWindowBy}; ${r.minVisitsPerDay} visits a day (${r.dailyRule}); minimum age ${r.minAge ?? 'none'}; ${r.countBothStaff ? 'both staff of a double-staffed visit count' : 'one staff member a visit counts'}
-- reads the table or view "visits" (visit_id, client_id, staff_id, start, "end", kind, "group",
-- client_birth_date, client_age, staff_role, contact_staff_id; start and "end" local TIMESTAMPs);
-- returns one row per client seen in the window: client_id, staff (different staff met), counted
WITH RECURSIVE
given AS (
  SELECT
    ${trimmed('client_id')} AS client,
    ${trimmed('staff_id')} AS staff,
    COALESCE(${trimmed('visit_id')}, '') AS visit_id,
    CAST("start" AS TIMESTAMP) AS ls,
    CAST("end" AS TIMESTAMP) AS le,
    COALESCE(${trimmed('kind')}, '') AS kind,
    COALESCE(${trimmed('staff_role')}, '') AS role,
    CAST(client_birth_date AS DATE) AS birth,
    client_age AS given_age,
    FLOOR(client_age) AS age
  FROM visits
),
-- the rows the reader accepts: ids given, times that exist in the zone (not in the spring gap)
-- and lie in the plausible range, the end after the start, no longer than the longest visit, an age 0–130
checked AS (
  SELECT given.*, ${d.epochMs('ls', zone)} AS s, ${d.epochMs('le', zone)} AS e
  FROM given
  WHERE client IS NOT NULL AND client <> '' AND staff IS NOT NULL AND staff <> ''
    AND ls IS NOT NULL AND le IS NOT NULL
    AND ls >= DATE '${q.plausibleFrom}' AND ls < DATE '${q.plausibleTo}'
    AND le >= DATE '${q.plausibleFrom}' AND le < DATE '${q.plausibleTo}'
    AND ${exists('ls')} AND ${exists('le')}
    AND (given_age IS NULL OR (given_age >= 0 AND given_age <= 130))
),
accepted AS MATERIALIZED (
  SELECT * FROM checked WHERE e > s${Number.isFinite(q.maxVisitMs) ? ` AND e - s <= ${q.maxVisitMs}` : ''}
),
excluded_kinds AS (
  ${matching('kind', 'kind', r.excludedKinds)}
),
excluded_roles AS (
  ${matching('role', 'staff_role', r.excludedRoles)}
),
-- the day whose day hours hold a row (dayOfHours), and the day that places it in a window
hours AS (
  SELECT accepted.*, ${hoursDay} AS hours_day
  FROM accepted
),
placed AS (
  SELECT hours.*, ${placeDay} AS day
  FROM hours
),
in_window AS MATERIALIZED (
  SELECT * FROM placed WHERE day >= DATE '${q.from}' AND day < DATE '${q.until}'
),
-- counted rows: in the window, not an excluded kind or role, in the day hours
counted AS MATERIALIZED (
  SELECT client, staff, visit_id, s, e, hours_day,
    ROW_NUMBER() OVER (ORDER BY client, s, e, ${d.bytewise('staff')}, visit_id) AS rn
  FROM in_window
  WHERE kind NOT IN (SELECT kind FROM excluded_kinds)
    AND role NOT IN (SELECT role FROM excluded_roles)
    AND hours_day IS NOT NULL
),
-- one visit: rows sharing a visit id; rows without one that overlap by at least half of the
-- shorter, taken transitively (the connected parts of that graph, by a recursive walk). Rows that
-- overlap at all form runs (a row starting before every earlier row has ended joins their run):
-- pairs are looked for within a run only
loose AS MATERIALIZED (
  SELECT rn, client, s, e, SUM(opens) OVER (PARTITION BY client ORDER BY s, rn ROWS UNBOUNDED PRECEDING) AS run
  FROM (
    SELECT rn, client, s, e,
      CASE WHEN s < MAX(e) OVER (PARTITION BY client ORDER BY s, rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS opens
    FROM counted WHERE visit_id = '') AS marked
),
half_overlaps AS MATERIALIZED (
  SELECT a.rn AS a, b.rn AS b
  FROM loose AS a JOIN loose AS b ON a.client = b.client AND a.run = b.run AND a.rn <> b.rn
  WHERE b.s < a.e AND a.s < b.e AND 2 * (LEAST(a.e, b.e) - GREATEST(a.s, b.s)) >= LEAST(a.e - a.s, b.e - b.s)
),
reach (rn, other) AS (
  SELECT rn, rn FROM loose
  UNION
  SELECT reach.rn, half_overlaps.b FROM reach JOIN half_overlaps ON half_overlaps.a = reach.other
),
joined AS (
  SELECT rn, MIN(other) AS root FROM reach GROUP BY rn
),
visit_rows AS (
  SELECT counted.*,
    CASE WHEN counted.visit_id = '' THEN 'row ' || CAST(joined.root AS VARCHAR) ELSE 'id ' || counted.visit_id END AS visit,
    ROW_NUMBER() OVER (
      PARTITION BY counted.client, CASE WHEN counted.visit_id = '' THEN 'row ' || CAST(joined.root AS VARCHAR) ELSE 'id ' || counted.visit_id END
      ORDER BY counted.s, counted.e, ${d.bytewise('counted.staff')}) AS place
  FROM counted LEFT JOIN joined ON joined.rn = counted.rn
),
-- a visit counts on the day of its earliest row; its first staff member: earliest start, then end, then id
per_visit AS (
  SELECT client, visit, MIN(hours_day) AS day, MIN(CASE WHEN place = 1 THEN staff END) AS first_staff
  FROM visit_rows GROUP BY client, visit
),
per_day AS (
  SELECT client, day, COUNT(*) AS n FROM per_visit GROUP BY client, day
),
tally AS (
  SELECT client, SUM(n) AS visits, SUM(CASE WHEN n >= ${r.minVisitsPerDay} THEN 1 ELSE 0 END) AS full_days
  FROM per_day GROUP BY client
),
met AS (
  ${staffOf}
),
-- what all of a client's rows say of its age: the latest birth date, else the lowest age
facts AS (
  SELECT client, MAX(birth) AS birth, MIN(age) AS age FROM accepted GROUP BY client
),
seen AS (
  SELECT DISTINCT client FROM in_window
)
SELECT
  seen.client AS client_id,
  CAST(COALESCE(met.staff, 0) AS INTEGER) AS staff,
  (COALESCE(tally.visits, 0) > 0
    AND COALESCE(${visitsRule}, FALSE)${ageRule}) AS counted
FROM seen
  LEFT JOIN met ON met.client = seen.client
  LEFT JOIN tally ON tally.client = seen.client
  LEFT JOIN facts ON facts.client = seen.client
ORDER BY ${d.bytewise('seen.client')}
`;
}

/** A column as text without white space at its ends (the reader trims every field). */
function trimmed(column: string): string {
  return `regexp_replace(CAST(${column} AS VARCHAR), '^\\s+|\\s+$', '', 'g')`;
}

/** A date as the number YYYYMMDD (the definition's ageOn: whole years are its ten-thousands). */
function ymd(date: string): string {
  return `(EXTRACT(YEAR FROM ${date}) * 10000 + EXTRACT(MONTH FROM ${date}) * 100 + EXTRACT(DAY FROM ${date}))`;
}

/** Minutes after midnight as HH:MM. */
function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
