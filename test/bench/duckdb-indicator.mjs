// The 14-day staff-continuity indicator (kolada preset) as one DuckDB SQL query over a CSV log, for
// comparison with `kontinuitet measure`. Usage: node duckdb-indicator.mjs FILE FROM (YYYY-MM-DD).
// Prints JSON { eligible, mean, median, shareAbove20, perClient: {client: staff} }.
//
// The SQL follows the kolada rules for logs with visit ids (as generated): local times are naive
// TIMESTAMPs (so the local day and hour come straight from the text); a row counts when it starts
// in [07:00, 22:00) of one of the 14 days, its kind is not an excluded kind and its
// role not an excluded role; rows sharing client + visit id are one visit, on the day of its
// earliest counted row; a client counts with >= 2 visits on each of the 14 days and age >= 65 at
// the window start when a birth date is known; the value is the number of distinct staff.
// Kinds and roles are compared whole and lower-cased, as an analyst would write it: on generated
// logs (single-word kinds and roles) this equals the library's first-word matching.
import { DuckDBInstance } from '@duckdb/node-api';

export const KINDS = ['trygghetslarm', 'larm', 'alarm', 'safety_alarm', 'larmutryckning', 'larmatgard', 'trygghetslarmsutryckning',
  'matleverans', 'matdistribution', 'matdistr', 'meal', 'meal_delivery', 'matlada', 'matleveranser', 'matutkorning',
  'hsl', 'hemsjukvard', 'hemsjukvardsinsats', 'home_health_care', 'sjukvardsinsats', 'hso'];
export const ROLES = ['hsl', 'hemsjukvard', 'sjukskoterska', 'distriktsskoterska', 'sjukskoterskor', 'ssk', 'dsk', 'arbetsterapeut', 'fysioterapeut', 'sjukgymnast', 'nurse'];

const list = (xs) => xs.map((x) => `'${x}'`).join(',');

export function indicatorSql(file, from) {
  return `
with rows as (
  select client_id, staff_id, visit_id, start::timestamp as s, lower(kind) as kind, lower(staff_role) as role,
         try_cast(client_birth_date as date) as bd
  from read_csv('${file}', header = true, all_varchar = true)
),
counted as (
  select * from rows
  where s >= date '${from}' and s < date '${from}' + interval 14 day
    and hour(s) * 60 + minute(s) >= 420 and hour(s) * 60 + minute(s) < 1320
    and kind not in (${list(KINDS)}) and role not in (${list(ROLES)})
),
visits as (select client_id, visit_id, min(s)::date as d from counted group by client_id, visit_id),
days_ok as (
  select client_id from (select client_id, d, count(*) as n from visits group by client_id, d)
  where n >= 2 group by client_id having count(*) = 14
),
born as (select client_id, max(bd) as bd from rows group by client_id),
eligible as (
  select d.client_id from days_ok d join born b using (client_id)
  where b.bd is null or (date_diff('year', b.bd, date '${from}') - case when strftime(date '${from}', '%m-%d') < strftime(b.bd, '%m-%d') then 1 else 0 end) >= 65
)
select e.client_id as client, count(distinct c.staff_id)::integer as staff
from eligible e join counted c using (client_id) group by e.client_id order by e.client_id`;
}

export async function runIndicator(file, from) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const rows = (await con.runAndReadAll(indicatorSql(file, from))).getRows();
  const values = rows.map((r) => r[1]).sort((a, b) => a - b);
  const n = values.length;
  const median = n === 0 ? null : n % 2 ? values[(n - 1) / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return {
    eligible: n,
    mean: n === 0 ? null : values.reduce((a, b) => a + b, 0) / n,
    median,
    shareAbove20: n === 0 ? null : values.filter((v) => v > 20).length / n,
    perClient: Object.fromEntries(rows.map((r) => [r[0], r[1]])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, from] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await runIndicator(file, from))}\n`);
}
