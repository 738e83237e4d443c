// The API report: docs/api.md lists, per entry point of the package, every exported name with its
// kind and the first sentence of its doc comment, read from the entry files with the TypeScript
// compiler API, so that a change of the public surface shows in review as a change of that file.
// test/api.test.ts fails when docs/api.md is not what this script writes.
//
//   node test/api-report.mjs          (writes docs/api.md; also `npm run api`)
//   node test/api-report.mjs --check  (exit 1 when docs/api.md is not what it would write)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REPORT = join(ROOT, 'docs', 'api.md');

/**
 * The entry points: the import path, its source file, the name of its bundle in dist/ (tsup's
 * entry and package.json "exports") and what it is for.
 */
export const ENTRIES = [
  { path: 'kontinuitet', source: 'src/index.ts', dist: 'index', about: 'reading visit logs, the continuity measure and its rules, the live tracker, double staffing, indices, spread measures, errors, and tables, CSV, charts and display for notebooks' },
  { path: 'kontinuitet/report', source: 'src/outputs/report/index.ts', dist: 'report', about: 'the self-contained HTML report' },
  { path: 'kontinuitet/routes', source: 'src/measures/routes/index.ts', dist: 'routes', about: 'route efficiency, the best order of a route, travel models' },
  { path: 'kontinuitet/check', source: 'src/outputs/check/index.ts', dist: 'check', about: 'continuity targets for CI: the check, its configuration file, its outputs' },
  { path: 'kontinuitet/generate', source: 'src/generate/index.ts', dist: 'generate', about: 'a seeded generator of synthetic visit logs' },
];

const VALUE = ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum;

function program() {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(ENTRIES.map((e) => join(ROOT, e.source)), { ...parsed.options, noEmit: true });
}

function resolved(checker, symbol) {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** function, class, const, let, interface, type or enum (joined with `+` when a name is several). */
function kindOf(symbol) {
  const kinds = [];
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Function) kinds.push('function');
  if (f & ts.SymbolFlags.Class) kinds.push('class');
  if (f & ts.SymbolFlags.Variable) {
    const list = symbol.valueDeclaration?.parent;
    kinds.push(list && ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? 'const' : 'let');
  }
  if (f & ts.SymbolFlags.Enum) kinds.push('enum');
  if (f & ts.SymbolFlags.Interface) kinds.push('interface');
  if (f & ts.SymbolFlags.TypeAlias) kinds.push('type');
  return kinds.join(' + ') || 'unknown';
}

/** The doc comment as one line of text, `{@link X}` written `X`. */
function docText(checker, symbol) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker))
    .replace(/\{@link(?:code|plain)?\s+([^}\s|]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g, (_, target, text) => text.trim() || target);
}

/** The first sentence of the doc comment's first paragraph, on one line. */
export function summaryOf(doc) {
  const paragraph = doc.split(/\n\s*\n|\n\s*[-*] /)[0].replace(/\s+/g, ' ').trim();
  const masked = paragraph.replace(/\b(e\.g|i\.e|etc|cf|vs)\./g, (m) => m.replace(/\./g, '\u0000'));
  const end = /\.(?=\s|$)/.exec(masked);
  const sentence = end === null ? masked : masked.slice(0, end.index + 1);
  return sentence.replace(/\u0000/g, '.');
}

/** The names an export statement of the entry gives, in the order written. */
function statementNames(checker, statement) {
  if (ts.isExportDeclaration(statement)) {
    if (statement.exportClause && ts.isNamedExports(statement.exportClause)) return statement.exportClause.elements.map((e) => e.name.text);
    if (statement.exportClause && ts.isNamespaceExport(statement.exportClause)) return [statement.exportClause.name.text];
    const target = statement.moduleSpecifier && checker.getSymbolAtLocation(statement.moduleSpecifier);
    return target ? checker.getExportsOfModule(target).map((s) => s.name).sort() : [];
  }
  const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (!exported) return [];
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((d) => d.name.getText());
  return statement.name ? [statement.name.text] : [];
}

/** The `//` comment lines right above a statement: the title of the group its names belong to. */
function groupTitle(text, statement) {
  const ranges = ts.getLeadingCommentRanges(text, statement.pos) ?? [];
  const lines = ranges.filter((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia).map((r) => text.slice(r.pos + 2, r.end).trim());
  return lines.length > 0 ? lines.join(' ') : null;
}

/**
 * The types the public declarations name (in signatures, members, heritage; not in bodies nor
 * private members) that are declared in src/ but exported by no entry, as `Name (file) ← entry:export`.
 * A user cannot name them, so each is either exported or kept out of the public declarations.
 */
function unexportedTypes(checker, publicSymbols) {
  const found = new Map();
  const visit = (node, from) => {
    if (ts.isBlock(node)) return;
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node) || ts.isTypeQueryNode(node)) {
      const nameNode = ts.isTypeReferenceNode(node) ? node.typeName : ts.isTypeQueryNode(node) ? node.exprName : node.expression;
      const symbol = checker.getSymbolAtLocation(nameNode);
      const target = symbol && resolved(checker, symbol);
      const file = target?.declarations?.[0]?.getSourceFile().fileName ?? '';
      if (target && !(target.flags & ts.SymbolFlags.TypeParameter) && file.startsWith(join(ROOT, 'src')) && !publicSymbols.has(target)) {
        const key = `${target.name} (${relative(ROOT, file)})`;
        found.set(key, [...(found.get(key) ?? []), from]);
      }
    }
    if (ts.isVariableDeclaration(node)) {
      if (node.type) visit(node.type, from);
      return;
    }
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) return;
    ts.forEachChild(node, (child) => visit(child, from));
  };
  for (const [symbol, name] of publicSymbols) for (const d of symbol.declarations ?? []) visit(d, name);
  return [...found].map(([key, from]) => `${key} ← ${[...new Set(from)].join(', ')}`).sort();
}

