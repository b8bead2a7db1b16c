/**
 * The HTTP server: GraphQL at /graphql (Apollo Server 5 on node:http), the web
 * app at /, the offline explorer at /explorer, and /health. Handlers only
 * decode, delegate and encode.
 */
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { DEV_OPEN_CALLER } from '../auth/caller';
import type { ApolloServerPlugin } from '@apollo/server';
import { currentFreshness, withFreshness } from '../projection/freshness';
import { AnalysisService } from '../services/analysis/analysis-service';
import { health } from '../services/health';
import type { GraphDb } from '../store/driver';
import { createContext } from './context';
import type { ApiContext } from './context';
import { EXPLORER_ASSETS, explorerHtml, homeHtml } from './explorer';
import { formatError } from './format-error';
import { webFile } from './static-files';
import { depthLimitRule } from './limits';
import { buildSchema } from './schema';

export const MAX_BODY_BYTES = 1_000_000;

export interface RunningServer {
  url: string;
  port: number;
  analysis: AnalysisService;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Adds `extensions: { stale, snapshotVersion, snapshotBuiltAt }` to a response served (in part) from the snapshot while Neo4j was down. */
const staleExtensions: ApolloServerPlugin<ApiContext> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: ({ response }) => {
        const stale = currentFreshness()?.stale;
        if (!stale || response.body.kind !== 'single') return Promise.resolve();
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, stale: true, snapshotVersion: stale.snapshotVersion, snapshotBuiltAt: stale.snapshotBuiltAt };
        return Promise.resolve();
      },
    }),
};

export async function startServer(db: GraphDb, port: number, host = '127.0.0.1', analysis = new AnalysisService(db)): Promise<RunningServer> {
  const http: Server = createServer();
  const apollo = new ApolloServer<ApiContext>({
    schema: buildSchema(),
    formatError,
    validationRules: [depthLimitRule],
    includeStacktraceInErrorResponses: false,
    // The CLI owns signals: it stops the server, the driver and the Neo4j it started, in that order.
    stopOnTerminationSignals: false,
    // Cache-control hints are not used, and the plugin wraps every field resolver: off.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      staleExtensions,
    ],
  });
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req);
      try {
        body = text.length > 0 ? JSON.parse(text) : {};
      } catch {
        send(res, 400, 'application/json', JSON.stringify({ errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }));
        return;
      }
    }
    // withFreshness: whatever answers from the snapshot while Neo4j is down marks this request stale.
    const { value: result } = await withFreshness(() =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => Promise.resolve(createContext(db, analysis, DEV_OPEN_CALLER)),
      }),
    );
    const outHeaders: Record<string, string> = {};
    for (const [k, v] of result.headers) outHeaders[k] = v;
    res.writeHead(result.status ?? 200, outHeaders);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  http.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async () => {
      if (url.pathname === '/graphql') return graphql(req, res, url);
      if (url.pathname === '/health') {
        const h = await health(db, analysis.snapshots.peek());
        return send(res, h.httpStatus, 'application/json', JSON.stringify(h.report));
      }
      if (url.pathname === '/explorer' || url.pathname === '/explorer/') {
        return send(res, 200, 'text/html; charset=utf-8', explorerHtml());
      }
      const asset = url.pathname.startsWith('/explorer/assets/') ? EXPLORER_ASSETS[url.pathname.slice(17)] : undefined;
      if (asset) {
        res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
        createReadStream(asset.file).pipe(res);
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        const file = webFile(url.pathname);
        if (file) {
          res.writeHead(200, { 'content-type': file.type, 'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
          res.end(file.body);
          return;
        }
      }
      if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', homeHtml());
      return send(res, 404, 'text/plain', `not found: ${url.pathname}`);
    };
    route().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ error: (error as Error).message }));
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const address = http.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    analysis,
    close: async () => {
      await apollo.stop();
      analysis.close();
    },
  };
}
