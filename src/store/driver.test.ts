/** Driver error translation (by code, never by message) and the timeout settings. */
import { describe, expect, it } from 'vitest';
import { ConflictError, TooComplexError, UnavailableError, ValidationError } from '../errors';
import { DEFAULT_TIMEOUTS, timeoutsFromEnv, translateDriverError } from './driver';

const config = { uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x', database: 'neo4j' };
const err = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('translateDriverError', () => {
  it('maps by the error code', () => {
    expect(translateDriverError(err('ServiceUnavailable'), config)).toBeInstanceOf(UnavailableError);
    expect(translateDriverError(err('SessionExpired'), config)).toBeInstanceOf(UnavailableError);
    expect(translateDriverError(err('ECONNREFUSED'), config)).toBeInstanceOf(UnavailableError);
    expect(translateDriverError(err('Neo.TransientError.General.DatabaseUnavailable'), config)).toBeInstanceOf(UnavailableError);
    expect(translateDriverError(err('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'), config)).toBeInstanceOf(TooComplexError);
    expect(translateDriverError(err('Neo.ClientError.Transaction.TransactionTimedOut'), config)).toBeInstanceOf(TooComplexError);
    expect(translateDriverError(err('Neo.ClientError.Schema.ConstraintValidationFailed'), config)).toBeInstanceOf(ConflictError);
    expect(translateDriverError(err('Neo.ClientError.Statement.SyntaxError'), config)).toBeInstanceOf(ValidationError);
  });

  it('never by the message: "connect" in a syntax error is still a syntax error, and no code is no category', () => {
    expect(translateDriverError(err('Neo.ClientError.Statement.SyntaxError', 'could not connect the dots'), config)).toBeInstanceOf(ValidationError);
    const plain = translateDriverError(new Error('ECONNREFUSED connect failed'), config);
    expect(plain).not.toBeInstanceOf(UnavailableError);
  });

  it('names the limit in a timeout', () => {
    expect(translateDriverError(err('Neo.ClientError.Transaction.TransactionTimedOut'), config, { cypherMs: 1234, bulkMs: 9 }).message).toMatch(/1234 ms limit/);
  });
});

describe('timeoutsFromEnv', () => {
  it('defaults to 30 s, and 10 min for bulk writes', () => {
    expect(timeoutsFromEnv({})).toEqual(DEFAULT_TIMEOUTS);
    expect(DEFAULT_TIMEOUTS).toEqual({ cypherMs: 30_000, bulkMs: 600_000 });
  });

  it('reads LINCHPIN_CYPHER_TIMEOUT_MS and LINCHPIN_BULK_TIMEOUT_MS', () => {
    expect(timeoutsFromEnv({ LINCHPIN_CYPHER_TIMEOUT_MS: '500', LINCHPIN_BULK_TIMEOUT_MS: '7000' })).toEqual({ cypherMs: 500, bulkMs: 7000 });
  });

  it('rejects a value that is not a positive whole number, naming it', () => {
    expect(() => timeoutsFromEnv({ LINCHPIN_CYPHER_TIMEOUT_MS: '0' })).toThrow(/LINCHPIN_CYPHER_TIMEOUT_MS=0/);
    expect(() => timeoutsFromEnv({ LINCHPIN_BULK_TIMEOUT_MS: 'soon' })).toThrow(ValidationError);
  });
});
