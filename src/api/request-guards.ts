/**
 * The Apollo plugin that checks an operation before it runs, once its
 * document is parsed and validated and its variables are known: input lengths
 * (input-limits.ts) then estimated cost (query-cost.ts). It also bounds what
 * an error response may carry: at most LIMITS.maxErrors errors, each message
 * at most LIMITS.maxMessageChars, so that a large request never comes back
 * larger as an error.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { LinchpinError, ValidationError } from '../errors';
import type { ApiContext } from './context';
import { requestError } from './format-error';
import { checkInputLimits } from './input-limits';
import { LIMITS } from './limits';
import { fragmentsOf } from './operation-walk';
import { checkCost, operationCost } from './query-cost';
import type { GraphSize } from './query-cost';

export function clip(text: string, max = LIMITS.maxMessageChars): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Caps the count and size of formatted errors (the last says how many were left out). */
export function capErrors(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const kept = errors.slice(0, LIMITS.maxErrors).map((e) => (e.message.length > LIMITS.maxMessageChars ? { ...e, message: clip(e.message) } : e));
  if (errors.length > LIMITS.maxErrors) {
    kept.push({ message: `${errors.length - LIMITS.maxErrors} more errors left out`, extensions: { code: 'TOO_MANY_ERRORS' } });
  }
  return kept;
}

export function requestGuards(graphSize: () => Promise<GraphSize>): ApolloServerPlugin<ApiContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return;
          const fragments = fragmentsOf(document.definitions);
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: LIMITS.maxErrors });
          // Variables that do not fit their types, all reported here (graphql's own "too many errors" has no code).
          if (coerced.errors) {
            const details = coerced.errors.map((e) => ({ message: clip(e.message) }));
            throw requestError(new ValidationError(details[0]!.message, details));
          }
          const walk = { schema, operation, fragments, variables: coerced.coerced };
          try {
            checkInputLimits(walk);
            checkCost(operationCost({ ...walk, graph: await graphSize() }));
          } catch (error) {
            throw error instanceof LinchpinError ? requestError(error) : error;
          }
        },
        willSendResponse({ response }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = capErrors(response.body.singleResult.errors);
          }
          return Promise.resolve();
        },
      });
    },
  };
}
