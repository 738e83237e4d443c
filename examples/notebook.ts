// %% [markdown]
// # Staff continuity in a notebook
//
// This notebook runs in Deno's Jupyter kernel (`deno jupyter --install`, then pick the *Deno*
// kernel). Results of `kontinuitet` show themselves as tables, and the charts as pictures.
// `notebook.ts` next to it holds the same cells as a script, which CI runs against the built
// package.
//
// The data: the synthetic sample municipality of the package, generated in memory (the same
// rows as `data/sample-visits.csv`: 70 clients in two groups, 1 October – 18 November 2024). With
// your own export, give its path instead: `measureContinuity('visits.csv', …)`.

// %%
import { displayable, displaySvg, groupsSvg, histogramSvg, trendSvg } from 'kontinuitet';
import { generateRows } from 'kontinuitet/generate';
import { measureForReport, renderReport } from 'kontinuitet/report';

const log = generateRows({ clients: 70, days: 49, start: '2024-10-01', seed: 1, profile: 'typical' }).rows;

// %% [markdown]
// ## The indicator, one window a month
//
// How many different staff each client with two or more visits a day meets in 14 days (Kolada
// U21401 mean, U21402 median, U21436 share above 20). Windows start on the first Monday of the
// month. `measureForReport` reads the log once for the continuity measure and the double staffing;
// `displayable` makes a result show itself as a table.

// %%
const { continuity, staffing } = await measureForReport(log, { anchor: 'first-monday' });
displayable(continuity, { lang: 'en' });

// %%
const last = continuity.windows.at(-1)!;
({ window: `${last.from} – ${last.to}`, clients: last.clients, mean: last.staffPerClient.mean, median: last.staffPerClient.median, shareAbove20: last.staffPerClient.shareAbove20 });

// %% [markdown]
// ## Charts
//
// Each chart function returns an SVG string (with a title, a description in words and axis
// labels); `displaySvg` shows it as a picture.

// %%
displaySvg(trendSvg(continuity.windows, { target: 14 }));

// %%
displaySvg(histogramSvg(last, { target: 14 }));

// %%
displaySvg(groupsSvg(last, { target: 14 }));

// %% [markdown]
// ## Double staffing
//
// Clients with two staff at once, the share of visits and staff hours, and the staff per client
// with and without the second staff member.

// %%
displayable(staffing, { lang: 'en' });

// %% [markdown]
// ## The clients who meet the most staff

// %%
last.perClient.filter((c) => c.eligible).sort((a, b) => b.staff - a.staff).slice(0, 5).map((c) => ({ client: c.client, group: c.group, staff: c.staff, visits: c.visits }));

// %% [markdown]
// ## The report
//
// The same figures as one self-contained HTML page (clients pseudonymised), to open or mail.
// In a notebook, write it to a file: `Deno.writeTextFileSync('report.html', html)`.

// %%
const html = renderReport({ continuity, staffing }, { lang: 'en', source: 'sample municipality' });
[...html.matchAll(/<section id="(\w+)">/g)].map((m) => m[1]);
