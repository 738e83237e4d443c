export { histogramSvg, type HistogramSvgOptions } from './histogram.js';
export { trendSvg, type TrendPoint, type TrendSvgOptions } from './trend.js';
export { groupsSvg, type GroupsSvgOptions } from './groups.js';
export { escapeHtml } from './markup.js';
export { dayLabel, periodLabel } from '../labels.js';
