import { KontinuitetError } from '../errors.js';
import { safeText } from '../safe-text.js';
import { columnFlag, nearestHeader } from './suggest.js';

/**
 * The canonical columns of a visit log, in their documented order.
 *
 * @example
 * CANONICAL_COLUMNS.includes('client_id'); // → true
 */
export const CANONICAL_COLUMNS = [
  'visit_id', 'client_id', 'staff_id', 'start', 'end', 'kind', 'group',
  'client_birth_date', 'client_age', 'staff_role', 'contact_staff_id', 'lat', 'lon',
  'travel_minutes', 'travel_km', 'shift_start', 'shift_end',
] as const;

/**
 * One canonical column name.
 *
 * @example
 * const column: CanonicalColumn = 'staff_id';
 */
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/**
 * Columns without which no visit can be read.
 *
 * @example
 * REQUIRED_COLUMNS; // → ['client_id', 'staff_id', 'start', 'end']
 */
export const REQUIRED_COLUMNS: readonly CanonicalColumn[] = ['client_id', 'staff_id', 'start', 'end'];

/**
 * Header aliases, matched after {@link normaliseHeader}: lower case, å/ä → a, ö → o, é → e,
 * spaces, dots and hyphens → `_`. Swedish export headers (Brukare, Personal, Starttid, …) and
 * common English ones map to the canonical names, and so does the camelCase spelling of every
 * canonical name (`clientId`, `staffRole`, `shiftStart`, … read as `clientid`, …), as rows of a
 * planning system name them ({@link VisitRowInput}).
  *
  * @example
  * HEADER_ALIASES.client_id.includes('brukare'); // → true
 */
export const HEADER_ALIASES: Readonly<Record<CanonicalColumn, readonly string[]>> = {
  visit_id: ['visit_id', 'visitid', 'visit', 'besok_id', 'besoksid', 'besoks_id', 'besok', 'besoksnummer', 'insats_id', 'insatsid'],
  client_id: ['client_id', 'clientid', 'client', 'brukare', 'brukar_id', 'brukarid', 'brukare_id', 'kund', 'kund_id', 'kundid', 'kundnummer', 'hemtjansttagare', 'vardtagare', 'personnummer'],
  staff_id: ['staff_id', 'staffid', 'staff', 'personal', 'personal_id', 'personalid', 'medarbetare', 'medarbetar_id', 'medarbetarid', 'medarbetare_id', 'anstalld', 'anstalld_id', 'utforare', 'employee', 'employee_id'],
  start: ['start', 'start_time', 'starttime', 'starttid', 'start_tid', 'fran', 'fran_tid', 'borjan', 'besok_start', 'starttidpunkt'],
  end: ['end', 'end_time', 'endtime', 'sluttid', 'slut_tid', 'slut', 'till', 'till_tid', 'stopp', 'stopptid', 'besok_slut', 'sluttidpunkt'],
  kind: ['kind', 'type', 'service', 'insats', 'insatstyp', 'insatskategori', 'typ', 'tjanst', 'besokstyp', 'aktivitet'],
  group: ['group', 'grupp', 'hemtjanstgrupp', 'omrade', 'team', 'enhet', 'area', 'arbetsgrupp'],
  client_birth_date: ['client_birth_date', 'clientbirthdate', 'birth_date', 'birthdate', 'fodelsedatum', 'fodelsedag', 'fodd'],
  client_age: ['client_age', 'clientage', 'age', 'alder', 'brukare_alder'],
  staff_role: ['staff_role', 'staffrole', 'role', 'roll', 'yrkesroll', 'befattning', 'yrke', 'personalkategori'],
  contact_staff_id: ['contact_staff_id', 'contactstaffid', 'contact_staff', 'contactstaff', 'contact', 'contact_person', 'kontaktperson', 'fast_omsorgskontakt', 'omsorgskontakt', 'kontaktman'],
  lat: ['lat', 'latitude', 'latitud'],
  lon: ['lon', 'lng', 'long', 'longitude', 'longitud'],
  travel_minutes: ['travel_minutes', 'travelminutes', 'travel_min', 'restid', 'restid_min', 'restid_minuter'],
  travel_km: ['travel_km', 'travelkm', 'km', 'reslangd', 'reslangd_km', 'strecka', 'stracka_km', 'stracka'],
  shift_start: ['shift_start', 'shiftstart', 'pass_start', 'passtart', 'arbetspass_start'],
  shift_end: ['shift_end', 'shiftend', 'pass_slut', 'passlut', 'arbetspass_slut'],
};

