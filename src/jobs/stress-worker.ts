/**
 * Worker-thread entry of a stress-test job. It receives the graph, the country
 * context and the options once (workerData), then runs the chunks of runs the
 * pool hands it, one message each, and answers with the chunk's tally (its
 * buffers transferred) or with the error. Started by ./stress-runner.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { stressTestRange, type StressTally } from '../analysis/stress-test';
import type { StressJobInput } from './types';

export interface ChunkRequest {
  chunk: number;
  from: number;
  to: number;
}

export type ChunkReply =
  | { chunk: number; tally: StressTally }
  | { chunk: number; error: { name: string; message: string } };

const input = workerData as StressJobInput;
const port = parentPort;
if (port === null) throw new Error('stress-worker.ts must run as a worker thread');

port.on('message', (request: ChunkRequest) => {
  let reply: ChunkReply;
  try {
    const tally = stressTestRange(input.graph, input.context, input.options, request.from, request.to);
    reply = { chunk: request.chunk, tally };
    port.postMessage(reply, [
      tally.functionFailures.buffer,
      tally.functionDegradations.buffer,
      tally.countryFailures.buffer,
      tally.runFunctions.buffer,
      tally.runImportance.buffer,
    ] as ArrayBuffer[]);
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
    reply = { chunk: request.chunk, error };
    port.postMessage(reply);
  }
});
