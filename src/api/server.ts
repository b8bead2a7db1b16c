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
import { Authenticator } from '../auth/authenticator';
import { DEV_OPEN_CALLER } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { clearanceOf } from '../auth/clearance';
import { withVisibility } from '../services/request-scope';
import type { AuthConfig } from '../auth/config';
import { localAuthConfig } from '../auth/local-secret';
import { LinchpinError, UnauthenticatedError } from '../errors';
import { AccessService } from '../services/access';
import { recordAudit } from '../store/audit';
import { AnalysisService } from '../services/analysis/analysis-service';
import type { GraphDb } from '../store/driver';
import { createContext } from './context';
import type { ApiContext } from './context';
import { EXPLORER_ASSETS, explorerHtml, homeHtml } from './explorer';
import { formatError } from './format-error';
import { webFile } from './static-files';
import { depthLimitRule } from './limits';
import { buildSchema } from './schema';
import { accessPlugin } from './access';

export const MAX_BODY_BYTES = 1_000_000;

export interface RunningServer {
  url: string;
  port: number;
  analysis: AnalysisService;
  auth: Authenticator;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Sign-in settings (default: from the environment, src/auth/config.ts). */
  auth?: AuthConfig;
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

export async function health(db: GraphDb) {
  const started = Date.now();
  try {
    const [info, version] = await Promise.all([db.serverInfo(), db.version()]);
    return {
      status: 'ok' as const,
      api: { status: 'up' },
      neo4j: { status: 'up', uri: db.config.uri, agent: info.agent, version, latencyMs: Date.now() - started },
    };
  } catch (error) {
    return {
      status: 'degraded' as const,
      api: { status: 'up' },
      neo4j: { status: 'down', uri: db.config.uri, error: (error as Error).message },
    };
  }
}

/** The HTTP status of an error outside GraphQL execution (sign-in, token exchange, body reading). */
const HTTP_STATUS: Record<LinchpinError['code'], number> = {
  UNAUTHENTICATED: 401,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  TOO_COMPLEX: 413,
  UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

function sendError(res: ServerResponse, status: number, error: LinchpinError, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...extraHeaders });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] }));
}

export async function startServer(
  db: GraphDb,
  port: number,
  host = '127.0.0.1',
  analysis = new AnalysisService(db),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const authConfig = options.auth ?? localAuthConfig(process.env);
  const auth = new Authenticator(db, authConfig);
  const access = new AccessService(db, auth);
  if (authConfig.devOpen) console.warn('linchpin: LINCHPIN_DEV_OPEN=1: NOTHING IS PROTECTED; every request is an administrator');
  const schema = buildSchema();
  const http: Server = createServer();
  const apollo = new ApolloServer<ApiContext>({
    schema,
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
      accessPlugin(schema),
    ],
  });
  await apollo.start();

  /** The caller of a request; on failure the response is sent (401) and the failure audited. */
  async function callerOf(req: IncomingMessage, res: ServerResponse): Promise<Caller | null> {
    if (authConfig.devOpen) return DEV_OPEN_CALLER;
    try {
      return await auth.authenticate(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      if (req.headers.authorization) {
        recordAudit(db, [{ actor: 'anonymous', actorOrganisation: null, action: 'signIn.failed', target: null, before: null, after: null, detail: error.message }])
          .catch((e: unknown) => console.error('linchpin: could not audit a failed sign-in:', (e as Error).message));
      }
      sendError(res, 401, error, { 'www-authenticate': 'Bearer' });
      return null;
    }
  }

  /** POST /auth/token {"key": "lpk_…"} → a local token for the key's user (the web page's sign-in). */
  async function issueToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'application/json', JSON.stringify({ errors: [{ message: 'POST a JSON body {"key": "lpk_…"}', extensions: { code: 'BAD_REQUEST' } }] }));
    let key: unknown;
    try {
      key = (JSON.parse(await readBody(req)) as { key?: unknown }).key;
    } catch {
      key = undefined;
    }
    if (typeof key !== 'string') return send(res, 400, 'application/json', JSON.stringify({ errors: [{ message: 'the body must be JSON {"key": "lpk_…"}', extensions: { code: 'BAD_USER_INPUT' } }] }));
    try {
      const { token, expiresAt, caller } = await auth.issueToken(key);
      return send(res, 200, 'application/json', JSON.stringify({ token, expiresAt, user: { id: caller.id, name: caller.name, organisation: caller.organisation, roles: caller.roles } }));
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      recordAudit(db, [{ actor: 'anonymous', actorOrganisation: null, action: 'signIn.failed', target: null, before: null, after: null, detail: error.message }])
        .catch((e: unknown) => console.error('linchpin: could not audit a failed sign-in:', (e as Error).message));
      return sendError(res, 401, error);
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = await callerOf(req, res);
    if (!caller) return;
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
    // Everything this request runs sees only what the caller's clearance allows (src/services/request-scope.ts).
    const result = await withVisibility(clearanceOf(caller), () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => Promise.resolve(createContext(db, analysis, access, caller)),
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
      if (url.pathname === '/auth/token') return issueToken(req, res);
      if (url.pathname === '/health') {
        const h = await health(db);
        return send(res, h.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(h));
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
      if (res.headersSent) return res.end();
      if (error instanceof LinchpinError) return sendError(res, HTTP_STATUS[error.code], error);
      console.error('linchpin: internal error:', error);
      send(res, 500, 'application/json', JSON.stringify({ errors: [{ message: 'internal error; see the server log', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
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
    auth,
    close: async () => {
      await apollo.stop();
      analysis.close();
    },
  };
}
