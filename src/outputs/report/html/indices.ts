import type { Spread } from '../../../summary/spread.js';
import { esc } from '../svg/markup.js';
import type { PageWindow, ReportContext } from './context.js';
import { int, num, pct } from './format.js';
import { capital, label as L } from '../labels.js';

const INDEX_ROWS = [['upc', 'UPC'], ['coc', 'COC'], ['secon', 'SECON'], ['hhi', 'HHI'], ['mmci', 'MMCI']] as const;

/**
 * The continuity indices of the window (when the measure ran with `indices: true`): for each of
 * UPC, COC, SECON, HHI and MMCI and the contact-person share, the mean, median and quartiles over
 * counted clients, and how many clients have no contact person listed.
 *
 * @example
 * indicesSection(ctx, window); // → '<section id="indices">…</section>' or '' without indices
 */
export function indicesSection(ctx: ReportContext, w: PageWindow): string {
  const x = w.indices;
  if (x === undefined) return '';
  const { lang } = ctx;
  const row = (name: string, s: Spread, share: boolean) => {
    const f = (v: number | null) => (share ? pct(v, lang) : num(v, lang, 2));
    return `<tr><th scope="row">${esc(name)}</th><td class="num">${esc(int(s.n, lang))}</td><td class="num">${esc(f(s.mean))}</td><td class="num">${esc(f(s.median))}</td><td class="num">${esc(f(s.q1))} – ${esc(f(s.q3))}</td></tr>`;
  };
  const head = [L('index', lang), 'n', capital(L('mean', lang)), capital(L('median', lang)), 'q1 – q3'].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const rows = [...INDEX_ROWS.map(([k, name]) => row(name, x[k], false)), row(capital(L('contactShare', lang)), x.contactShare, true)].join('');
  return `<section id="indices"><h2>${esc(L('indices', lang))}</h2><p class="note">${esc(L('indicesIntro', lang))}</p>`
    + `<div class="scroll"><table id="indices-table"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
    + (x.withoutContact > 0 ? `<p class="note">${esc(L('withoutContactNote', lang, { n: x.withoutContact }))}</p>` : '')
    + '</section>';
}
