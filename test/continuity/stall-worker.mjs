// A reader thread that stalls: it takes a scan request, makes a spill folder in the run's folder
// (as a worker that has spilled) and never answers.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  if (request.spillIn !== undefined) mkdtempSync(join(request.spillIn, 'kontinuitet-spill-'));
});
