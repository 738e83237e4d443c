/**
 * A seeded generator of realistic home-care visit logs: a synthetic municipality.
 *
 * The municipality has home-care groups (hemtjänstgrupper), each with a base in or around a small
 * Norrland town (about 62.52 N 15.66 E), clients a few kilometres around the base and a staff pool:
 * full- and part-time regulars on day (07–14) and evening (14–22) shifts split into sub-teams,
 * substitutes (vikarier) from the group's own pool and a municipality-wide pool who fill in for
 * absent regulars, home health care nurses (`hsl`), meal-delivery drivers and night patrol staff.
 * Each shift is simulated as staff routes: every staff member's visits on a day follow one another
 * in time with travel time between them.
 *
 * **Order of rows.** Day by day (from `start`), then group by group (in group order), then by
 * start time, then staff id, then visit number. All rows of one day and group are finished before
 * the next are made, so memory use depends on the size of one group-day, not on the length of the
 * log.
 *
 * **Determinism.** Everything comes from one seeded generator (sfc32) consumed in that order; no
 * clock, no `Math.random`, no locale. The same options give byte-identical output, and the first
 * days of a longer run equal a shorter run with the same other options.
 */
import { tell, type ProgressEvent } from '../progress.js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { format } from 'fast-csv';
import { KontinuitetError } from '../errors.js';
import { formatEpochDay, parseEpochDay } from './calendar.js';
import { KIND, ROSTER_SHIFTS, wallTime, type VisitRecord } from './municipality.js';
import { Simulation, type SimCounters } from './simulation.js';
import { buildWorld } from './world.js';
import { PROFILE_SCATTER, knobsFor, type GenerateProfile } from './profile.js';
import { Rng } from './rng.js';

export { PROFILE_SCATTER, type GenerateProfile } from './profile.js';

/**
 * Options of the generator. Every field is optional; `undefined` means the default.
 *
 * @example
 * const options: GenerateOptions = { clients: 300, days: 28, start: '2024-10-01', seed: 7, profile: 'ange2013' };
 */
export interface GenerateOptions {
  /** Number of clients, an integer ≥ 1. Default 200. */
  clients?: number | undefined;
  /** Number of consecutive calendar days, an integer ≥ 1. Default 28. */
  days?: number | undefined;
  /** First day, `YYYY-MM-DD`, a local date in Europe/Stockholm. Default `'2024-10-01'`. */
  start?: string | undefined;
  /** Seed, any safe integer. Default 1. */
  seed?: number | undefined;
  /**
   * Continuity preset: `'ange2013'` (≈ 21 staff in 14 days), `'typical'` (≈ 14) or `'good'` (≈ 8–10).
   * Default `'typical'`.
   */
  profile?: GenerateProfile | undefined;
  /** Staffing scatter in [0, 1], overriding the preset's (0 = small fixed teams, 1 = anyone free). */
  scatter?: number | undefined;
  /** Number of home-care groups, an integer in [1, clients]. Default `max(1, round(clients / 40))`. */
  groups?: number | undefined;
  /**
   * Also write each row's staff shift (`shift_start`, `shift_end`): the rostered hours of the
   * shift the row belongs to (day 07:00–14:30, evening 14:00–22:00, home health care 08:00–16:30,
   * meals 10:30–13:30, night 22:00–07:00), widened to the staff member's first and last visit of
   * that shift, so a shift is longer than first-to-last visit, as real rosters are. Default false.
   */
  shifts?: boolean | undefined;
}

/**
 * One row of the generated log: one staff member at one visit. All fields are strings, as in a
 * CSV export. Times are local wall times in Europe/Stockholm without offset (`YYYY-MM-DD HH:mm`).
 *
 * @example
 * const row: GeneratedRow = {
 *   visit_id: 'V000123', client_id: 'C00042', staff_id: 'S0017',
 *   start: '2024-10-01 07:40', end: '2024-10-01 08:15', kind: 'omvårdnad', group: 'Norr',
 *   client_birth_date: '1938-05-02', staff_role: 'undersköterska', contact_staff_id: 'S0012',
 *   lat: '62.53120', lon: '15.70411',
 * };
 */
