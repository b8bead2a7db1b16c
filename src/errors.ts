/**
 * The error family of Linchpin. Every error a user can see carries a stable
 * `code` (the GraphQL `extensions.code`) and a message naming what was wrong and
 * with which value. The API translates these into GraphQLErrors in one place.
 */

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'TOO_COMPLEX'
  | 'UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export interface ErrorDetail {
  /** Where the problem is: a field path, or `file:line` for imports. */
  path?: string;
  message: string;
}

export class LinchpinError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Input that breaks the model's rules: a bad id, an enum outside the vocabulary, a probability of 7. */
export class ValidationError extends LinchpinError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class NotFoundError extends LinchpinError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('NOT_FOUND', message, details);
  }
}

/** The request clashes with what is stored: a duplicate id, a node others still depend on. */
export class ConflictError extends LinchpinError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('CONFLICT', message, details);
  }
}

export class TooComplexError extends LinchpinError {
  constructor(message: string) {
    super('TOO_COMPLEX', message);
  }
}

/** A dependency (Neo4j) cannot be reached. */
export class UnavailableError extends LinchpinError {
  constructor(message: string) {
    super('UNAVAILABLE', message);
  }
}

/** No valid credentials: a missing, malformed, expired or revoked token or key. */
export class UnauthenticatedError extends LinchpinError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

/** Valid credentials whose roles do not allow the operation. */
export class ForbiddenError extends LinchpinError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/**
 * Too much asked at once: more requests than the caller's rate limit, more than its share of the
 * analysis pool or the job queue, or a full queue; `retryAfterSeconds` until it is worth retrying.
 */
export class RateLimitedError extends LinchpinError {
  constructor(message: string, readonly retryAfterSeconds = 1) {
    super('RATE_LIMITED', message);
  }
}
