/**
 * A worker entry for the analysis pool's own tests (./AnalysisPool.test.ts):
 * operations that echo, fail with a kind, block until the test releases them
 * (Atomics on a shared buffer, so nothing depends on timing), report how many
 * snapshots the worker was sent, or exit.
 */
import { parentPort } from 'node:worker_threads';
import { ValidationError } from '../errors';
import type { PoolReply, PoolRequest } from './AnalysisPool';
import { serialiseError } from './AnalysisPool';

const port = parentPort;
if (port === null) throw new Error('pool-test-worker.ts must run as a worker thread');

let snapshots = 0;
let data: unknown = null;

export function runTestOp(snapshotData: unknown, snapshotsSeen: number, op: string, args: unknown[]): unknown {
  switch (op) {
    case 'echo':
      return { data: snapshotData, args };
    case 'fail':
      throw new ValidationError(`x: bad value ${String(args[0])}`, [{ path: 'x', message: 'bad' }]);
    case 'block': {
      // Waits until the test stores 1 at index args[1] of the shared buffer.
      const flags = new Int32Array(args[0] as SharedArrayBuffer);
      const index = args[1] as number;
      Atomics.add(flags, 0, 1); // index 0 counts the blocks entered
      while (Atomics.load(flags, index) === 0) Atomics.wait(flags, index, 0, 50);
      return { released: index };
    }
    case 'snapshots':
      return snapshotsSeen;
    case 'exit':
      process.exit(3);
      break;
    default:
      throw new Error(`unknown op ${op}`);
  }
  return null;
}

port.on('message', (message: PoolRequest) => {
  if (message.type === 'snapshot') {
    snapshots++;
    data = message.data;
    return;
  }
  let reply: PoolReply;
  try {
    reply = { id: message.id, result: runTestOp(data, snapshots, message.op, message.args) };
  } catch (e) {
    reply = { id: message.id, error: serialiseError(e) };
  }
  port.postMessage(reply);
});
