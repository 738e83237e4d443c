import { ContinuityAccumulator } from '../../continuity/accumulator.js';
import { MEASURE_COLUMNS, type MeasureOptions } from '../../continuity/options.js';
import { StaffingAccumulator, type StaffingOptions } from '../../staffing/measure.js';
import { scanVisits } from '../../visits/read.js';
import type { ReadOptions, VisitSource } from '../../visits/types.js';
import type { ContinuityResult } from '../../continuity/types.js';
import type { StaffingResult } from '../../staffing/types.js';

/**
 * Everything a report shows, from one pass over a visit log: the continuity measure (with the
 * continuity indices unless `indices: false`) and the double-staffing figures with the same windows and rules (the log is read once, so standard
 * input works). Without `from`, one window a month.
 *
 * @example
 * const input = await measureForReport('visits.csv', { anchor: 'first-monday' });
 * const html = renderReport(input, { lang: 'en' });
 */
export async function measureForReport(source: VisitSource, options: MeasureOptions & Pick<StaffingOptions, 'slotToleranceMinutes' | 'slotMinDayShare'> & ReadOptions = {}): Promise<{ continuity: ContinuityResult; staffing: StaffingResult }> {
  const { slotToleranceMinutes, slotMinDayShare, ...measure } = options;
  const continuity = new ContinuityAccumulator({ indices: true, ...measure });
  const staffing = new StaffingAccumulator({
    ...measure,
    ...(slotToleranceMinutes !== undefined ? { slotToleranceMinutes } : {}),
    ...(slotMinDayShare !== undefined ? { slotMinDayShare } : {}),
  });
  const ledger = await scanVisits(source, (v) => {
    continuity.add(v);
    staffing.add(v);
  }, { use: MEASURE_COLUMNS, ...measure, zone: continuity.zone.name });
  return { continuity: continuity.finish(ledger), staffing: staffing.finish(ledger) };
}
