import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // the entries of the package (package.json "exports"); docs/api.md lists their names
    entry: {
      index: 'src/index.ts',
      check: 'src/outputs/check/index.ts',
      report: 'src/outputs/report/index.ts',
      routes: 'src/measures/routes/index.ts',
      generate: 'src/generate/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // the entries share their modules as chunks (in CommonJS too), so a class is one class in
    // every entry: an error thrown by kontinuitet/check is a KontinuitetError of kontinuitet
    splitting: true,
    // the CommonJS build finds the worker script through import.meta.url
    shims: true,
  },
  {
    // the worker scripts of the parallel measure, of the plan's split search and of the route figures' evaluation (ESM; the package is "type": "module")
    entry: { 'measure-worker': 'src/engine/measure-worker.ts', 'plan-worker': 'src/plan/plan-worker.ts', 'routes-worker': 'src/measures/routes/routes-worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(process.env.npm_package_version ?? 'dev') },
  },
]);
