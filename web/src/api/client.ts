/**
 * The GraphQL client: POST /graphql with an operation name and variables.
 * It sends the page's credential (./session.ts).
 * Every failure becomes an ApiError with a stable code and a message a reader
 * can act on (the server's `extensions.code`, the HTTP status, or the network).
 */
import { authHeaders } from './session';

/**
 * The codes the API puts in `extensions.code` (BAD_USER_INPUT, NOT_FOUND,
 * CONFLICT, FORBIDDEN, TOO_COMPLEX, UNAVAILABLE, INTERNAL_SERVER_ERROR), and two
 * of our own for transport failures: NETWORK and HTTP.
 */
export type ApiErrorCode = string;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    readonly operation: string,
  ) {
    super(message);
  }
}

interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; details?: { path?: string; message: string }[] };
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: GraphqlErrorBody[];
}

const CODE_PREFIX: Record<string, string> = {
  UNAUTHENTICATED: 'sign in first',
  BAD_USER_INPUT: 'the request was rejected',
  GRAPHQL_VALIDATION_FAILED: 'the request does not match the API',
  NOT_FOUND: 'not found',
  CONFLICT: 'conflict',
  FORBIDDEN: 'not allowed',
  TOO_COMPLEX: 'the request is too complex',
  UNAVAILABLE: 'the database is unavailable',
  INTERNAL_SERVER_ERROR: 'the API failed',
};

/** One readable message for the errors of a response. */
export function describeErrors(operation: string, errors: readonly GraphqlErrorBody[]): ApiError {
  const first = errors[0]!;
  const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  const details = (first.extensions?.details ?? []).map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  const prefix = CODE_PREFIX[code] ?? code.toLowerCase().replace(/_/g, ' ');
  const text = [first.message, ...details].join('; ');
  return new ApiError(`${operation}: ${prefix} — ${text}${more}`, code, operation);
}

export interface RequestOptions {
  /** Endpoint (default `/graphql`, relative to the page). */
  endpoint?: string;
  signal?: AbortSignal;
}

export async function request<TData>(
  document: string,
  operationName: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<TData> {
  const endpoint = options.endpoint ?? 'graphql';
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
      body: JSON.stringify({ query: document, operationName, variables }),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(`${operationName}: cannot reach the Linchpin API at /graphql — ${(error as Error).message}`, 'NETWORK', operationName);
  }
  let body: GraphqlBody<TData> | null = null;
  try {
    body = (await response.json()) as GraphqlBody<TData>;
  } catch {
    body = null;
  }
  if (response.status === 401) {
    throw new ApiError(`${operationName}: sign in again — ${body?.errors?.[0]?.message ?? 'the API wants a credential'}`, 'UNAUTHENTICATED', operationName);
  }
  if (body?.errors && body.errors.length > 0) throw describeErrors(operationName, body.errors);
  if (!response.ok || !body) {
    throw new ApiError(`${operationName}: the API answered HTTP ${response.status} ${response.statusText}`.trim(), 'HTTP', operationName);
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError(`${operationName}: the API returned no data`, 'INTERNAL_SERVER_ERROR', operationName);
  }
  return body.data;
}
