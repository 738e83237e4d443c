// The worker script of the route figures' evaluation (evaluation.ts): evaluates the batches of staff-days it is sent.
import { parentPort } from 'node:worker_threads';
import { evaluateBatch } from './batch.js';
import { haversineModel, type DistanceModel } from './distance.js';
import type { BatchReply, BatchRequest } from './evaluation.js';

let model: { key: string; model: DistanceModel } | null = null;
parentPort?.on('message', (request: BatchRequest) => {
  let reply: BatchReply;
  try {
    const key = JSON.stringify(request.straight);
    if (model?.key !== key) model = { key, model: haversineModel(request.straight) };
    reply = { type: 'done', result: evaluateBatch(request.batch, model.model, request.settings) };
  } catch (e) {
    reply = { type: 'failed', message: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
