import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'kontinuitet-signals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// ~19 MB, ~150k rows: each of two reading threads spills past its 32,768 rows
const LOG = join(dir, 'log.csv');
spawnSync(process.execPath, [CLI, 'generate', '--clients', '1500', '--days', '28', '--out', LOG]);

/** Runs the CLI's measure with its own TMPDIR, sends `signal` once a spill file is there; returns the status and what is left. */
async function stopped(signal: NodeJS.Signals) {
  const tmp = mkdtempSync(join(dir, 'tmp-'));
  const child = spawn(process.execPath, [CLI, 'measure', LOG, '--from', '2024-10-07', '--threads', '2'], { env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
  const spilled = () => readdirSync(tmp, { recursive: true }).some((f) => String(f).endsWith('counted.bin'));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let sent = false;
  while (!sent && child.exitCode === null) {
    if (spilled()) sent = child.kill(signal);
    else await new Promise((r) => setTimeout(r, 5));
  }
  const status = await done;
  return { sent, status, left: readdirSync(tmp) };
}

describe('the CLI stopped by a signal', () => {
  it('removes its spill files and exits 143 on SIGTERM, 130 on SIGINT', async () => {
    expect(await stopped('SIGTERM')).toEqual({ sent: true, status: 143, left: [] });
    expect(await stopped('SIGINT')).toEqual({ sent: true, status: 130, left: [] });
  });
});
