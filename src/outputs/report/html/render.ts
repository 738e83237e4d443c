import { DateTime } from 'luxon';
import type { ContinuityResult } from '../../../measures/continuity/types.js';
import { KontinuitetError } from '../../../errors.js';
import { flag, shownValue, wholeNumber } from '../../../options.js';
import type { RoutesResult, RouteTotalsWindow } from '../../../measures/routes/types.js';
import type { StaffingResult } from '../../../measures/staffing/types.js';
import { label as L, type Lang, periodLabel } from '../labels.js';
import { rulePhrases } from '../rule-labels.js';
import { esc } from '../svg/markup.js';
import { clientNames, clientsSectionParts, namesNote, type ClientNames } from './clients.js';
import type { PageResult, PageStaffingResult, ReportContext } from './context.js';
import { indicesSection } from './indices.js';
import { groupsOverTimeSection } from './over-time.js';
import { readSection } from './read.js';
import { explainSection } from './explain.js';
import type { ExplainResult } from '../../../measures/explain/types.js';
import { referenceSection } from './reference.js';
import type { KoladaReference } from '../reference/kolada.js';
import { routesSection } from './routes.js';
import { distributionSection, groupsSectionParts, headlineSection, trendSection } from './sections.js';
import { staffingSection } from './staffing.js';
import { REPORT_CSP, REPORT_CSS, REPORT_SCRIPT } from './style.js';

/**
 * The results a report is made of: the continuity measure, and the double staffing of the same
 * log when available (same windows and rules; see {@link measureForReport}).
 *
 * @example
 * const input: ReportInput = { continuity: await measureContinuity('visits.csv'), staffing: await measureStaffing('visits.csv') };
 */
export interface ReportInput {
  continuity: ContinuityResult;
  staffing?: StaffingResult | undefined;
  /**
   * Route efficiency of the same log and windows (shown when some staff-day has coordinates or
   * logged legs); only the totals, all and per group, are read: not the spreads, staff summaries
   * or staff-days (a {@link RoutesResult} will do).
   */
  routes?: (Omit<RoutesResult, 'windows'> & { windows: readonly RouteTotalsWindow[] }) | undefined;
  /** Why clients meet the staff they meet (`explainContinuity` of the same log and rules): shown for the detailed window. */
  explain?: ExplainResult | undefined;
  /** The published figures to show the measured ones beside (see {@link fetchKoladaReference}, {@link loadReference}). */
  reference?: KoladaReference | undefined;
}

/**
 * A {@link ReportInput} as the page reads it: the windows' clients any iterable of what the page
 * reads of them ({@link PageResult}, {@link PageStaffingResult}; a `ReportInput` is one).
 */
export type PageInput = Omit<ReportInput, 'continuity' | 'staffing'> & { continuity: PageResult; staffing?: PageStaffingResult | undefined };

/** The ids of every window's clients. */
function* clientIds(result: PageResult): Generator<string> {
  for (const w of result.windows) for (const c of w.perClient) yield c.client;
}

/**
 * Options of {@link renderReport}.
 *
 * @example
 * const options: ReportOptions = { lang: 'en', target: 14, pseudonymKey: process.env.KONTINUITET_PSEUDONYM_KEY, source: 'visits.csv' };
 */
export interface ReportOptions {
  /** Language of the page. Default `'sv'`. */
  lang?: Lang;
  /** The target (staff per client). Default: the measure's (`continuity.rule.target`, 14 unless set). */
  target?: number;
  /** Show the clients' ids from the log instead of pseudonyms. Default false. */
  showIds?: boolean;
  /** Key of the pseudonyms (HMAC-SHA-256). Default: a random key made for this report (and the report says so). */
  pseudonymKey?: string | undefined;
  /** The window to detail, by its first day `YYYY-MM-DD`. Default: the last window. */
  window?: string | undefined;
  /** The page title. Default "Personalkontinuitet i hemtjänsten" / "Staff continuity in home care". */
  title?: string | undefined;
  /** The name of the log, shown in the header (e.g. the file name). Default: none. */
  source?: string | undefined;
  /** When the report was made, shown in the header in the result's zone. Default now; `null` leaves it out. */
  generatedAt?: Date | null;
  /** How many rejected rows to list. Default 10. */
  maxIssues?: number;
}

