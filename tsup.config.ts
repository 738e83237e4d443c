import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    // the CommonJS build finds the worker script through import.meta.url
    shims: true,
  },
  {
    // the worker script of the parallel measure (ESM; the package is "type": "module")
    entry: { 'measure-worker': 'src/continuity/measure-worker.ts' },
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
