/**
 * The report's Content-Security-Policy: nothing may be fetched, framed, posted or sent (no
 * network at all); only the page's own inline style and script run, and images only from
 * `data:` URLs. The report carries it in a `<meta http-equiv>`; a server that hosts reports can
 * send it as a header too.
 *
 * @example
 * REPORT_CSP.startsWith("default-src 'none'"); // → true
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The report's style sheet: screen and print. */
export const REPORT_CSS = `
:root { color-scheme: light; --text: #1d1d1f; --muted: #5b5b5b; --line: #dcdcdc; --soft: #f5f6f8; --accent: #1f4e79;
  --ok: #2e7d32; --warn: #9a5b00; --bad: #b8323c; --bar: #4e79a7; --bar-target: #f0a04b; --bar-20: #b8323c; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: var(--text); background: #fff; line-height: 1.45; }
body { margin: 0 auto; max-width: 1080px; padding: 24px 28px 48px; overflow-wrap: break-word; }
@media (max-width: 719.98px) { body { padding: 16px 12px 40px; } h1 { font-size: 1.4rem; } }
h1 { font-size: 1.7rem; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1rem; margin: 20px 0 8px; }
p { margin: 6px 0 10px; }
.lead { color: var(--muted); max-width: 70ch; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 18px; color: var(--muted); font-size: .9rem; margin: 8px 0; }
.meta b { color: var(--text); font-weight: 600; }
.note { background: var(--soft); border-left: 4px solid var(--accent); padding: 8px 12px; font-size: .9rem; margin: 12px 0; }
.note.warn { border-left-color: var(--warn); }
nav.toc { font-size: .9rem; margin: 10px 0 0; display: flex; flex-wrap: wrap; gap: 2px 14px; }
nav.toc a { color: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; margin: 12px 0; }
@media (max-width: 640px) { .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fff; break-inside: avoid; }
.card .label { font-size: .85rem; color: var(--muted); }
.card .value { font-size: 1.9rem; font-weight: 650; line-height: 1.2; font-variant-numeric: tabular-nums; }
.card .sub { font-size: .85rem; color: var(--muted); }
.card.ok { border-top: 4px solid var(--ok); }
.card.over { border-top: 4px solid var(--warn); }
.chip { display: inline-block; font-size: .78rem; font-weight: 600; padding: 1px 7px; border-radius: 10px; }
.chip.ok { background: #e3f1e4; color: var(--ok); }
.chip.over { background: #fbeedd; color: var(--warn); }
figure { margin: 10px 0 18px; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
/* a chart comes in layouts for narrow, medium and wide screens (its text stays >= 12 px at the
   smallest width each is shown at); one is shown, the wide one when printed */
.chart > svg { display: none; }
.chart > svg.narrow { display: block; width: 100%; max-width: 540px; }
@media (min-width: 720px) { .chart > svg.narrow { display: none; } .chart > svg.medium { display: block; } }
@media (min-width: 1040px) { .chart > svg.medium { display: none; } .chart > svg.wide { display: block; } }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 8px 16px; }
.multiples svg { display: block; width: 100%; max-width: 420px; height: auto; }
figcaption { font-size: .85rem; color: var(--muted); max-width: 75ch; }
.two { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; align-items: start; }
.two > table { justify-self: start; min-width: 260px; }
@media (max-width: 1039.98px) { .two { grid-template-columns: minmax(0, 1fr); } }
table { border-collapse: collapse; font-size: .88rem; font-variant-numeric: tabular-nums; margin: 8px 0 14px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafafa; }
tr.total td { font-weight: 600; }
th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
th button::after { content: ' ↕'; color: #aaa; font-size: .8em; }
th[aria-sort=ascending] button::after { content: ' ▲'; color: var(--accent); }
th[aria-sort=descending] button::after { content: ' ▼'; color: var(--accent); }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll > table, .table-wrap > table { margin-top: 0; }
/* the key column stays in view while a wide table scrolls sideways */
.scroll th:first-child, .scroll td:first-child, .table-wrap th:first-child, .table-wrap td:first-child { position: sticky; left: 0; z-index: 1; background: #fff; }
.scroll thead th:first-child, .table-wrap thead th:first-child { background: var(--soft); z-index: 2; }
tbody tr:nth-child(even) td:first-child { background: #fafafa; }
.tools { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 8px 0 4px; font-size: .9rem; }
.tools select { font: inherit; }
button.csv { font: inherit; font-size: .82rem; color: var(--accent); background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: 1px 8px; cursor: pointer; }
button.csv:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.table-wrap { max-height: 640px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.table-wrap table { margin: 0; width: 100%; }
.table-wrap thead th { position: sticky; top: 0; z-index: 2; }
.table-wrap thead th:first-child { z-index: 3; }
td.id { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: .85rem; }
td.staff { text-align: left; min-width: 150px; white-space: nowrap; }
td.staff .n { display: inline-block; min-width: 2.2em; text-align: right; margin-right: 8px; }
.bar { display: inline-block; height: .7em; vertical-align: baseline; border-radius: 2px; background: var(--bar); }
.bar.t { background: var(--bar-target); }
.bar.x { background: var(--bar-20); }
.muted { color: var(--muted); }
label.filter { font-size: .9rem; display: inline-flex; gap: 6px; align-items: center; margin: 4px 0 8px; }
table.only-counted tr[data-counted="0"] { display: none; }
dl.rules { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 2px 16px; font-size: .9rem; }
dl.rules dt { color: var(--muted); }
dl.rules dd { margin: 0; }
footer { margin-top: 40px; font-size: .82rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: 8px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; margin-top: 20px; }
  nav.toc, label.filter, th button::after, .tools, button.csv { display: none; }
  .chart > svg, .chart > svg.narrow, .chart > svg.medium { display: none; }
  .chart > svg.wide { display: block; }
  .scroll th:first-child, .scroll td:first-child, .table-wrap th:first-child, .table-wrap td:first-child { position: static; }
  .scroll { overflow-x: auto; max-width: 100%; }
.table-wrap { max-height: none; overflow: visible; border: 0; }
  .table-wrap thead th { position: static; }
  section, figure, .card, tr { break-inside: avoid; }
  .two { grid-template-columns: minmax(0, 1fr); }
  .no-print { display: none; }
  table { font-size: 8pt; }
  th, td { padding: 2px 4px; }
  th, td.nowrap { white-space: normal; }
  td.id { font-size: 7.5pt; }
  .cards { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; }
  .card { padding: 6px 8px; }
  .card .value { font-size: 1.4rem; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
/* beside the nation: a key per row, the middle half as a band, a mark per value */
.band { width: 100%; min-width: 150px; max-width: 240px; height: 34px; display: block; }
.band .axis { stroke: var(--line); stroke-width: 2; }
.band .q, .key.q { fill: #d9e4f0; background: #d9e4f0; }
.band .mark line { stroke-width: 3; }
.key { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; vertical-align: baseline; }
.mark.measured line { stroke: var(--bar-target); } .key.measured { background: var(--bar-target); }
.mark.municipality line { stroke: var(--accent); } .key.municipality { background: var(--accent); }
.mark.peers line { stroke: var(--ok); } .key.peers { background: var(--ok); }
.mark.nation line { stroke: var(--text); } .key.nation { background: var(--text); }
/* why so many: the categories of staff met, side by side */
.stack { display: flex; height: 8px; margin-top: 4px; max-width: 220px; }
.seg { display: inline-block; height: 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.85rem; color: var(--muted); }
.seg.contact { background: #1f4e79; } .seg.regular { background: #4e79a7; } .seg.doubleOnly { background: #9c755f; }
.seg.weekendOnly { background: #f0a04b; } .seg.eveningOnly { background: #b07aa1; } .seg.occasional { background: #b8323c; }
`;

