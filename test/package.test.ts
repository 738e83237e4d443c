import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it (issue 24, "the sample travels with the package"): `npm pack` of
 * the built package, installed into a fresh project, and the README's main commands run there as
 * the README writes them (`npx kontinuitet …`); their output must equal the same commands run in
 * the clone (`dist/cli.js`). The tarball is installed by npm from the cache (`--offline`); where
 * the cache lacks the dependencies (a machine whose node_modules came from elsewhere), it is
 * unpacked as npm would (`package/` → `node_modules/kontinuitet`, its bin linked in
 * `node_modules/.bin`) with the clone's node_modules as its dependencies.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli.js');

/** The lines of the README's "The main job" block, each `npx kontinuitet …`. */
function readmeMainCommands(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /## The main job\n\n```sh\n([^]*?)```/.exec(readme);
  expect(block, 'README: a sh block under "## The main job"').not.toBeNull();
  const lines = block![1]!.trim().split('\n');
  for (const line of lines) expect(line).toMatch(/^npx kontinuitet /);
  return lines.map((line) => line.split(/\s+/).slice(2));
}

function sh(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work = '';
let project = '';
let installedBy = '';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('the package test packs the built package: run npm run build first');
  work = mkdtempSync(join(tmpdir(), 'kontinuitet-pack-'));
  // --ignore-scripts: the package is built already (prepare would build it again)
  const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  const tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'trying-kontinuitet', private: true }));
  const install = sh('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', tarball], project);
  if (install.status === 0) installedBy = 'npm install --offline';
  else {
    installedBy = 'unpacked (the npm cache lacks the dependencies)';
    rmSync(join(project, 'node_modules'), { recursive: true, force: true });
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    const untar = sh('tar', ['-xzf', tarball, '-C', join(project, 'node_modules')], project);
    expect(untar.status, untar.stderr).toBe(0);
    renameSync(join(project, 'node_modules', 'package'), join(project, 'node_modules', 'kontinuitet'));
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules', 'kontinuitet', 'node_modules'));
    symlinkSync('../kontinuitet/dist/cli.js', join(project, 'node_modules', '.bin', 'kontinuitet'));
  }
}, 120_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('runs the README\'s main commands after an install as in the clone, with the same figures', () => {
    const commands = readmeMainCommands();
    const clone = mkdtempSync(join(work, 'clone-'));
    let installed = { status: 0 as number | null, stdout: '', stderr: '' };
    let cloned = installed;
    for (const args of commands) {
      installed = sh('npx', ['--offline', 'kontinuitet', ...args], project);
      expect(installed.status, `${installedBy}: npx kontinuitet ${args.join(' ')}: ${installed.stderr}`).toBe(0);
      cloned = sh(process.execPath, [CLI, ...args], clone);
      expect(cloned.status, cloned.stderr).toBe(0);
    }
    // the last command measures: its table (every figure of every window and group) is the clone's
    expect(installed.stdout).toMatch(/^Rows: read 12940, /m); // the sample's rows (data/README.md)
    expect(installed.stdout).toBe(cloned.stdout);
    // and the clone's committed sample gives that table too
    const committed = sh(process.execPath, [CLI, ...commands.at(-1)!.map((a) => (a.endsWith('.csv') ? join(ROOT, 'data', 'sample-visits.csv') : a))], clone);
    expect(committed.stdout).toBe(installed.stdout);
  });

  it('kontinuitet sample writes the bytes of data/sample-visits.csv, to a file or to standard output', () => {
    const committed = readFileSync(join(ROOT, 'data', 'sample-visits.csv'));
    const out = sh(process.execPath, [join(project, 'node_modules', 'kontinuitet', 'dist', 'cli.js'), 'sample'], project);
    expect(out.status).toBe(0);
    expect(Buffer.from(out.stdout, 'utf8').equals(committed)).toBe(true);
    const file = join(project, 'sample-visits.csv');
    expect(existsSync(file)).toBe(true); // written by the README's first command
    expect(readFileSync(file).equals(committed)).toBe(true);
  });

  it('holds what a user needs and not the repository: dist, the config schema, README and LICENSE; no tests or data', () => {
    const pkg = join(project, 'node_modules', 'kontinuitet');
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'src/outputs/check/config.schema.json']) {
      expect(existsSync(join(pkg, f)), f).toBe(true);
    }
    for (const f of ['test', 'data', 'src/index.ts']) expect(existsSync(join(pkg, f)), f).toBe(false);
  });
});
