/**
 * `kontinuitet/check`: continuity targets for a schedule or visit log — a pure check of a measure
 * result against targets and a baseline, the configuration file and its schema, and the CI outputs.
 * @packageDocumentation
 */

// Checking targets
export { measureSchedule, checkSchedule, type ScheduleMeasure, type ScheduleOptions } from './schedule.js';
export { checkTargets, type CheckOptions } from './targets.js';
export { compareToBaseline, pairWindows } from './baseline.js';

// The configuration file
export { loadCheckConfig, parseCheckConfig, findCheckConfig, CHECK_CONFIG_SCHEMA, CONFIG_FILE_NAME } from './config.js';
export type { JsonSchema } from './schema.js';

// Outputs: terminal, Markdown, GitHub annotations, JUnit
export { checkTable, checkMarkdown } from './format-text.js';
export { githubAnnotations, checkJunit } from './format-ci.js';

// Types
export type {
  BaselineChange, CheckConfig, CheckItem, CheckReport, CheckStatus, ClientRef, Figure, GroupTargets, StatusCounts, TargetKey,
  Targets, TargetSet, Tolerance, WarnWithin,
} from './types.js';
