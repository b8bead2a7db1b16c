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
import { clearanceOf } from '../auth/clearance';
import type { AuthConfig } from '../auth/config';
import { localAuthConfig } from '../auth/local-secret';
import { AccessService } from '../services/access';
import { withVisibility } from '../services/request-scope';
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
import { allowedHosts, contentSecurityPolicy, hostProblem, inlineScripts, isProduction, securityHeaders } from './http-security';
import { armorProtection, LIMITS, rateLimits, tokenLimitError } from './limits';
import { RateLimiter } from './rate-limit';
import { requestGuards } from './request-guards';
import { buildSchema } from './schema';
import { accessPlugin } from './access';
import { authRoutes } from './auth-routes';
import { LinchpinError, RateLimitedError } from '../errors';

export const MAX_BODY_BYTES = LIMITS.maxBodyBytes;

export interface ServerOptions {
  /** Where LINCHPIN_MODE, LINCHPIN_ALLOWED_HOSTS and LINCHPIN_RATE_LIMIT_* are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Sign-in settings (default: from the environment, src/auth/config.ts). */
  auth?: AuthConfig;
}

class BodyTooLargeError extends Error {}

export interface RunningServer {
  url: string;
  port: number;
  analysis: AnalysisService;
  auth: Authenticator;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** A short JSON error outside GraphQL execution (bad body, host, rate): never echoes the input. */
function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json', JSON.stringify({ errors: [{ message, extensions: { code } }] }), headers);
}

/** The HTTP status of an error outside GraphQL execution (sign-in, token exchange, body reading). */
const HTTP_STATUS: Record<LinchpinError['code'], number> = {
  UNAUTHENTICATED: 401,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  TOO_COMPLEX: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

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

export async function startServer(
  db: GraphDb,
  port: number,
  host = '127.0.0.1',
  analysis = new AnalysisService(db),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const production = isProduction(env);
  const hosts = allowedHosts(host, env);
  const limiter = new RateLimiter(rateLimits(env));
  const armor = armorProtection();
  // The size of the graph analyses run on: the current snapshot (built once if none is yet); without one
  // (Neo4j down before the first), a graph of the seed's order of size, so the limits hold from the first request.
  const graphSize = async () => {
    const s = analysis.snapshots.peek() ?? (await analysis.snapshot().catch(() => null));
    return s ? { nodes: s.names.length, dependencies: s.channel.length } : { nodes: 2000, dependencies: 5000 };
  };
  const authConfig = options.auth ?? localAuthConfig(env);
  const auth = new Authenticator(db, authConfig);
  const access = new AccessService(db, auth);
  const signIn = authRoutes(db, auth, sendError, readBody);
  if (authConfig.devOpen) console.warn('linchpin: LINCHPIN_DEV_OPEN=1: NOTHING IS PROTECTED; every request is an administrator');
  const schema = buildSchema();
  const explorerPage = explorerHtml();
  const explorerCsp = contentSecurityPolicy(inlineScripts(explorerPage));
  const http: Server = createServer();
  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError,
    introspection: !production,
    validationRules: armor.validationRules,
    includeStacktraceInErrorResponses: false,
    // The CLI owns signals: it stops the server, the driver and the Neo4j it started, in that order.
    stopOnTerminationSignals: false,
    // Cache-control hints are not used, and the plugin wraps every field resolver: off.
    plugins: [
      ...armor.plugins,
      accessPlugin(schema),
      requestGuards(graphSize),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      staleExtensions,
    ],
  });
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = await signIn.callerOf(req, res);
    if (!caller) return;
    // Each signed-in caller has its own bucket (beside the address's, which also bounds failed sign-ins).
    limiter.take(`caller:${caller.id}`);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge(req, res);
      let text: string;
      try {
        text = await readBody(req);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return tooLarge(req, res);
        throw error;
      }
      try {
        body = text.length > 0 ? JSON.parse(text) : {};
      } catch {
        return sendError(res, 400, 'BAD_REQUEST', 'request body is not valid JSON');
      }
    }
    const query = req.method === 'POST' ? (body as { query?: unknown } | null)?.query : url.searchParams.get('query');
    const tooManyTokens = tokenLimitError(query);
    if (tooManyTokens) return sendError(res, 400, tooManyTokens.code, tooManyTokens.message);
    // Everything this request runs sees only what the caller's clearance allows (src/services/request-scope.ts);
    // withFreshness: whatever answers from the snapshot while Neo4j is down marks this request stale.
    const { value: result } = await withVisibility(clearanceOf(caller), () =>
      withFreshness(() =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
          context: () => Promise.resolve(createContext(db, analysis, access, caller)),
        }),
      ),
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

  function tooLarge(req: IncomingMessage, res: ServerResponse): void {
    sendError(res, 413, 'PAYLOAD_TOO_LARGE', `request body exceeds ${MAX_BODY_BYTES} bytes`, { connection: 'close' });
    req.destroy();
  }

  http.on('request', (req, res) => {
    for (const [name, value] of Object.entries(securityHeaders())) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async () => {
      const wrongHost = hostProblem(req, hosts, actualPort);
      if (wrongHost) return sendError(res, 421, 'MISDIRECTED_REQUEST', wrongHost);
      if (url.pathname === '/health') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on /health`, { allow: 'GET, HEAD' });
        const h = await health(db, analysis.snapshots.peek());
        return send(res, h.httpStatus, 'application/json', JSON.stringify(h.report));
      }
      limiter.take(`addr:${req.socket.remoteAddress ?? 'unknown'}`);
      if (url.pathname === '/graphql') return graphql(req, res, url);
      if (url.pathname === '/auth/token') return signIn.issueToken(req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here`, { allow: 'GET, HEAD' });
      const explorer = !production && (url.pathname === '/explorer' || url.pathname.startsWith('/explorer/'));
      if (explorer && (url.pathname === '/explorer' || url.pathname === '/explorer/')) {
        res.setHeader('content-security-policy', explorerCsp);
        return send(res, 200, 'text/html; charset=utf-8', explorerPage);
      }
      const asset = explorer && url.pathname.startsWith('/explorer/assets/') ? EXPLORER_ASSETS[url.pathname.slice(17)] : undefined;
      if (asset) {
        res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
        createReadStream(asset.file).pipe(res);
        return;
      }
      const file = webFile(url.pathname);
      if (file) {
        res.writeHead(200, { 'content-type': file.type, 'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
        res.end(file.body);
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', homeHtml());
      return send(res, 404, 'text/plain', `not found: ${url.pathname.slice(0, 200)}`);
    };
    route().catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof RateLimitedError) {
        return sendError(res, 429, error.code, error.message, { 'retry-after': String(error.retryAfterSeconds) });
      }
      if (error instanceof LinchpinError) return sendError(res, HTTP_STATUS[error.code], error.code, error.message.slice(0, LIMITS.maxMessageChars));
      // The client went away while its body was read: nobody to answer, nothing went wrong here.
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' && req.destroyed) return;
      console.error('linchpin: internal error in a request:', error);
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error; see the server log');
    });
  });

  let actualPort = port;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const address = http.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
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