/**
 * Every entry with its exported names in groups: `{ path, source, dist, about, groups: [{ title,
 * names: [{ name, kind, runtime, summary, example }] }] }`, and `unexported`, the types public
 * declarations name that no entry exports. `runtime`: the name is a value at run time (function,
 * class, const); `example`: its doc comment has an `@example`.
 */
export function analyse() {
  const prog = program();
  const checker = prog.getTypeChecker();
  const publicSymbols = new Map();
  const entries = ENTRIES.map((entry) => {
    const file = prog.getSourceFile(join(ROOT, entry.source));
    if (file === undefined) throw new Error(`${entry.source}: not found`);
    const exported = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(file)).map((s) => [s.name, s]));
    const groups = [];
    let group = null;
    const placed = new Set();
    for (const statement of file.statements) {
      const names = statementNames(checker, statement).filter((n) => exported.has(n) && !placed.has(n));
      if (names.length === 0) continue;
      const title = groupTitle(file.text, statement);
      if (group === null || (title !== null && title !== group.title)) groups.push((group = { title, names: [] }));
      for (const name of names) {
        placed.add(name);
        const alias = exported.get(name);
        const symbol = resolved(checker, alias);
        if (!publicSymbols.has(symbol)) publicSymbols.set(symbol, `${entry.path}:${name}`);
        const typeOnly = alias.declarations?.some((d) => ts.isTypeOnlyImportOrExportDeclaration(d)) ?? false;
        const tags = symbol.getJsDocTags(checker);
        group.names.push({
          name,
          kind: kindOf(symbol),
          runtime: !typeOnly && (symbol.flags & VALUE) !== 0,
          summary: summaryOf(docText(checker, symbol)),
          example: tags.some((t) => t.name === 'example'),
        });
      }
    }
    const rest = [...exported.keys()].filter((n) => !placed.has(n));
    if (rest.length > 0) throw new Error(`${entry.source}: exports not found in its statements: ${rest.join(', ')}`);
    return { ...entry, groups };
  });
  return { entries, unexported: unexportedTypes(checker, publicSymbols) };
}

const cell = (text) => text.replace(/\|/g, '\\|');

/** docs/api.md. */
export function apiReport(entries = analyse().entries) {
  const out = [
    '# API',
    '',
    '<!-- Generated by test/api-report.mjs from the entry files: do not edit. `npm run api` writes it again. -->',
    '',
    'The package has one main entry and four more, each imported by its own path. Every exported name',
    'is listed with its kind and the first sentence of its doc comment (the full comment, with an',
    'example, is in the source and in the editor). A runtime name is a function, class or const; the',
    'others are types.',
    '',
    '| entry | for | runtime names | types |',
    '|---|---|---|---|',
  ];
  const names = (e) => e.groups.flatMap((g) => g.names);
  for (const e of entries) {
    const all = names(e);
    const runtime = all.filter((n) => n.runtime).length;
    out.push(`| [\`${e.path}\`](#${e.path.replace(/\//g, '')}) | ${e.about} | ${runtime} | ${all.length - runtime} |`);
  }
  for (const e of entries) {
    out.push('', `## ${e.path}`, '', `\`import { … } from '${e.path}'\` — source [${e.source}](../${e.source})`);
    for (const g of e.groups) {
      if (g.title !== null) out.push('', `### ${g.title}`);
      out.push('', '| name | kind | summary |', '|---|---|---|');
      for (const n of g.names) out.push(`| \`${n.name}\` | ${n.kind} | ${cell(n.summary)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = apiReport();
  const where = relative(process.cwd(), REPORT) || REPORT;
  if (process.argv.includes('--check')) {
    let current = null;
    try {
      current = readFileSync(REPORT, 'utf8');
    } catch {
      // missing: out of date
    }
    if (current !== report) {
      process.stderr.write(`${where} is out of date: run \`npm run api\` (node test/api-report.mjs)\n`);
      process.exitCode = 1;
    }
  } else {
    mkdirSync(dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, report);
    process.stdout.write(`wrote ${where}\n`);
  }
}