/**
 * Normalises a header for alias matching: trims, drops a byte-order mark, lower-cases, folds
 * å/ä/à → a, ö/ø → o, é → e, and turns runs of spaces, dots and hyphens into `_`.
 *
 * @example
 * normaliseHeader(' Besöks-ID '); // → 'besoks_id'
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[åäà]/g, 'a')
    .replace(/[öø]/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[\s.\-]+/g, '_');
}

const ALIAS_INDEX: ReadonlyMap<string, CanonicalColumn> = new Map(
  CANONICAL_COLUMNS.flatMap((c) => HEADER_ALIASES[c].map((a) => [a, c] as const)),
);

/**
 * The canonical column a header stands for by its aliases, or undefined.
 *
 * @example
 * aliasOf('Starttid'); // → 'start'
 */
export function aliasOf(header: string): CanonicalColumn | undefined {
  return ALIAS_INDEX.get(normaliseHeader(header));
}

/** The most header names an error lists. */
const LISTED_HEADERS = 20;

/**
 * The header cells as an error may describe them. Only a cell with a known column name (an
 * alias, or a header the mapping names) is shown: any other may be a value of a log without a
 * header row (a name, an id, a time) and is counted, not shown. `shown` has the known names in
 * place and null for the others.
 */
function foundColumns(headers: readonly string[], mapping: Partial<Record<CanonicalColumn, string>>): { text: string; shown: (string | null)[] } {
  const named = new Set(Object.values(mapping).filter((h): h is string => typeof h === 'string').map(normaliseHeader));
  const known = (h: string): boolean => aliasOf(h) !== undefined || named.has(normaliseHeader(h));
  const shown = headers.map((h) => (known(h) ? h.replace(/^\uFEFF/, '').trim() : null));
  const names = shown.filter((h): h is string => h !== null);
  const n = headers.length;
  if (n === 0) return { text: 'no columns found', shown };
  const list = names.slice(0, LISTED_HEADERS).join(', ') + (names.length > LISTED_HEADERS ? ', …' : '');
  const count = `${n} column${n === 1 ? '' : 's'} found`;
  const text = names.length === n
    ? `${count}: ${list}`
    : names.length === 0
      ? `${count}, none with a known column name: does the input start with a header row?`
      : `${count}; known names among them: ${list}; the other ${n - names.length} are not shown, as a cell that is not a column name may be data`;
  return { text, shown };
}

/** Whether header cells are surely a header row: one of them is a known column name. */
function isHeaderRow(shown: readonly (string | null)[]): boolean {
  return shown.some((h) => h !== null);
}

/**
 * How to name the missing columns: for each, the nearest header not yet taken (only from a
 * header row, see suggest.ts) and the exact CLI flag and library option; else a placeholder.
 */
