/**
 * Worker-thread entry of the analysis pool (src/jobs/AnalysisPool.ts): keeps
 * the latest snapshot it was sent (rebuilt here from the rows the main thread
 * read, once per version) and runs the tasks of ./analysis-tasks.ts on it, one
 * message each, answering with the result or the error (its kind kept).
 */
import { parentPort } from 'node:worker_threads';
import type { PoolReply, PoolRequest } from '../../jobs/AnalysisPool';
import { serialiseError } from '../../jobs/AnalysisPool';
import { buildSnapshot } from '../../projection/snapshot';
import type { Snapshot, SnapshotData } from '../../projection/snapshot';
import { runTask } from './analysis-tasks';

const port = parentPort;
if (port === null) throw new Error('analysis-worker.ts must run as a worker thread');

let current: { version: number | string; snapshot: Snapshot } | null = null;

port.on('message', (message: PoolRequest) => {
  if (message.type === 'snapshot') {
    current = null; // the old one can go before the new one is built
        const data = message.data as SnapshotData;
    current = { version: message.version, snapshot: buildSnapshot(data.rows, undefined, { hidden: data.hidden, viewKey: data.viewKey }) };
    return;
  }
  let reply: PoolReply;
  try {
    if (current?.version !== message.version) throw new Error(`analysis worker: holds snapshot ${current?.version ?? 'none'}, asked for ${message.version}`);
    reply = { id: message.id, result: runTask(current.snapshot, message.op, message.args) };
  } catch (e) {
    reply = { id: message.id, error: serialiseError(e) };
  }
  port.postMessage(reply);
});