/**
 * The report as one self-contained HTML page: key figures with the target and the change, the
 * trend over the monthly series, the distribution of staff per client, groups side by side, double
 * staffing (with `staffing`), a sortable clients table (pseudonymised by default) and what was read.
 * Charts are inline SVG with text alternatives; a Content-Security-Policy forbids every request, so
 * the page works offline and nothing can leave it. All text from the log is escaped.
 *
 * @example
 * const continuity = await measureContinuity('visits.csv');           // one window a month
 * const staffing = await measureStaffing('visits.csv');
 * const html = renderReport({ continuity, staffing }, { lang: 'sv', source: 'visits.csv' });
 * // → '<!doctype html><html lang="sv">…'   (write it to report.html and open it)
 */
export function renderReport(input: ReportInput, options: ReportOptions = {}): string {
  return [...reportParts(input, options)].join('');
}

/**
 * {@link renderReport}'s page in pieces that join to the same page, the clients table a thousand
 * rows at a time: what the CLI writes to its file piece by piece, so a national log's page is
 * never one string. The options are checked before the first piece.
 */
export function reportParts(input: PageInput, options: ReportOptions = {}): Iterable<string> {
  const parts = pageParts(input, options);
  const head = parts.head(input);
  return (function* page(): Generator<string> {
    yield* head;
    yield* parts.tail;
  })();
}

/**
 * The page of {@link reportParts} in two: its end, from the clients table on, which needs no
 * routes and no explanation (`tail`), and its start given them (`head`: the contents name every
 * section). `head(late)` then `tail` is the page of {@link reportParts} with `late`'s routes and
 * explanation: the CLI writes the end while the route rows are still being read. The options are
 * checked first.
 *
 * @example
 * const parts = pageParts({ continuity, staffing }, { lang: 'en' });
 * const end = [...parts.tail].join(''); // later: [...parts.head({ routes }), end].join('')
 */
