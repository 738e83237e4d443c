/**
 * kontinuitet: staff continuity, double staffing and route efficiency from home-care visit logs.
 * @packageDocumentation
 */
export { KontinuitetError, type ErrorCode, type RowIssue, type RowIssueCode } from './errors.js';
export { readVisits, scanVisits, DEFAULT_ZONE } from './visits/read.js';
export type { Visit, ReadLedger, ReadOptions, VisitInput, VisitSource } from './visits/types.js';
export { CANONICAL_COLUMNS, HEADER_ALIASES, REQUIRED_COLUMNS, normaliseHeader, resolveColumns, type CanonicalColumn } from './visits/columns.js';
export { detectDelimiter } from './visits/csv.js';
export { pseudonymiser } from './visits/pseudonymise.js';
export { LocalZone } from './time/zone.js';
export { parseTimestamp, parseDay } from './time/parse.js';
export * from './indices/index.js';
export { measureContinuity, continuity, ContinuityAccumulator, type MeasureOptions } from './continuity/measure.js';
export type { EngineSettings } from './engine/settings.js';
export { resolveRules, kindMatches, EXCLUDED_KIND_SYNONYMS, EXCLUDED_ROLE_SYNONYMS, PRESET_NAMES, type ContinuityRules } from './continuity/rules.js';
export type { ContinuityResult, ContinuityWindow, ClientContinuity, ClientCounts, ContinuitySummary, IneligibleReason, ExclusionReason, RowCounts } from './continuity/types.js';
export { spread, histogram, type Spread } from './summary/spread.js';
export { dayWindow, monthlyWindows, type DayWindow, type MonthAnchor } from './time/windows.js';
export { groupVisits, overlapsByHalf, type GroupableRow } from './continuity/group.js';
export { isDoubleStaffed, longestTogether, peakTogether, staffTime, duplicateRegistrations, type PresenceRow } from './staffing/together.js';
export { measureStaffing, staffing, StaffingAccumulator, ALL_VISITS_RULES, type StaffingOptions } from './staffing/measure.js';
export { analyseVisit, type VisitStaffing, type VisitStaffingKind } from './staffing/visit.js';
export { recurringSlots, type Slot, type SlotVisit, type SlotOptions } from './staffing/slots.js';
export { staffingTable } from './staffing/table.js';
export type { StaffingResult, StaffingWindow, StaffingSummary, StaffingScope, ClientStaffing, DoubleStaffedVisit, DuplicateRegistration, RecurringSlot } from './staffing/types.js';
export { escapeFormula, writeCsv } from './report/csv.js';
export { continuityTable } from './report/table.js';
export { generateRows, writeGeneratedCsv, GENERATED_COLUMNS, PROFILE_SCATTER, type GenerateOptions, type GeneratedRow, type PlantedTruth, type GenerateProfile } from './generate/index.js';
export { clientIndices, summariseIndices, type ClientIndices, type IndicesSummary } from './continuity/indices.js';
export {
  checkTargets, compareToBaseline, pairWindows, checkSchedule, measureSchedule,
  loadCheckConfig, parseCheckConfig, findCheckConfig, CHECK_CONFIG_SCHEMA, CONFIG_FILE_NAME,
  checkTable, checkMarkdown, githubAnnotations, checkJunit,
  type CheckOptions, type ScheduleMeasure, type ScheduleOptions, type BaselineChange, type CheckConfig,
  type CheckItem, type CheckReport, type CheckStatus, type ClientRef, type Figure, type GroupTargets,
  type StatusCounts, type TargetKey, type Targets, type TargetSet, type Tolerance, type WarnWithin,
} from './check/index.js';
export { renderReport, measureForReport, REPORT_CSP, type ReportInput, type ReportOptions } from './report/html/index.js';
export { histogramSvg, trendSvg, groupsSvg, escapeHtml, dayLabel, periodLabel, type HistogramSvgOptions, type TrendSvgOptions, type TrendPoint, type GroupsSvgOptions } from './report/svg/index.js';
export { displayable, displaySvg, JUPYTER_DISPLAY, type Displayable, type DisplayOptions, type MediaBundle } from './report/display.js';
export type { Lang } from './report/labels.js';
export { bestOrder, type BestOrderOptions, type BestOrderResult } from './routes/bestOrder.js';
export { measureRoutes, routes, RoutesAccumulator, type RoutesOptions } from './routes/measure.js';
export { routeDay, unionMinutes, type RouteStop, type RouteDayOptions, type DayFigures } from './routes/day.js';
export { EARTH_RADIUS_KM, haversineKm, haversineModel, travelMatrix, type DistanceModel, type HaversineOptions, type LatLon, type Leg } from './routes/distance.js';
export { parseRoadNetwork, readRoadNetwork, roadModel, type RoadNetwork } from './routes/roads.js';
export { routeSpread, summariseRoutes } from './routes/summary.js';
export { routesTable } from './routes/table.js';
export type { RouteReason, RouteSpread, RouteSummary, RoutesResult, RoutesWindow, StaffDayRoute, TravelSource } from './routes/types.js';
