/**
 * Data survives a restart of the local Neo4j: write, stop the server, start it
 * again, read back. Runs against the suite's own instance (never the user's).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { localOptions, startLocalNeo4j, stopLocalNeo4j } from '../../neo4j-launcher/launcher';
import { testDb } from './db';

const probe = 'prov:t-persist-probe';

afterAll(async () => {
  const db = testDb();
  await db.write((tx) => tx.run('MATCH (n {id: $id}) DETACH DELETE n', { id: probe }));
  await db.close();
});

describe('local Neo4j', () => {
  it('keeps data across a restart', async () => {
    const options = localOptions('test');
    const marker = `written ${new Date().toISOString()}`;
    let db = testDb();
    await db.write((tx) => tx.run('MERGE (n:Entity:Provider {id: $id}) SET n.name = $marker', { id: probe, marker }));
    const version = await db.version();
    await db.close();

    expect((await stopLocalNeo4j(options)).wasRunning).toBe(true);
    const again = await startLocalNeo4j(options);
    expect(again.startedNow).toBe(true);

    db = testDb();
    const rows = await db.read((tx) => tx.run('MATCH (n {id: $id}) RETURN n.name AS name', { id: probe }));
    expect(rows).toEqual([{ name: marker }]);
    expect(await db.version()).toBe(version);
    await db.close();
  }, 240_000);
});
