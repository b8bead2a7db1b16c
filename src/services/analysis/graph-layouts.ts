/**
 * Whole-model layouts, one per snapshot version, so that the web view's first
 * picture is drawn from positions and not laid out in the browser: the
 * layout (src/layout/headless-layout.ts, the recipe the browser runs) is
 * computed in a worker thread, never in a request, and kept for the latest
 * version computed. Like the linchpin ranking, a query never waits: it gets
 * the positions with FRESH (they are for the snapshot asked about), STALE
 * (for an older version: nodes added since have none) or COMPUTING (none
 * yet), and asking starts the computation for a snapshot that has none.
 *
 * The same graph always gets the same layout: the worker seeds fcose's random
 * draws with a fixed seed, and the input is in the snapshot's id order.
 */
import type { Worker } from 'node:worker_threads';
import { fnv1a32 } from '../../analysis/random';
import { startTsWorker } from '../../jobs/ts-worker';
import type { LayoutReply, LayoutRequest } from '../../layout/layout-worker';
import type { Snapshot } from '../../projection/snapshot';

export type LayoutStatus = 'FRESH' | 'STALE' | 'COMPUTING' | 'FAILED';

const WORKER_URL = new URL('../../layout/layout-worker.ts', import.meta.url);
export const LAYOUT_SEED = fnv1a32('linchpin whole-model layout');

export interface ComputedLayout {
  snapshotVersion: number;
  /** Node ids, in the order of x and y. */
  ids: readonly string[];
  x: Float64Array;
  y: Float64Array;
  computedAt: string;
  computeMs: number;
}

export interface LayoutAnswer {
  status: LayoutStatus;
  layout: ComputedLayout | null;
  /** Why the last computation failed (status FAILED). */
  error: string | null;
}

interface Running {
  version: number;
  worker: Worker;
  done: Promise<void>;
}

export class GraphLayouts {
  private latest: ComputedLayout | null = null;
  private running: Running | null = null;
  private failed: { version: number; message: string } | null = null;

  /** The layout to draw `snapshot` with; starts computing it when it has none. */
  get(snapshot: Snapshot): LayoutAnswer {
    const latest = this.latest;
    if (latest && latest.snapshotVersion === snapshot.version) return { status: 'FRESH', layout: latest, error: null };
    if (this.failed && this.failed.version === snapshot.version) return { status: 'FAILED', layout: latest, error: this.failed.message };
    void this.start(snapshot);
    return { status: latest ? 'STALE' : 'COMPUTING', layout: latest, error: null };
  }

  /** Starts computing the layout of `snapshot` (cancelling one for an older snapshot) and resolves when it is done or failed. */
  settled(snapshot: Snapshot): Promise<void> {
    if (this.latest?.snapshotVersion === snapshot.version || this.failed?.version === snapshot.version) return Promise.resolve();
    return this.start(snapshot);
  }

  private start(snapshot: Snapshot): Promise<void> {
    if (this.running?.version === snapshot.version) return this.running.done;
    this.cancel();
    const started = performance.now();
    const g = snapshot.propagation;
    const ids = g.ids;
    const pairs = new Int32Array(2 * g.m);
    for (let e = 0; e < g.m; e++) {
      pairs[2 * e] = g.edgeDependent[e]!;
      pairs[2 * e + 1] = g.edgeSupplier[e]!;
    }
    const request: LayoutRequest = { ids, edges: pairs, seed: LAYOUT_SEED };
    const worker = startTsWorker(WORKER_URL, request, [pairs.buffer]);
    const running: Running = {
      version: snapshot.version,
      worker,
      done: new Promise<void>((resolve) => {
        const finish = (outcome: { reply?: LayoutReply; error?: string }) => {
          if (this.running !== running) return resolve();
          this.running = null;
          void worker.terminate();
          const reply = outcome.reply;
          if (reply && !('error' in reply)) {
            this.latest = {
              snapshotVersion: snapshot.version,
              ids,
              x: reply.x,
              y: reply.y,
              computedAt: new Date().toISOString(),
              computeMs: performance.now() - started,
            };
            this.failed = null;
          } else {
            const message = reply && 'error' in reply ? reply.error : (outcome.error ?? 'the layout worker stopped without an answer');
            this.failed = { version: snapshot.version, message };
            console.error(`layout: the layout of snapshot version ${snapshot.version} failed: ${message}`);
          }
          resolve();
        };
        worker.once('message', (reply: LayoutReply) => finish({ reply }));
        worker.once('error', (error) => finish({ error: error.message }));
        worker.once('exit', (code) => finish({ error: `the layout worker exited with code ${code}` }));
      }),
    };
    this.running = running;
    return running.done;
  }

  private cancel(): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    void running.worker.terminate();
  }

  /** Stops a computation in progress (server shutdown). */
  close(): void {
    this.cancel();
  }
}
