// Rebuilds notebook.ipynb from its twin notebook.ts: the cells of the twin (split at `// %%`
// lines, `// %% [markdown]` for text) and, for each code cell, the output Deno's Jupyter kernel
// shows: the media bundle of the last expression when it has a `Symbol.for('Jupyter.display')`
// method, else its inspected value, and what the cell logs. It runs the twin with Node against
// the built package (imported by its name, so build first: `npx tsup`).
//
//   node examples/notebook-build.mjs          (writes examples/notebook.ipynb)
//   node examples/notebook-build.mjs --check  (exit 1 when notebook.ipynb is not what it would write)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import ts from 'typescript';

const here = dirname(fileURLToPath(import.meta.url));

/** The cells of a percent-format script: `{ kind: 'code' | 'markdown', source }`. */
export function twinCells(text) {
  const cells = [];
  let current = null;
  for (const line of text.split('\n')) {
    const marker = /^\/\/ %%(?: \[(markdown)\])?\s*$/.exec(line);
    if (marker) {
      current = { kind: marker[1] === 'markdown' ? 'markdown' : 'code', lines: [] };
      cells.push(current);
    } else if (current !== null) {
      current.lines.push(current.kind === 'markdown' ? line.replace(/^\/\/ ?/, '') : line);
    }
  }
  return cells.map((c) => ({ kind: c.kind, source: c.lines.join('\n').replace(/^\n+|\s+$/g, '') }));
}

/** The cell's code with its last statement, when an expression, handed to `__show(k, …)`. */
function capture(source, k) {
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const last = file.statements.at(-1);
  if (last === undefined || !ts.isExpressionStatement(last)) return `__cell = ${k};\n${source}`;
  const expr = last.expression;
  return `__cell = ${k};\n${source.slice(0, last.getStart())}__show(${k}, (${source.slice(expr.getStart(), expr.getEnd())}));${source.slice(last.getEnd())}`;
}

const PRELUDE = `
import { inspect as __inspect } from 'node:util';
const __outputs = {};
let __cell = 0;
const __push = (k, o) => (__outputs[k] ??= []).push(o);
console.log = (...args) => __push(__cell, { output_type: 'stream', name: 'stdout', text: args.map((a) => (typeof a === 'string' ? a : __inspect(a))).join(' ') + '\\n' });
const __show = (k, value) => {
  if (value === undefined) return;
  const display = value !== null && typeof value === 'object' ? value[Symbol.for('Jupyter.display')] : undefined;
  const data = typeof display === 'function' ? display.call(value) : { 'text/plain': typeof value === 'string' ? JSON.stringify(value) : __inspect(value, { depth: 4 }) };
  __push(k, { output_type: 'execute_result', execution_count: k, data, metadata: {} });
};
`;

/** Runs the twin's code cells in order and returns the outputs per cell number (1-based). */
export async function runCells(cells, cwd = here) {
  const code = [];
  let k = 0;
  for (const c of cells) if (c.kind === 'code') code.push(capture(c.source, ++k));
  const { code: js } = await transform(`${PRELUDE}\n${code.join('\n')}\nprocess.stdout.write(JSON.stringify(__outputs));\n`, { loader: 'ts', format: 'esm', target: 'node20' });
  const r = spawnSync(process.execPath, ['--input-type=module'], { input: js, cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`the notebook's cells failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function lines(text) {
  const parts = text.split('\n');
  return parts.map((l, i) => (i < parts.length - 1 ? `${l}\n` : l)).filter((l) => l !== '');
}

/** The notebook (nbformat 4.5, Deno kernel) of the twin's cells with their outputs. */
export function notebook(cells, outputs) {
  let k = 0;
  return {
    cells: cells.map((c, i) => {
      const id = `cell-${String(i + 1).padStart(2, '0')}`;
      if (c.kind === 'markdown') return { cell_type: 'markdown', id, metadata: {}, source: lines(c.source) };
      k++;
      const outs = (outputs[k] ?? []).map((o) => (o.output_type === 'stream'
        ? { ...o, text: lines(o.text) }
        : { ...o, data: Object.fromEntries(Object.entries(o.data).map(([mime, v]) => [mime, lines(v)])) }));
      return { cell_type: 'code', execution_count: k, id, metadata: {}, outputs: outs, source: lines(c.source) };
    }),
    metadata: {
      kernelspec: { display_name: 'Deno', language: 'typescript', name: 'deno' },
      language_info: { codemirror_mode: 'typescript', file_extension: '.ts', mimetype: 'text/x.typescript', name: 'typescript', nbconvert_exporter: 'script', pygments_lexer: 'typescript', version: '5.6.2' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cells = twinCells(readFileSync(join(here, 'notebook.ts'), 'utf8'));
  const nb = notebook(cells, await runCells(cells));
  const text = `${JSON.stringify(nb, null, 1)}\n`;
  const path = join(here, 'notebook.ipynb');
  if (process.argv.includes('--check')) {
    if (readFileSync(path, 'utf8') !== text) {
      console.error(`${path} is not up to date with notebook.ts and the package: run node examples/notebook-build.mjs (after npx tsup)`);
      process.exit(1);
    }
    console.log(`${path} is up to date`);
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}: ${nb.cells.length} cells`);
  }
}
