// The worker script of measureInParallel: answers each request with handleRequest.
import { parentPort } from 'node:worker_threads';
import { handleRequest, type ThreadRequest } from './parallel.js';

parentPort?.on('message', (request: ThreadRequest) => {
  void handleRequest(request).then((reply) => parentPort!.postMessage(reply));
});
