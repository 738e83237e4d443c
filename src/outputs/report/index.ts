/**
 * `kontinuitet/report`: the self-contained HTML report (charts, groups, double staffing, indices,
 * the clients table, what was read) and the measure that feeds it.
 * @packageDocumentation
 */
// the results measureForReport gives show themselves in a notebook, as those of the main entry
import { showResultsInNotebooks } from './display.js';

showResultsInNotebooks();

export { renderReport, measureForReport, REPORT_CSP, type ReportInput, type ReportOptions } from './html/index.js';
export { fetchKoladaReference, loadReference, saveReference, KOLADA_ROOTS, type KoladaFetch, type KoladaReference, type PublishedFigures } from './reference/kolada.js';
