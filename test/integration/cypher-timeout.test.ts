/**
 * Every Cypher transaction carries the configured timeout: with a tiny one, a
 * deliberately slow query through the store is stopped by Neo4j and comes back
 * as TOO_COMPLEX (by the error's code), in a read, a write and a stream, while
 * a quick query under the same timeout succeeds and a rolled-back write leaves
 * nothing behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { TooComplexError } from '../../src/errors';
import { connect } from '../../src/store/driver';
import type { GraphDb } from '../../src/store/driver';

/**
 * 400 million rows to filter: many seconds of work. Neo4j checks timeouts every
 * couple of seconds (db.transaction.monitor.check.interval), so the query must
 * outlast that for the 150 ms limit to show.
 */
const SLOW = 'UNWIND range(1, 20000) AS a UNWIND range(1, 20000) AS b WITH a, b WHERE (a * b) % 7919 = 1 RETURN count(*) AS n';

let db: GraphDb;

beforeAll(() => {
  db = connect(inject('neo4j'), { cypherMs: 150, bulkMs: 150 });
});
afterAll(async () => {
  await db.close();
});

describe('Cypher transaction timeouts', () => {
  it('let a quick read through under the tiny timeout', async () => {
    const rows = await db.read((tx) => tx.run('RETURN 41 + 1 AS answer'));
    expect(rows).toEqual([{ answer: 42 }]);
  });

  it('stop a slow read with TOO_COMPLEX naming the limit', async () => {
    const error = await db.read((tx) => tx.run(SLOW)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooComplexError);
    expect((error as TooComplexError).code).toBe('TOO_COMPLEX');
    expect((error as Error).message).toMatch(/150 ms limit.*LINCHPIN_CYPHER_TIMEOUT_MS/);
  });

  it('stop a slow stream', async () => {
    let rows = 0;
    const error = await db.stream(SLOW, {}, () => rows++).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooComplexError);
    expect(rows).toBe(0);
  });

  it('stop a slow write and roll it back', async () => {
    const before = await db.version();
    const error = await db
      .write(async (tx) => {
        await tx.run(`CREATE (:TimeoutProbe {id: 'timeout-probe'})`);
        return tx.run(SLOW);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooComplexError);
    expect(await db.read((tx) => tx.run(`MATCH (p:TimeoutProbe) RETURN count(p) AS n`))).toEqual([{ n: 0 }]);
    expect(await db.version()).toBe(before);
  });
});