export function pageParts(input: Omit<PageInput, 'routes' | 'explain'>, options: ReportOptions = {}): { tail: Iterable<string>; head(late: Pick<PageInput, 'routes' | 'explain'>): Iterable<string> } {
  const lang = options.lang ?? 'sv';
  if (lang !== 'sv' && lang !== 'en') throw new KontinuitetError('BAD_OPTION', `lang: must be 'sv' or 'en'`);
  const result = input.continuity;
  const target = options.target ?? result.rule.target;
  if (!Number.isFinite(target)) throw new KontinuitetError('BAD_OPTION', 'target: must be a number');
  flag('showIds', options.showIds);
  if (options.maxIssues !== Infinity) wholeNumber('maxIssues', options.maxIssues, 0, Infinity);
  const at = options.generatedAt;
  if (at !== undefined && at !== null && !(at instanceof Date && !Number.isNaN(at.getTime()))) {
    throw new KontinuitetError('BAD_OPTION', `generatedAt: must be a valid Date or null, got ${shownValue(at)}`);
  }
  const index = options.window === undefined ? result.windows.length - 1 : result.windows.findIndex((w) => w.from === options.window);
  if (options.window !== undefined && index < 0) throw new KontinuitetError('BAD_OPTION', `window: no window starts on ${options.window}`);
  const window = result.windows[index];
  // the clients' names, made for the clients table (in the page's end) and let go after it
  let names: ClientNames | null = clientNames(clientIds(result), { showIds: options.showIds, key: options.pseudonymKey });
  const mode = names.mode;
  const ctx: ReportContext = {
    lang, target, days: result.rule.days, rule: rulePhrases(result.rule, lang), result, window, previous: index > 0 ? result.windows[index - 1] : undefined,
    staffing: window === undefined ? undefined : input.staffing?.windows.find((w) => w.from === window.from && w.to === window.to),
    name: (id) => {
      if (names === null) throw new Error('pageParts: the clients are named in the page\'s end only');
      return names.name(id);
    },
    plainNames: mode !== 'raw',
  };
  // the end: the clients table (in pieces) and what was read, each a line
  const end: [string, string, string | Iterable<string>][] = []; // id, heading, markup
  if (window !== undefined) end.push(['clients', L('clients', lang), clientsSectionParts(ctx, window, namesNote(mode, ctx))]);
  end.push(['read', L('whatWasRead', lang), readSection(ctx, options.maxIssues ?? 10)]);
  const endContents = end.map(([id, heading]) => [id, heading] as const);
  const bottom = ['</main>', `<footer>${esc(L('footer', lang))}</footer>`, `<script>${REPORT_SCRIPT}</script>`, '</body></html>', ''];
  const tail = (function* tail(): Generator<string> {
    yield* lines(end);
    yield bottom.join('\n');
    names = null;
    end.length = 0;
  })();
  const head = (late: Pick<PageInput, 'routes' | 'explain'>): Iterable<string> => {
    const title = options.title ?? L('title', lang);
    const sections: [string, string, string | Iterable<string>][] = []; // id, heading, markup
    if (window !== undefined) {
      sections.push(['headline', L('headline', lang), headlineSection(ctx, window)]);
      if (input.reference !== undefined) sections.push(['reference', L('reference', lang), referenceSection(ctx, window, input.reference)]);
      if (result.windows.length > 1) sections.push(['trend', L('trend', lang), trendSection(ctx)]);
      sections.push(['distribution', L('distribution', lang), distributionSection(ctx, window)]);
      sections.push(['groups', L('groups', lang), groupsSectionParts(ctx, window)]);
      if (result.windows.length > 1) sections.push(['groups-over-time', L('groupsOverTime', lang), groupsOverTimeSection(ctx)]);
      const explained = late.explain?.windows.find((w) => w.from === window.from && w.to === window.to);
      if (explained !== undefined) sections.push(['explain', L('explain', lang), explainSection(ctx, explained, late.explain!.rule)]);
      if (window.indices !== undefined) sections.push(['indices', L('indices', lang), indicesSection(ctx, window)]);
      if (ctx.staffing !== undefined) sections.push(['staffing', L('staffing', lang), staffingSection(ctx, ctx.staffing)]);
      const routes = late.routes;
      const routesWindow = routes?.windows.find((w) => w.from === window.from && w.to === window.to);
      if (routes !== undefined && routesWindow !== undefined && routesWindow.staffDays > routesWindow.staffDaysWithoutCoordinates) {
        sections.push(['routes', L('routes', lang), routesSection(ctx, routesWindow, routes.options.windowMinutes)]);
      }
    }
    const generated = options.generatedAt === null ? null : DateTime.fromJSDate(options.generatedAt ?? new Date()).setZone(result.zone).toFormat('yyyy-MM-dd HH:mm');
    const meta: [string, string][] = [
      ...(options.source === undefined ? [] : [[L('source', lang), options.source] as [string, string]]),
      ...(window === undefined ? [] : [[L('window', lang), periodLabel(window.from, window.to, lang)] as [string, string]]),
      [L('zone', lang), result.zone],
      ...(generated === null ? [] : [[L('generated', lang), generated] as [string, string]]),
    ];
    const top = [
      '<!doctype html>',
      `<html lang="${lang}"><head><meta charset="utf-8">`,
      `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="referrer" content="no-referrer">',
      '<link rel="icon" href="data:,">',
      `<title>${esc(title)}${window === undefined ? '' : ` · ${esc(periodLabel(window.from, window.to, lang))}`}</title>`,
      `<style>${REPORT_CSS}</style></head><body>`,
      `<header><h1>${esc(title)}</h1><p class="lead">${esc(L('intro', lang, ctx.rule))}</p>`,
      `<div class="meta">${meta.map(([k, v]) => `<span>${esc(k)}: <b>${esc(v)}</b></span>`).join('')}</div>`,
      `<nav class="toc" aria-label="${esc(L('contents', lang))}">${[...sections, ...endContents].map(([id, h]) => `<a href="#${id}">${esc(h)}</a>`).join('')}</nav></header>`,
      '<main>',
      window === undefined ? `<p class="note warn">${esc(L('noWindowsReport', lang))}</p>` : '',
    ];
    return (function* head(): Generator<string> {
      yield `${top.join('\n')}\n`;
      yield* lines(sections);
    })();
  };
  return { tail, head };
}

/** The sections' markup, each a line: a section's markup is one line, given in pieces. */
function* lines(sections: readonly [string, string, string | Iterable<string>][]): Generator<string> {
  for (const [, , markup] of sections) {
    if (typeof markup === 'string') yield markup;
    else yield* markup;
    yield '\n';
  }
}