export interface GeneratedRow {
  /** Visit id (`V` + at least 6 digits), unique over the whole log; the two rows of a double-staffed visit share it. */
  visit_id: string;
  /** Client id, `C` + at least 5 digits. */
  client_id: string;
  /** Staff id, `S` + at least 4 digits. */
  staff_id: string;
  /** Start, local wall time `YYYY-MM-DD HH:mm`. */
  start: string;
  /** End, local wall time `YYYY-MM-DD HH:mm`, always after the start and on the same date. */
  end: string;
  /** `omvårdnad`, `service`, `tillsyn`, `trygghetslarm`, `matleverans`, `hsl` or `nattpatrull`. */
  kind: string;
  /** Name of the client's home-care group. */
  group: string;
  /** Client's birth date `YYYY-MM-DD` (about 90 % are 65 or older at `start`). */
  client_birth_date: string;
  /** `undersköterska`, `vårdbiträde` or `hsl`. */
  staff_role: string;
  /** The client's contact person: a full-time regular of the client's group and day team. */
  contact_staff_id: string;
  /** Latitude of the client's home, decimal degrees with 5 decimals. */
  lat: string;
  /** Longitude of the client's home, decimal degrees with 5 decimals. */
  lon: string;
  /** With `shifts`: start of the staff member's shift, local wall time `YYYY-MM-DD HH:mm` (a night shift begins the evening before). */
  shift_start?: string;
  /** With `shifts`: end of the staff member's shift (a night shift ends the next morning). */
  shift_end?: string;
}

/**
 * The column order of the generated CSV (the order of {@link GeneratedRow}'s fields).
 *
 * @example
 * GENERATED_COLUMNS.join(','); // → 'visit_id,client_id,staff_id,start,end,kind,group,…,lat,lon'
 */
export const GENERATED_COLUMNS: readonly (keyof GeneratedRow)[] = Object.freeze([
  'visit_id',
  'client_id',
  'staff_id',
  'start',
  'end',
  'kind',
  'group',
  'client_birth_date',
  'staff_role',
  'contact_staff_id',
  'lat',
  'lon',
] as const);

/**
 * What the generator planted, for checking analyses against. Filled while rows are produced;
 * complete once the row iterator is done (or `writeGeneratedCsv` has resolved).
 *
 * @example
 * const { rows, truth } = generateRows({ clients: 50, days: 14 });
 * for (const _ of rows) {}
 * truth.doubleStaffedVisits; // → number of visit ids with two different staff
 */
export interface PlantedTruth {
  /** Rows produced (one per staff member per visit). */
  rows: number;
  /** Distinct visits (visit ids) produced. */
  visits: number;
  /** Visits with two rows for two different staff (same visit id, same client). */
  doubleStaffedVisits: number;
  /** Clients with at least one double-staffed visit. */
  doubleStaffedClients: number;
  /** Rows per `kind`. */
  rowsByKind: Record<string, number>;
  /** Rows made by substitutes (vikarier). */
  substituteRows: number;
  /** Client-days spent in hospital or short-term care: days on which a client has no visits at all. */
  hospitalDays: number;
  /** Runs of consecutive hospital days within the generated period. */
  hospitalStays: number;
  /** Clients with at least one hospital day in the period. */
  clientsWithHospitalStay: number;
  /** Distinct staff ids appearing in the rows. */
  staff: number;
  /** Clients, groups and days of the municipality, after defaults. */
  clients: number;
  groups: number;
  days: number;
  /** The scatter actually used (from `scatter` or the profile). */
  scatter: number;
}

interface Resolved {
  clients: number;
  days: number;
  startDay: number;
  seed: number;
  scatter: number;
  groups: number;
  shifts: boolean;
}

function bad(message: string, details: Record<string, unknown>): never {
  throw new KontinuitetError('BAD_OPTION', message, details);
}

