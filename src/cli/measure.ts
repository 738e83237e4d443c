import { clearProgress } from './progress.js';
import { measureContinuityStreamed } from '../measures/continuity/measure.js';
import type { StreamedResult } from '../engine/clientlist.js';
import { writeCsv } from '../outputs/report/csv.js';
import { writeJson } from '../outputs/report/json.js';
import { continuityTable } from '../outputs/report/table.js';
import { choice, parseFlags, UsageError } from './args.js';
import { ENGINE_FLAGS, ENGINE_HELP, engineSettings } from './engine-flags.js';
import { READ_FLAGS, READ_HELP, readOptions } from './read-flags.js';
import { WINDOW_FLAGS, WINDOW_HELP, windowOptions } from './window-flags.js';

export const MEASURE_HELP = `kontinuitet measure <file|-> [options]   (- reads standard input)

The official 14-day staff continuity (Kolada U21401/U21402/U21436): how many different staff each
home-care client meets, with spread measures and client counts, for one window or a monthly series.

${WINDOW_HELP}
  --by-group             also per group (hemtjänstgrupp)
  --indices              also UPC, COC, SECON, HHI, MMCI and the contact-person share per client
  --format F             table (default), json (kontinuitet/measure@1) or csv (one row per client and window)
  --lang L               en (default) or sv: labels of the table
${ENGINE_HELP}
${READ_HELP}

Exit status: 0 success, 2 usage error, unreadable input or a stalled run (STALLED); 130/143 on SIGINT/SIGTERM.`;

const INDEX_COLUMNS = ['upc', 'usual_staff', 'coc', 'secon', 'hhi', 'mmci', 'contact_share'];
const CSV_COLUMNS = ['from', 'to', 'client', 'group', 'eligible', 'reason', 'first_short_day', 'visits', 'staff', 'age', 'double_staffed_visits'];

/** Runs `kontinuitet measure`. */
export async function measureCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...READ_FLAGS,
    ...WINDOW_FLAGS,
    'by-group': { type: 'boolean' },
    indices: { type: 'boolean' },
    format: { type: 'string' },
    lang: { type: 'string' },
    ...ENGINE_FLAGS,
  });
  if (values.help) {
    out.write(`${MEASURE_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('measure needs exactly one input file');
  const format = choice('format', values.format, ['table', 'json', 'csv'] as const) ?? 'table';
  const lang = choice('lang', values.lang, ['en', 'sv'] as const) ?? 'en';
  const engine = engineSettings(values);
  const result = await measureContinuityStreamed(positionals[0] === '-' ? process.stdin : positionals[0]!, {
    ...readOptions(values),
    ...windowOptions(values),
    ...(values.indices ? { indices: true } : {}),
    ...(engine !== undefined ? { engine } : {}),
  });
  clearProgress();
  if (format === 'json') await writeJson(out, result, ['perClient']); // a row per client: never one string
  else if (format === 'csv') await writeCsv(out, perClientRows(result), values.indices ? [...CSV_COLUMNS, ...INDEX_COLUMNS] : CSV_COLUMNS);
  else out.write(`${continuityTable(result, { lang, byGroup: values['by-group'] === true })}\n`);
  return 0;
}

function* perClientRows(result: StreamedResult): Iterable<Record<string, unknown>> {
  for (const w of result.windows) {
    for (const c of w.perClient) {
      yield {
        from: w.from, to: w.to, client: c.client, group: c.group, eligible: c.eligible, reason: c.reason ?? '',
        first_short_day: c.firstShortDay ?? '', visits: c.visits, staff: c.staff, age: c.age ?? '', double_staffed_visits: c.doubleStaffedVisits,
        ...(c.indices === undefined ? {} : {
          upc: c.indices.upc ?? '', usual_staff: c.indices.usualStaff ?? '', coc: c.indices.coc ?? '', secon: c.indices.secon ?? '',
          hhi: c.indices.hhi ?? '', mmci: c.indices.mmci ?? '', contact_share: c.indices.contactShare ?? '',
        }),
      };
    }
  }
}
