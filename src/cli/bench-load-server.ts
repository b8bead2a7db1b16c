/**
 * The server of the load test (./bench-load.ts), in a child process of its
 * own so that the load generator never shares its event loop: it serves the
 * API on a free port of 127.0.0.1 against the Neo4j given in
 * LINCHPIN_LOAD_NEO4J (JSON of a Neo4jConfig), tells its parent the URL, and
 * answers 'memory' with its memory use and the analysis pool's figures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../api/server';
import { AnalysisService } from '../services/analysis/analysis-service';
import { connect } from '../store/driver';
import type { Neo4jConfig } from '../store/driver';

export type LoadServerMessage =
  | { type: 'ready'; url: string }
  | {
      type: 'memory';
      rss: number;
      heapUsed: number;
      pool: ReturnType<AnalysisService['pool']['stats']>;
      /** The server's event-loop delay since the previous 'memory' (ms): how long callbacks waited for the loop. */
      loopDelay: { p50: number; p99: number; max: number };
    };

const send = (message: LoadServerMessage) => process.send?.(message);

const config = JSON.parse(process.env.LINCHPIN_LOAD_NEO4J ?? 'null') as Neo4jConfig | null;
if (!config || process.send === undefined) throw new Error('bench-load-server.ts runs as a child of bench-load.ts (LINCHPIN_LOAD_NEO4J and an IPC channel)');

const db = connect(config);
const analysis = new AnalysisService(db);
await analysis.warmUp();
const server = await startServer(db, 0, '127.0.0.1', analysis);
send({ type: 'ready', url: server.url });

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

process.on('message', (message: string) => {
  if (message === 'memory') {
    const m = process.memoryUsage();
    const ms = (ns: number) => ns / 1e6;
    const loopDelay = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
    loop.reset();
    send({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed, pool: analysis.pool.stats(), loopDelay });
  } else if (message === 'close') {
    void server.close().then(() => db.close()).then(() => process.exit(0));
  }
});