function resolveOptions(options: GenerateOptions): Resolved {
  const clients = options.clients ?? 200;
  if (!Number.isInteger(clients) || clients < 1) bad('clients must be an integer ≥ 1', { option: 'clients', value: clients });
  const days = options.days ?? 28;
  if (!Number.isInteger(days) || days < 1) bad('days must be an integer ≥ 1', { option: 'days', value: days });
  const start = options.start ?? '2024-10-01';
  const startDay = typeof start === 'string' ? parseEpochDay(start) : null;
  if (startDay === null) bad('start must be a calendar date YYYY-MM-DD', { option: 'start', value: start });
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) bad('seed must be a safe integer', { option: 'seed', value: seed });
  const profile = options.profile ?? 'typical';
  if (!Object.prototype.hasOwnProperty.call(PROFILE_SCATTER, profile)) {
    bad(`profile must be one of ${Object.keys(PROFILE_SCATTER).join(', ')}`, { option: 'profile', value: profile });
  }
  const scatter = options.scatter ?? PROFILE_SCATTER[profile];
  if (typeof scatter !== 'number' || !(scatter >= 0 && scatter <= 1)) {
    bad('scatter must be a number in [0, 1]', { option: 'scatter', value: scatter });
  }
  const groups = options.groups ?? Math.max(1, Math.round(clients / 40));
  if (!Number.isInteger(groups) || groups < 1 || groups > clients) {
    bad('groups must be an integer in [1, clients]', { option: 'groups', value: groups });
  }
  const lastDay = startDay + days - 1;
  if (formatEpochDay(lastDay).length !== 10) bad('the period must end before year 10000', { option: 'days', value: days });
  if (options.shifts !== undefined && typeof options.shifts !== 'boolean') bad('shifts must be true or false', { option: 'shifts', value: options.shifts });
  return { clients, days, startDay, seed, scatter, groups, shifts: options.shifts === true };
}

/**
 * Generates a synthetic home-care visit log and streams it as rows.
 *
 * Rows come day by day, then group by group, then in order of start time, staff id and visit
 * number. Nothing is generated until `rows` is iterated; iterating it again starts over (and
 * resets `truth`), giving the same rows. Memory stays bounded by one group-day, so millions of rows
 * can be streamed. `truth` is updated as rows are produced and is complete when the iteration ends.
 * `hooks.onDoubleStaffed(clientId, visitId)` is called once for every planted double-staffed
 * visit while its rows are being yielded (so the full list is known when the iteration ends).
 *
 * Throws `KontinuitetError` with code `BAD_OPTION` for an option it cannot use.
 *
 * @example
 * const { rows, truth } = generateRows({ clients: 100, days: 14, seed: 3, profile: 'good' });
 * for (const row of rows) console.log(row.client_id, row.staff_id, row.start);
 * console.log(truth.rows, truth.doubleStaffedVisits);
 */
export function generateRows(
  options: GenerateOptions = {},
  hooks: { onDoubleStaffed?: ((clientId: string, visitId: string) => void) | undefined } = {},
): { rows: Iterable<GeneratedRow>; truth: PlantedTruth } {
  const r = resolveOptions(options);
  const truth: PlantedTruth = emptyTruth(r);
  const rows: Iterable<GeneratedRow> = {
    [Symbol.iterator]: () => produce(r, truth, hooks.onDoubleStaffed)[Symbol.iterator](),
  };
  return { rows, truth };
}

function emptyTruth(r: Resolved): PlantedTruth {
  return {
    rows: 0,
    visits: 0,
    doubleStaffedVisits: 0,
    doubleStaffedClients: 0,
    rowsByKind: Object.fromEntries(Object.values(KIND).map((k) => [k, 0])),
    substituteRows: 0,
    hospitalDays: 0,
    hospitalStays: 0,
    clientsWithHospitalStay: 0,
    staff: 0,
    clients: r.clients,
    groups: r.groups,
    days: r.days,
    scatter: r.scatter,
  };
}

