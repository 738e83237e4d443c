/**
 * `check`: continuity targets for a schedule or visit log — a pure check of a measure result
 * against targets and a baseline, the configuration file and its schema, and the CI outputs.
 */
export { checkTargets, rejectedShare, TARGET_KEYS, TARGET_SET_KEYS, type CheckOptions } from './targets.js';
export { compareToBaseline, pairWindows } from './baseline.js';
export { loadCheckConfig, parseCheckConfig, findCheckConfig, CHECK_CONFIG_SCHEMA, CONFIG_FILE_NAME } from './config.js';
export { validateJson, SCHEMA_KEYWORDS, type JsonSchema, type SchemaIssue } from './schema.js';
export { measureSchedule, checkSchedule, type ScheduleMeasure, type ScheduleOptions } from './schedule.js';
export { checkTable, checkMarkdown } from './format-text.js';
export { githubAnnotations, checkJunit, xmlEscape } from './format-ci.js';
export type {
  BaselineChange, CheckConfig, CheckItem, CheckReport, CheckStatus, ClientRef, Figure, GroupTargets, StatusCounts, TargetKey,
  Targets, TargetSet, Tolerance, WarnWithin,
} from './types.js';
