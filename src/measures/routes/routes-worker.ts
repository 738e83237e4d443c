// The worker script of the route figures: reads pieces of a file into parts (rows-part.ts) and evaluates the batches of staff-days it is sent (evaluation.ts).
import { parentPort } from 'node:worker_threads';
import { batchBuffers, evaluateBatch } from './batch.js';
import { haversineModel, type DistanceModel } from './distance.js';
import type { BatchReply, BatchRequest } from './evaluation.js';
import { scanRequest, type ScanReply, type ScanRequest } from './read-threads.js';

let model: { key: string; model: DistanceModel } | null = null;
parentPort?.on('message', (request: BatchRequest | ScanRequest) => {
  if ('type' in request) {
    void scanRequest(request).then(({ reply, transfer }) => parentPort!.postMessage(reply, transfer));
    return;
  }
  let reply: BatchReply;
  try {
    const key = JSON.stringify(request.straight);
    if (model?.key !== key) model = { key, model: haversineModel(request.straight) };
    reply = { type: 'done', batch: request.batch, quick: evaluateBatch(request.batch, model.model, request.settings) };
  } catch (e) {
    reply = { type: 'failed', message: (e as Error).message };
  }
  // the batch goes back with its figures, its buffers moved (the main thread packs the next into them)
  parentPort!.postMessage(reply, reply.type === 'done' ? batchBuffers(reply.batch) : []);
});
