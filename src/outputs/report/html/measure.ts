import type { MeasureOptions } from '../../../measures/continuity/settings.js';
import { flag } from '../../../options.js';
import { measureStaffingStreamed, measureStaffingWithContinuity, type Beside, type StaffingOptions } from '../../../measures/staffing/measure.js';
import type { StreamedResult } from '../../../engine/clientlist.js';
import type { ReadOptions, VisitSource } from '../../../read/types.js';
import type { ContinuityResult } from '../../../measures/continuity/types.js';
import type { StaffingResult } from '../../../measures/staffing/types.js';

/**
 * Everything a report shows, from one pass over a visit log: the continuity measure (with the
 * continuity indices unless `indices: false`) and the double-staffing figures with the same
 * windows and rules (the log is read once, so standard input works), through the engine's door
 * as the measures read it (`engine`: the fast path, the threads, spilling). Without `from`, one
 * window a month.
 *
 * @example
 * const input = await measureForReport('visits.csv', { anchor: 'first-monday' });
 * const html = renderReport(input, { lang: 'en' });
 */
export async function measureForReport(source: VisitSource, options: MeasureOptions & Pick<StaffingOptions, 'slotToleranceMinutes' | 'slotMinDayShare'> & ReadOptions = {}): Promise<{ continuity: ContinuityResult; staffing: StaffingResult }> {
  const { indices, ...staffing } = options;
  flag('indices', indices);
  // one accumulator for both: the staffing figures (scope: the counted visits) read its counted
  // rows, then it is evaluated for the measure
  return measureStaffingWithContinuity(source, staffing, indices !== false);
}

/**
 * {@link measureForReport} as the page reads it: the measure's clients kept in the engine's
 * columns (made into objects when the page reads them), and the staffing windows'
 * `doubleStaffed` lists empty (the page shows the counts, all kept). What the CLI's report
 * measures.
 *
 * @example
 * const page = [...reportParts(await measureForPage('visits.csv', { from: '2024-10-01' }))].join('');
 */
export async function measureForPage(source: VisitSource, options: MeasureOptions & Pick<StaffingOptions, 'slotToleranceMinutes' | 'slotMinDayShare'> & ReadOptions = {}, beside?: Beside): Promise<{ continuity: StreamedResult; staffing: StaffingResult }> {
  const { indices, ...staffing } = options;
  flag('indices', indices);
  return measureStaffingStreamed(source, staffing, indices !== false, false, beside);
}
