/**
 * kontinuitet: staff continuity, double staffing and continuity indices from home-care visit
 * logs. The HTML report, route efficiency, the CI check and the generator of synthetic logs are
 * entries of their own: `kontinuitet/report`, `kontinuitet/routes`, `kontinuitet/check` and
 * `kontinuitet/generate`. docs/api.md lists every name of every entry.
 * @packageDocumentation
 */

// Reading visit logs
export { readVisits, scanVisits, DEFAULT_ZONE } from './read/read.js';
export type { Visit, ReadLedger, ReadOptions, VisitInput, VisitRowInput, TimeValue, VisitSource } from './read/types.js';
export type { ProgressEvent } from './progress.js';
export { CANONICAL_COLUMNS, HEADER_ALIASES, REQUIRED_COLUMNS, type CanonicalColumn } from './read/columns.js';
export { pseudonymiser } from './read/pseudonymise.js';

// Measuring continuity (the Kolada indicator)
export { measureContinuity, continuity, type MeasureOptions } from './measures/continuity/measure.js';
export type { EngineSettings } from './engine-settings.js';
export type { MonthAnchor } from './windows/windows.js';

// A live tracker for planning systems
export { ContinuityTracker, type TrackedVisit, type TrackerOptions, type Candidate, type TrackedClient, type TrackerSummary } from './measures/continuity/tracker.js';

// The rules of the indicator
export { resolveRules, PRESET_NAMES, EXCLUDED_KIND_SYNONYMS, EXCLUDED_ROLE_SYNONYMS, type ContinuityRules } from './measures/continuity/rules.js';

// The rule as one SQL query, for logs in a database (DuckDB, PostgreSQL)
export { continuitySql, type ContinuitySqlOptions, type SqlDialect } from './outputs/sql/index.js';

// Continuity results
export type {
  ContinuityResult, ContinuityWindow, ContinuitySummary, ClientContinuity, ClientCounts, IneligibleReason, ExclusionReason, RowCounts,
} from './measures/continuity/types.js';

// Double staffing
export { measureStaffing, staffing, ALL_VISITS_RULES, type StaffingOptions } from './measures/staffing/measure.js';
export type {
  StaffingResult, StaffingWindow, StaffingSummary, StaffingScope, ClientStaffing, DoubleStaffedVisit, DuplicateRegistration, RecurringSlot,
} from './measures/staffing/types.js';
export type { Slot } from './measures/staffing/slots.js';

// Continuity indices and spread measures
export { continuityIndices, contactPersonShare, type ContinuityIndices, type ContactShare } from './measures/indices/index.js';
export type { ClientIndices, IndicesSummary } from './measures/continuity/indices.js';
export { spread, histogram, type Spread } from './summary/spread.js';

// Planning toward the goal (reassigning staff to cut staff per client)
export { planContinuity, type PlanOptions, type PlanResult, type PlanFigures, type PlanChange } from './plan/index.js';
export type { SearchReport } from './plan/search.js';
export { readRoster, type RosterShift, type RosterLedger, type RosterSource } from './plan/roster.js';
export type { RosterEffect } from './plan/roster-model.js';
export { solverPoolFiles, type PoolSource, type SolverPoolFiles, type TimefoldVisit } from './plan/pools.js';

// Errors
export { KontinuitetError, type ErrorCode, type RowIssue, type RowIssueCode } from './errors.js';

// Tables, CSV, charts and display in notebooks
export { continuityTable } from './outputs/report/table.js';
export { staffingTable } from './outputs/staffing/table.js';
export { writeCsv, escapeFormula } from './outputs/report/csv.js';
export { displayable, displaySvg, JUPYTER_DISPLAY, type Displayable, type DisplayOptions, type MediaBundle } from './outputs/report/display.js';
import { showResultsInNotebooks } from './outputs/report/display.js';
// results show themselves as tables in a notebook (Deno's Jupyter kernel)
showResultsInNotebooks();
export {
  histogramSvg, trendSvg, groupsSvg, type HistogramSvgOptions, type TrendSvgOptions, type TrendPoint, type GroupsSvgOptions,
} from './outputs/report/svg/index.js';
export type { Lang } from './outputs/report/labels.js';

// Explaining a count, comparing two schedules
export { explainContinuity } from './measures/explain/explain.js';
export type { ExplainOptions, ExplainResult, ExplainWindow, ExplainSummary, ClientExplanation, StaffCategory, CategoryCounts } from './measures/explain/types.js';
export { compareContinuity } from './measures/explain/compare.js';
export type { CompareOptions, CompareResult, CompareWindow, ClientChange, ClientFigures, StaffMove, UnmatchedVisit, VisitDifference } from './measures/explain/compare-types.js';
