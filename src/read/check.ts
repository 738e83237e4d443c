import type { RowIssue, RowIssueCode } from '../errors.js';
import { civilFromDays } from '../windows/civil.js';
import type { LocalZone } from '../windows/zone.js';
import { CANONICAL_COLUMNS, REQUIRED_COLUMNS, type CanonicalColumn, type ColumnIndex } from './columns.js';
import { cellText, ObjectRowReader } from './objects.js';
import { plausible, shortEnough, timeLimits, type TimeLimits } from './plausible.js';
import { RowConverter, trimmed } from './row.js';
import type { Visit } from './types.js';

/** A visit's fields and the column each is read from. */
const FIELDS: readonly (readonly [keyof Visit, CanonicalColumn])[] = [
  ['visitId', 'visit_id'], ['client', 'client_id'], ['staff', 'staff_id'],
  ['start', 'start'], ['end', 'end'], ['kind', 'kind'], ['group', 'group'],
  ['birthDay', 'client_birth_date'], ['age', 'client_age'], ['staffRole', 'staff_role'],
  ['contactStaff', 'contact_staff_id'], ['lat', 'lat'], ['lon', 'lon'],
  ['travelMinutes', 'travel_minutes'], ['travelKm', 'travel_km'],
  ['shiftStart', 'shift_start'], ['shiftEnd', 'shift_end'],
];

/**
 * Checks what is handed to a measure in memory (`continuity(visits)`, `staffing`, `routes`, an
 * accumulator's `add`) as the reader checks rows. Two shapes are taken, object by object:
 * - a {@link Visit} (the reader's shape: an object with `client` and `staff` and a `line` or
 *   `birthDay`): one whose fields are already what the reader gives passes as it is; any other is
 *   read field by field as the reader reads an in-memory row (numbers and `Date`s as the object
 *   reader takes them, text times parsed in the zone, ids trimmed);
 * - any other object is a row of a planning system ({@link VisitRowInput}: canonical keys, their
 *   camelCase spellings or aliases), read by the object reader ({@link ObjectRowReader}: its
 *   first such row is the header, and one without the required columns is `MISSING_COLUMN`).
 *
 * Either becomes a visit or a {@link RowIssue} with the reader's code (`bad_value`,
 * `missing_value`, `time_format`, `end_before_start`, `bad_number`, `bad_date`, …). Only the
 * fields of the columns the measure uses are checked (as the reader's `use`). Rejected visits are
 * counted and listed here (the first `maxIssues`).
 *
 * @example
 * const checker = new VisitChecker(new LocalZone('Europe/Stockholm'), ['group']);
 * checker.check({ line: 1, client: 'C1', staff: 'S1', start: Number.NaN, end: 0 }); // → null
 * checker.issues[0].code; // → 'time_format'
 * checker.check({ clientId: 'C1', staffId: 'S1', start: '2024-10-01 08:00', end: '2024-10-01 08:30' }); // → a Visit (line 2)
 */
export class VisitChecker {
  /** Visits checked, rejected, and the rejected by code. */
  checked = 0;
  rejected = 0;
  readonly rejectedByCode: Partial<Record<RowIssueCode, number>> = {};
  readonly issues: RowIssue[] = [];
  issuesOmitted = 0;
  private readonly uses: boolean[];
  private readonly converter: RowConverter;
  private readonly limits: TimeLimits;
  /** The reader of the rows that are not visits, made at the first. */
  private rows: ObjectRowReader | null = null;

  constructor(private readonly zone: LocalZone, private readonly use: readonly CanonicalColumn[], private readonly maxIssues = 1000) {
    const used = new Set<CanonicalColumn>([...REQUIRED_COLUMNS, ...use]);
    this.uses = FIELDS.map(([, column]) => used.has(column));
    const index = Object.fromEntries(CANONICAL_COLUMNS.map((c, i) => [c, used.has(c) ? i : -1])) as ColumnIndex;
    // the reader's default plausible range and longest visit (time_implausible, visit_too_long)
    this.limits = timeLimits({}, zone);
    this.converter = new RowConverter(index, 0, zone, null, this.limits);
  }