function* produce(
  r: Resolved,
  truth: PlantedTruth,
  onDoubleStaffed: ((clientId: string, visitId: string) => void) | undefined,
): Generator<GeneratedRow, void, undefined> {
  Object.assign(truth, emptyTruth(r));
  const rng = new Rng(r.seed);
  const knobs = knobsFor(r.scatter);
  const world = buildWorld(rng, r.clients, r.groups, r.startDay, knobs);
  const counters: SimCounters = { visits: 0, hospitalDays: 0, hospitalStays: 0 };
  const sim = new Simulation(rng, world, r.startDay, knobs, counters);
  const staffSeen = new Uint8Array(world.staff.length);
  const doubleClients = new Uint8Array(world.clients.length);
  const byKind = truth.rowsByKind;
  for (let d = 0; d < r.days; d++) {
    sim.beginDay(d);
    truth.hospitalDays = counters.hospitalDays;
    truth.hospitalStays = counters.hospitalStays;
    const date = formatEpochDay(r.startDay + d);
    for (const group of world.groups) {
      const records = sim.groupDay(group, d);
      const shiftOf = r.shifts ? rosterShifts(records, r.startDay + d) : null;
      for (const rec of records) {
        if (rec.double && rec.primary) {
          truth.doubleStaffedVisits++;
          if (!doubleClients[rec.client.n]) {
            doubleClients[rec.client.n] = 1;
            truth.doubleStaffedClients++;
          }
          onDoubleStaffed?.(rec.client.id, rec.visitId);
        }
        const s = rec.staff;
        if (!staffSeen[s.n]) {
          staffSeen[s.n] = 1;
          truth.staff++;
        }
        if (s.type === 'substitute') truth.substituteRows++;
        byKind[rec.kind] = (byKind[rec.kind] ?? 0) + 1;
        const c = rec.client;
        truth.rows++;
        yield {
          visit_id: rec.visitId,
          client_id: c.id,
          staff_id: s.id,
          start: wallTime(date, rec.start),
          end: wallTime(date, rec.end),
          kind: rec.kind,
          group: group.name,
          client_birth_date: c.birth,
          staff_role: s.role,
          contact_staff_id: c.contact?.id ?? '',
          lat: c.lat,
          lon: c.lon,
          ...(shiftOf === null ? {} : shiftOf.get(rec.staff.n * 8 + rec.shift)!),
        };
      }
    }
    truth.visits = counters.visits;
  }
  truth.visits = counters.visits;
  truth.clientsWithHospitalStay = world.clients.reduce((n, c) => n + (c.everInHospital ? 1 : 0), 0);
}

/** Each staff member's shift in one group-day's records (key staff × 8 + shift): the rostered hours widened to their visits. */
function rosterShifts(records: readonly VisitRecord[], epochDay: number): Map<number, { shift_start: string; shift_end: string }> {
  const span = new Map<number, [number, number]>();
  for (const rec of records) {
    const key = rec.staff.n * 8 + rec.shift;
    const roster = ROSTER_SHIFTS[rec.shift]!;
    const s = span.get(key) ?? span.set(key, [roster.from, roster.to]).get(key)!;
    s[0] = Math.min(s[0], rec.start);
    s[1] = Math.max(s[1], rec.end);
  }
  const at = (minute: number) => {
    const days = Math.floor(minute / 1440);
    return wallTime(formatEpochDay(epochDay + days), minute - days * 1440);
  };
  const out = new Map<number, { shift_start: string; shift_end: string }>();
  for (const [key, [from, to]] of span) out.set(key, { shift_start: at(from), shift_end: at(to) });
  return out;
}

/**
 * Writes a generated visit log as CSV to a writable stream: a header row with
 * {@link GENERATED_COLUMNS}, then one line per row; `,` as delimiter, `\n` after every line
 * (including the last), UTF-8 without byte-order mark, fields quoted only when needed. Formatted with
 * fast-csv and piped with backpressure. The stream is ended when done (except `process.stdout`,
 * which Node never closes). Resolves with the planted truth once everything is written.
 * `onProgress`, when given, is told the rows written so far (phase `write`) every 65,536 rows.
 *
 * @example
 * import { createWriteStream } from 'node:fs';
 * const truth = await writeGeneratedCsv(createWriteStream('visits.csv'), { clients: 500, days: 56 });
 * console.log(`${truth.rows} rows, ${truth.doubleStaffedVisits} double-staffed visits`);
 */
export async function writeGeneratedCsv(out: NodeJS.WritableStream, options: GenerateOptions = {}, onProgress?: (event: ProgressEvent) => void): Promise<PlantedTruth> {
  const { rows, truth } = generateRows(options);
  const csv = format<GeneratedRow, GeneratedRow>({
    headers: options.shifts === true ? [...GENERATED_COLUMNS, 'shift_start', 'shift_end'] : [...GENERATED_COLUMNS],
    alwaysWriteHeaders: true,
    delimiter: ',',
    rowDelimiter: '\n',
    includeEndRowDelimiter: true,
    writeBOM: false,
  });
  await pipeline(Readable.from(onProgress === undefined ? rows : counted(rows, onProgress), { objectMode: true, highWaterMark: 1024 }), csv, out);
  return truth;
}

/** The rows, telling `onProgress` how many were handed on (every 65,536th). */
function* counted<T>(rows: Iterable<T>, onProgress: (event: ProgressEvent) => void): Generator<T> {
  let n = 0;
  for (const row of rows) {
    if ((++n & 65535) === 0) tell(onProgress, 'write', n);
    yield row;
  }
}
