/**
 * kontinuitet: staff continuity, double staffing and continuity indices from home-care visit
 * logs. The HTML report, route efficiency, the CI check and the generator of synthetic logs are
 * entries of their own: `kontinuitet/report`, `kontinuitet/routes`, `kontinuitet/check` and
 * `kontinuitet/generate`. docs/api.md lists every name of every entry.
 * @packageDocumentation
 */

// Reading visit logs
export { readVisits, scanVisits, DEFAULT_ZONE } from './visits/read.js';
export type { Visit, ReadLedger, ReadOptions, VisitInput, VisitSource } from './visits/types.js';
export { CANONICAL_COLUMNS, HEADER_ALIASES, REQUIRED_COLUMNS, type CanonicalColumn } from './visits/columns.js';
export { pseudonymiser } from './visits/pseudonymise.js';

// Measuring continuity (the Kolada indicator)
export { measureContinuity, continuity, type MeasureOptions } from './continuity/measure.js';
export type { EngineSettings } from './engine-settings.js';
export type { MonthAnchor } from './time/windows.js';

// The rules of the indicator
export { resolveRules, PRESET_NAMES, EXCLUDED_KIND_SYNONYMS, EXCLUDED_ROLE_SYNONYMS, type ContinuityRules } from './continuity/rules.js';

// Continuity results
export type {
  ContinuityResult, ContinuityWindow, ContinuitySummary, ClientContinuity, ClientCounts, IneligibleReason, ExclusionReason, RowCounts,
} from './continuity/types.js';

// Double staffing
export { measureStaffing, staffing, ALL_VISITS_RULES, type StaffingOptions } from './staffing/measure.js';
export type {
  StaffingResult, StaffingWindow, StaffingSummary, StaffingScope, ClientStaffing, DoubleStaffedVisit, DuplicateRegistration, RecurringSlot,
} from './staffing/types.js';
export type { Slot } from './staffing/slots.js';

// Continuity indices and spread measures
export { continuityIndices, contactPersonShare, type ContinuityIndices, type ContactShare } from './indices/index.js';
export type { ClientIndices, IndicesSummary } from './continuity/indices.js';
export { spread, histogram, type Spread } from './summary/spread.js';

// Errors
export { KontinuitetError, type ErrorCode, type RowIssue, type RowIssueCode } from './errors.js';

// Tables, CSV, charts and display in notebooks
export { continuityTable } from './report/table.js';
export { staffingTable } from './staffing/table.js';
export { writeCsv, escapeFormula } from './report/csv.js';
export { displayable, displaySvg, JUPYTER_DISPLAY, type Displayable, type DisplayOptions, type MediaBundle } from './report/display.js';
export {
  histogramSvg, trendSvg, groupsSvg, type HistogramSvgOptions, type TrendSvgOptions, type TrendPoint, type GroupsSvgOptions,
} from './report/svg/index.js';
export type { Lang } from './report/labels.js';
