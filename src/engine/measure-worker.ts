// The worker script of readInParallel (parallel.ts): answers each request with handleRequest, and
// a spare thread's read of the route rows (SpareThread in filled.ts) as a route reading thread does.
import { parentPort } from 'node:worker_threads';
import { handleRequest, replyTransfers, type ThreadRequest } from './thread.js';
import { scanRequest } from '../measures/routes/read-threads.js';

parentPort?.on('message', (request: ThreadRequest) => {
  if (request.type === 'route-pieces') {
    void scanRequest(request.scan).then(({ reply, transfer }) => parentPort!.postMessage(reply, transfer));
    return;
  }
  // the reply's arrays are moved, not copied: no copy in either thread, nothing left to collect here
  void handleRequest(request).then((reply) => parentPort!.postMessage(reply, replyTransfers(reply)));
});
