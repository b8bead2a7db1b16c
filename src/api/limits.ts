/**
 * Every limit the API enforces, declared in one place, and the
 * graphql-armor protections built from them (aliases, tokens, depth,
 * directives, and armor's own structural cost). Each rejection is a
 * TooComplexError, so it reaches the client as TOO_COMPLEX through
 * format-error.ts. The field cost by list sizes and the analysis cost by runs
 * and graph size are computed with the variables in query-cost.ts; string and
 * list lengths of inputs are checked in input-limits.ts.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import { TooComplexError } from '../errors';

const envInt = (name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got '${raw}')`);
  return n;
};

export const LIMITS = {
  /** Aliases per operation: 50 aliases of one blastRadius must not pass; no web query uses more than a handful. */
  maxAliases: 15,
  /** Lexer tokens per document (the web app's largest operation has about 300). */
  maxTokens: 3000,
  /** Selection depth (the web's deepest operation is 7; the old hand-written rule's 12 kept). */
  maxDepth: 12,
  /** Directives per operation (@include/@skip); more only serve to make parsing expensive. */
  maxDirectives: 20,
  /** graphql-armor's structural cost (objects 2, scalars 1, × 1.5 per level, × page sizes): a coarse outer bound; the graph view costs 70,000, a page beyond 5000 is left to its BAD_USER_INPUT. */
  maxStructuralCost: 1_000_000,
  /** Field resolutions estimated from list sizes × nesting (query-cost.ts). */
  maxFieldCost: 250_000,
  /** Estimated analysis work: dependency visits (runs × dependencies for a COMPROMISE); one 20,000-run COMPROMISE blastRadius on the seed graph fits. */
  maxAnalysisCost: 120_000_000,
  /** Request body bytes. */
  maxBodyBytes: 1_000_000,
  /** Errors returned in one response; the rest are counted. */
  maxErrors: 20,
  /** Characters of one error message. */
  maxMessageChars: 600,
} as const;

/** Input lengths (input-limits.ts): every String/ID argument and input field, every list. */
export const INPUT_LIMITS = {
  /** Ids: ENTITY_ID_PATTERN allows a prefix and 120 characters; country codes are 2. */
  idChars: 130,
  /** Names, labels, enums-as-text, cursors: short text. */
  shortTextChars: 300,
  /** Free text (descriptions, notes, sources). */
  longTextChars: 10_000,
  /** Items of one list argument or list input field. */
  listItems: 1000,
  /** Short text fields by name; every other String is free text. */
  longTextFields: new Set(['description', 'notes', 'note', 'summary', 'source', 'sources', 'query', 'text', 'inputJson']),
} as const;

/** The rate limit (rate-limit.ts): tokens per minute and the bucket size per caller. */
export function rateLimits(env: NodeJS.ProcessEnv = process.env): { perMinute: number; burst: number } {
  const perMinute = envInt('LINCHPIN_RATE_LIMIT_PER_MINUTE', 100_000, env);
  return { perMinute, burst: envInt('LINCHPIN_RATE_LIMIT_BURST', Math.max(1, perMinute), env) };
}

/** Reports an armor rejection as TOO_COMPLEX (armor's default would be BAD_USER_INPUT). */
const tooComplex = (limit: string): GraphQLArmorRejectCallback => (ctx, error) => {
  const message = `${limit}: ${error.message.replace(/^Syntax Error: /, '')}`;
  ctx?.reportError(new GraphQLError(message, { originalError: new TooComplexError(message) }));
};

/** Armor's protections: validation rules (aliases, depth, directives, cost) and its parser plugin (tokens). */
export function armorProtection(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const reject = (limit: string) => ({ onReject: [tooComplex(limit)], propagateOnRejection: false, exposeLimits: true });
  const armor = new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxAliases: { n: LIMITS.maxAliases, ...reject('too many aliases') },
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reject('too deep') },
    maxDirectives: { n: LIMITS.maxDirectives, ...reject('too many directives') },
    costLimit: { maxCost: LIMITS.maxStructuralCost, ignoreIntrospection: true, ...reject('too costly') },
    // Armor's Apollo token plugin turns syntax errors into 500s: tokens are counted by tokenLimitError instead.
    maxTokens: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}

/**
 * Armor's token counter (its MaxTokensParserWLexer), run on a request's query
 * before Apollo sees it: armor's Apollo token plugin parses inside
 * parsingDidStart, where Apollo turns any throw, a plain syntax error
 * included, into a 500. Over the limit is TOO_COMPLEX; any other parse error
 * is left to Apollo's own parse (GRAPHQL_PARSE_FAILED, 400).
 */
export function tokenLimitError(query: unknown): TooComplexError | null {
  if (typeof query !== 'string') return null;
  let exceeded = false;
  const parser = new MaxTokensParserWLexer(query, {
    n: LIMITS.maxTokens,
    exposeLimits: true,
    propagateOnRejection: true,
    onReject: [() => void (exceeded = true)],
  });
  try {
    parser.parseDocument();
  } catch {
    /* a syntax error, or the limit (flagged) */
  }
  return exceeded ? new TooComplexError(`too many tokens: Token limit of ${LIMITS.maxTokens} exceeded.`) : null;
}
