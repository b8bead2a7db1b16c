/** The one place where errors become GraphQL errors with a stable `extensions.code`. */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { LinchpinError } from '../errors';

/** The first LinchpinError in the chain of original errors (resolvers and validation rules wrap them). */
function findLinchpinError(error: unknown): unknown {
  let current: unknown = unwrapResolverError(error);
  for (let i = 0; i < 5 && current; i++) {
    if (current instanceof LinchpinError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return unwrapResolverError(error);
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = findLinchpinError(error);
  if (original instanceof LinchpinError) {
    return {
      message: original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: original.code,
        ...(original.details.length > 0 ? { details: original.details } : {}),
      },
    };
  }
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    console.error('linchpin: internal error:', original);
    return { message: 'internal error; see the server log', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
  return { ...formatted, extensions };
}

/** A LinchpinError raised before execution (a limit, a plugin), as a GraphQLError answered with HTTP 400. */
export function requestError(error: LinchpinError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
}
