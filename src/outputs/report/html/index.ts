export { renderReport, type ReportInput, type ReportOptions } from './render.js';
export { measureForReport } from './measure.js';
export { REPORT_CSP } from './style.js';
