// The worker script of the plan's split search (halves.ts): keeps the problem, runs the halves it is asked for.
import { parentPort } from 'node:worker_threads';
import { workerAnswer, type HalfRequest } from './halves.js';

const answer = workerAnswer();
parentPort?.on('message', (request: HalfRequest) => {
  const reply = answer(request);
  if (reply !== null) parentPort!.postMessage(reply, reply.type === 'ran' ? [reply.result.staff.buffer as ArrayBuffer, reply.result.current.buffer as ArrayBuffer] : []);
});
