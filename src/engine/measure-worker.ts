// The worker script of readInParallel (parallel.ts): answers each request with handleRequest.
import { parentPort } from 'node:worker_threads';
import { handleRequest, replyTransfers, type ThreadRequest } from './thread.js';

parentPort?.on('message', (request: ThreadRequest) => {
  // the reply's arrays are moved, not copied: no copy in either thread, nothing left to collect here
  void handleRequest(request).then((reply) => parentPort!.postMessage(reply, replyTransfers(reply)));
});