function howToName(missing: readonly CanonicalColumn[], headers: readonly string[], index: ColumnIndex, shown: readonly (string | null)[]): string {
  const taken = new Set(Object.values(index).filter((i) => i >= 0));
  const free = headers.filter((_, i) => !taken.has(i));
  const header = isHeaderRow(shown);
  const near = missing.map((c) => ({ column: c, header: header ? nearestHeader(free, HEADER_ALIASES[c], normaliseHeader) : null }));
  const named = near.filter((n): n is { column: CanonicalColumn; header: string } => n.header !== null);
  if (named.length === 0) return `name ${missing.length > 1 ? 'them' : 'it'} with ${columnFlag(missing[0]!, 'YourHeader')} (library: columns: { ${missing[0]}: 'YourHeader' })`;
  const flags = named.map((n) => columnFlag(n.column, n.header)).join(' ');
  const option = named.map((n) => `${n.column}: ${JSON.stringify(safeText(n.header))}`).join(', ');
  return `${named.length === 1 ? 'a header looks like it' : 'headers look like them'}: ${flags} (library: columns: { ${option} })`;
}

/** Where each canonical column sits in the input, `-1` when absent. */
export type ColumnIndex = Record<CanonicalColumn, number>;

/**
 * Maps input headers to canonical columns. `mapping` names input headers for canonical
 * columns explicitly (it wins over aliases). Throws `MISSING_COLUMN` naming the missing
 * columns and how many columns were found; of the header cells it shows only known column names
 * (a cell that is none may be data of a log without a header row).
 *
 * @example
 * resolveColumns(['Brukare', 'Personal', 'Starttid', 'Sluttid']).client_id; // → 0
 */
export function resolveColumns(headers: readonly string[], mapping: Partial<Record<CanonicalColumn, string>> = {}): ColumnIndex {
  const index = Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, -1])) as ColumnIndex;
  const normalised = headers.map(normaliseHeader);
  normalised.forEach((h, i) => {
    const column = ALIAS_INDEX.get(h);
    if (column !== undefined && index[column] === -1) index[column] = i;
  });
  for (const [column, header] of Object.entries(mapping) as [CanonicalColumn, string | undefined][]) {
    if (header === undefined) continue;
    if (!(column in index)) {
      throw new KontinuitetError('BAD_OPTION', `columns: "${column}" is not a column of a visit log (known: ${CANONICAL_COLUMNS.join(', ')})`);
    }
    const at = normalised.indexOf(normaliseHeader(header));
    if (at < 0) {
      const found = foundColumns(headers, mapping);
      const near = isHeaderRow(found.shown) ? nearestHeader(headers, [normaliseHeader(header)], normaliseHeader) : null;
      const hint = near === null ? '' : `; did you mean "${near}"? ${columnFlag(column, near)}`;
      throw new KontinuitetError('MISSING_COLUMN', `columns: the header "${header}" given for ${column} is not in the input (${found.text})${hint}`, { column, columns: headers.length, headers: found.shown });
    }
    index[column] = at;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === -1);
  if (missing.length > 0) {
    const found = foundColumns(headers, mapping);
    // the way to fix it first: a message is cut at 300 characters, and the list of columns found may be long
    throw new KontinuitetError('MISSING_COLUMN', `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ${howToName(missing, headers, index, found.shown)} (${found.text})`, {
      missing,
      columns: headers.length,
      headers: found.shown,
    });
  }
  return index;
}

/** The column index with the optional columns not in `use` switched off. */
export function usedColumns(index: ColumnIndex, use: readonly CanonicalColumn[] | undefined): ColumnIndex {
  if (use === undefined) return index;
  const keep = new Set<CanonicalColumn>([...REQUIRED_COLUMNS, ...use]);
  return Object.fromEntries(CANONICAL_COLUMNS.map((c) => [c, keep.has(c) ? index[c] : -1])) as ColumnIndex;
}

/** Which input header feeds each canonical column present (the ledger's `columns`). */
export function describeColumns(index: ColumnIndex, headers: readonly string[]): Partial<Record<CanonicalColumn, string>> {
  const out: Partial<Record<CanonicalColumn, string>> = {};
  for (const c of CANONICAL_COLUMNS) {
    const i = index[c];
    if (i >= 0) out[c] = (headers[i] ?? '').replace(/^\uFEFF/, '').trim();
  }
  return out;
}
