/**
 * Worker-thread entry of a whole-model layout: receives the graph
 * (workerData: ids, edge index pairs, a seed), seeds this thread's
 * Math.random (fcose draws from it) so that the same graph and seed give the
 * same picture, runs ./headless-layout and answers once with the positions
 * (buffers transferred) or with the error. Started by
 * src/services/analysis/graph-layouts.ts through src/jobs/ts-worker.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mulberry32 } from '../analysis/random';
import { headlessLayout } from './headless-layout';
import type { LayoutInput } from './headless-layout';

export interface LayoutRequest extends LayoutInput {
  seed: number;
}

export type LayoutReply = { x: Float64Array; y: Float64Array } | { error: string };

const port = parentPort;
if (port === null) throw new Error('layout-worker.ts must run as a worker thread');
const request = workerData as LayoutRequest;
try {
  // This thread does nothing else, so replacing its Math.random touches no other code.
  Math.random = mulberry32(request.seed);
  const { x, y } = headlessLayout(request);
  port.postMessage({ x, y } satisfies LayoutReply, [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies LayoutReply);
}
