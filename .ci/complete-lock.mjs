// Adds lock entries for platform-specific optional packages that npm left out of
// package-lock.json (npm/cli#4828; the registry reachable here has no non-Linux binaries, so npm
// cannot record them), without which `npm ci` stops with "Missing: … from lock file". Each entry
// names the package's platform only; npm skips it on other platforms without fetching it.
// Run after any `npm install` that rewrites the lock: node .ci/complete-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pk = lock.packages;
const platform = (name) => {
  const parts = name.split('/').pop().replace(/^(rollup|node-bindings)-/, '').split('-');
  const [os, cpu, ...rest] = parts;
  return { os, cpu, libc: os === 'linux' ? (rest.some((r) => r.startsWith('musl')) ? 'musl' : 'glibc') : null };
};
let added = 0;
for (const [path, entry] of Object.entries(pk)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (key in pk || !/-(darwin|linux|win32|android|freebsd|openbsd|openharmony|sunos|aix)-/.test(name)) continue;
    const { os, cpu, libc } = platform(name);
    pk[key] = { version, cpu: [cpu], dev: entry.dev === true, ...(libc ? { libc: [libc] } : {}), optional: true, os: [os] };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pk).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: added ${added} platform entries`);