/**
 * The report's only script: sorts a `table.sortable` when a heading's button is pressed (numbers
 * by `data-v`, largest first on the first press; text in the page's language) and keeps
 * `aria-sort` up to date; filters the clients table to counted clients and to one group; gives
 * every table a button that downloads it as CSV (`;` between cells in Swedish, `,` in English;
 * UTF-8 with a byte-order mark; formula-escaped), made in the page from a Blob.
 */
export const REPORT_SCRIPT = `
(function () {
  var lang = document.documentElement.lang || 'sv';
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var num = th.getAttribute('data-type') === 'num';
        var now = th.getAttribute('aria-sort');
        var asc = now === 'descending' ? true : now === 'ascending' ? false : !num;
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[col];
          var v = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
          return num ? Number(v) : String(v).trim();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var d = num ? x - y : x.localeCompare(y, lang, { numeric: true });
          return asc ? d : -d;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll('input[data-filter-table]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-filter-table'));
    if (!table) return;
    box.addEventListener('change', function () { table.classList.toggle('only-counted', box.checked); });
  });
  document.querySelectorAll('select[data-group-filter]').forEach(function (select) {
    var table = document.getElementById(select.getAttribute('data-group-filter'));
    if (!table) return;
    select.addEventListener('change', function () {
      var v = select.value;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) { r.hidden = v !== '' && r.getAttribute('data-group') !== v; });
    });
  });
  // every table as CSV, made here from its cells as shown (rows hidden by a filter left out): a
  // Blob and an object URL, so nothing is fetched; cells that a spreadsheet would run as a
  // formula get a leading apostrophe, as the CLI's CSV does
  var sep = lang === 'sv' ? ';' : ',';
  function cellText(cell) { return (cell.textContent || '').replace(/[ \\t\\r\\n]+/g, ' ').trim(); }
  function csvCell(text) {
    var t = /^[=+\\-@\\t\\r]/.test(text) ? "'" + text : text;
    return t.indexOf(sep) >= 0 || /["\\r\\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }
  function tableCsv(table) {
    var lines = [];
    Array.prototype.forEach.call(table.rows, function (row) {
      if (row.getClientRects().length === 0) return;
      var cells = Array.prototype.map.call(row.cells, cellText);
      if (cells.every(function (c) { return c === ''; })) return;
      lines.push(cells.map(csvCell).join(sep));
    });
    return lines.join('\\r\\n') + '\\r\\n';
  }
  document.querySelectorAll('main table').forEach(function (table, k) {
    var name = (table.id || 'table-' + (k + 1)) + '.csv';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'csv';
    button.textContent = lang === 'sv' ? 'Ladda ner CSV' : 'Download CSV';
    button.title = name;
    button.addEventListener('click', function () {
      var url = URL.createObjectURL(new Blob(['\\ufeff' + tableCsv(table)], { type: 'text/csv;charset=utf-8' }));
      var a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    });
    var wrap = table.parentElement && /(^| )(scroll|table-wrap)( |$)/.test(table.parentElement.className) ? table.parentElement : table;
    var before = wrap.previousElementSibling;
    if (before && before.classList.contains('tools')) before.appendChild(button);
    else {
      var tools = document.createElement('div');
      tools.className = 'tools';
      tools.appendChild(button);
      wrap.parentNode.insertBefore(tools, wrap);
    }
  });
})();
`;