  /**
   * The visit as the reader would give it (the object itself when it is already so; only the
   * used fields are then guaranteed), or null when it is rejected (counted and listed here).
   */
  check(v: unknown): Visit | null {
    const position = ++this.checked;
    if (this.isClean(v)) return v;
    const r = isRow(v) ? this.rowReader().read(v, position) : this.read(v, position);
    if ('client' in r) return r;
    this.rejected++;
    this.rejectedByCode[r.code] = (this.rejectedByCode[r.code] ?? 0) + 1;
    if (this.issues.length < this.maxIssues) this.issues.push(r);
    else this.issuesOmitted++;
    return null;
  }

  /** Which key fed each canonical column of the rows that are not visits (by the first such row); null when there was none. */
  get rowColumns(): Partial<Record<CanonicalColumn, string>> | null {
    return this.rows === null ? null : this.rows.columns;
  }

  private rowReader(): ObjectRowReader {
    return (this.rows ??= new ObjectRowReader(this.zone, { use: this.use }, null, this.limits));
  }

  /** True when the used fields are what the reader gives (the path of every visit a reader made). */
  private isClean(v: unknown): v is Visit {
    if (typeof v !== 'object' || v === null) return false;
    const x = v as Visit;
    const u = this.uses;
    return Number.isInteger(x.line) && x.line >= 1
      && id(x.client) && id(x.staff) && this.time(x.start) && this.time(x.end) && x.end > x.start
      && shortEnough(this.limits, x.start, x.end)
      && (!u[0] || text(x.visitId)) && (!u[5] || text(x.kind)) && (!u[6] || text(x.group))
      && (!u[7] || x.birthDay === null || Number.isInteger(x.birthDay))
      && (!u[8] || x.age === null || (Number.isInteger(x.age) && x.age >= 0 && x.age <= 130))
      && (!u[9] || text(x.staffRole)) && (!u[10] || text(x.contactStaff))
      && (!u[11] || within(x.lat, -90, 90)) && (!u[12] || within(x.lon, -180, 180))
      && (!u[13] || within(x.travelMinutes, 0, 1440)) && (!u[14] || within(x.travelKm, 0, 2000))
      && (!u[15] || x.shiftStart === null || this.time(x.shiftStart)) && (!u[16] || x.shiftEnd === null || this.time(x.shiftEnd));
  }

  /** A whole epoch ms in the plausible range. */
  private time(v: unknown): v is number {
    return Number.isInteger(v) && plausible(this.limits, v as number);
  }

  /** The visit read as the object reader reads a row, or its issue. */
  private read(v: unknown, position: number): Visit | RowIssue {
    if (typeof v !== 'object' || v === null) return { line: position, column: null, code: 'bad_value', message: `line ${position}: is not a visit object` };
    const x = v as Readonly<Record<string, unknown>>;
    const line = Number.isInteger(x.line) && (x.line as number) >= 1 ? (x.line as number) : position;
    const fields = new Array<string>(CANONICAL_COLUMNS.length).fill('');
    for (let k = 0; k < FIELDS.length; k++) {
      if (!this.uses[k]) continue;
      const [key, column] = FIELDS[k]!;
      let value = x[key];
      // a visit's birth date is a day number; the reader's is a YYYY-MM-DD text
      if (key === 'birthDay' && Number.isInteger(value)) value = civilFromDays(value as number);
      const text = cellText(value, column, this.zone);
      if (typeof text !== 'string') return { line, column, code: text.code, message: `line ${line}, column ${column}: ${text.why}` };
      fields[CANONICAL_COLUMNS.indexOf(column)] = text;
    }
    return this.converter.convert(fields, line);
  }
}

/**
 * True for an object that is a row of a planning system rather than a {@link Visit}: a visit has
 * `client` and `staff` and a `line` or `birthDay` (the reader's shape; a row names its columns
 * `client_id`, `clientId`, `Brukare`, …, and has neither `line` nor `birthDay`).
 */
function isRow(v: unknown): v is object {
  if (typeof v !== 'object' || v === null) return false;
  return !('client' in v && 'staff' in v && ('line' in v || 'birthDay' in v));
}

function id(v: unknown): boolean {
  return typeof v === 'string' && v !== '' && trimmed(v) === v;
}

function text(v: unknown): boolean {
  return typeof v === 'string' && trimmed(v) === v;
}

function within(v: unknown, min: number, max: number): boolean {
  return v === null || (typeof v === 'number' && v >= min && v <= max);
}
