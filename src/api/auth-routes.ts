/**
 * Sign-in over HTTP: the caller of a request from its Authorization header
 * (401 and an audit entry when the credential is refused), and POST /auth/token,
 * which exchanges an API key for a local token (the web page's sign-in).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../auth/authenticator';
import { DEV_OPEN_CALLER } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { UnauthenticatedError } from '../errors';
import { recordAudit } from '../store/audit';
import type { GraphDb } from '../store/driver';

type SendError = (res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>) => void;

function auditFailure(db: GraphDb, error: UnauthenticatedError): void {
  recordAudit(db, [{ actor: 'anonymous', actorOrganisation: null, action: 'signIn.failed', target: null, before: null, after: null, detail: error.message }])
    // The answer never waits for the audit write; a failed one is logged.
    .catch((e: unknown) => console.error('linchpin: could not audit a failed sign-in:', (e as Error).message));
}

export function authRoutes(db: GraphDb, auth: Authenticator, sendError: SendError, readBody: (req: IncomingMessage) => Promise<string>) {
  return {
    /** The caller of a request; null when the response (401) has been sent. */
    async callerOf(req: IncomingMessage, res: ServerResponse): Promise<Caller | null> {
      if (auth.config.devOpen) return DEV_OPEN_CALLER;
      try {
        return await auth.authenticate(req.headers.authorization);
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        if (req.headers.authorization) auditFailure(db, error);
        sendError(res, 401, error.code, error.message, { 'www-authenticate': 'Bearer' });
        return null;
      }
    },

    /** POST /auth/token {"key": "lpk_…"} → {token, expiresAt, user}. */
    async issueToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'POST a JSON body {"key": "lpk_…"}', { allow: 'POST' });
      let key: unknown;
      try {
        key = (JSON.parse(await readBody(req)) as { key?: unknown }).key;
      } catch {
        key = undefined;
      }
      if (typeof key !== 'string') return sendError(res, 400, 'BAD_USER_INPUT', 'the body must be JSON {"key": "lpk_…"}');
      try {
        const { token, expiresAt, caller } = await auth.issueToken(key);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ token, expiresAt, user: { id: caller.id, name: caller.name, organisation: caller.organisation, roles: caller.roles } }));
      } catch (error) {
        if (!(error instanceof UnauthenticatedError)) throw error;
        auditFailure(db, error);
        sendError(res, 401, error.code, error.message);
      }
    },
  };
}
