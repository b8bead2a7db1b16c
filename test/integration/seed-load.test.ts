/**
 * The seed loader against the suite's Neo4j (seeded by the global setup):
 * idempotent reloads, bad rows reported with file and line, and failed loads
 * that leave no trace.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR } from '../../src/cli/seed-db';
import { LinchpinError } from '../../src/errors';
import { loadSeed } from '../../src/seed/load-seed';
import type { GraphDb } from '../../src/store/driver';
import { testDb } from './db';

let db: GraphDb;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.close();
});

/** The stored graph apart from the audit log, and the number of audit entries (every load, even a no-op, appends one). */
async function fingerprint(): Promise<{ version: number; nodes: number; rels: number; props: number; auditEntries: number }> {
  const [row] = await db.read((tx) =>
    tx.run(`MATCH (n) WHERE NOT n:AuditEntry OPTIONAL MATCH (n)-[r]->()
            WITH count(DISTINCT n) AS nodes, count(r) AS rels
            MATCH (m) WHERE NOT m:AuditEntry
            WITH nodes, rels, sum(size(keys(m))) AS props
            RETURN nodes, rels, props, COUNT { (:AuditEntry) } AS auditEntries`),
  );
  return {
    version: await db.version(),
    nodes: Number(row!.nodes),
    rels: Number(row!.rels),
    props: Number(row!.props),
    auditEntries: Number(row!.auditEntries),
  };
}

function seedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linchpin-seed-'));
  cpSync(SEED_DIR, dir, { recursive: true });
  return dir;
}

function lineCount(path: string): number {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
}

async function loadError(dir: string): Promise<LinchpinError> {
  try {
    await loadSeed(db, dir);
  } catch (error) {
    if (error instanceof LinchpinError) return error;
    throw error;
  }
  throw new Error('the load was expected to fail');
}

describe('seed loader', () => {
  it('loading the seed again changes nothing, not even the version', async () => {
    const before = await fingerprint();
    const result = await loadSeed(db, SEED_DIR);
    expect(result.changed).toBe(false);
    for (const c of result.counts) {
      expect(c.created, c.kind).toBe(0);
      expect(c.updated, c.kind).toBe(0);
      expect(c.unchanged, c.kind).toBe(c.inFiles);
    }
    // Only the load's own seed.load entry is added.
    expect(await fingerprint()).toEqual({ ...before, auditEntries: before.auditEntries + 1 });
  });

  it('retires rows an earlier generator run wrote that the files no longer hold, and nothing else', async () => {
    // A stale row from an older generator and a user's own illustrative edge, both outside the files.
    const row = (id: string, source: string) => ({ id, source, channel: 'HOSTING', strength: 1, propagation: 0, delayHours: 0, illustrative: true, type: 'CYBER', minAlive: 1, confidence: 'LOW', updatedAt: '2026-01-01' });
    await db.write((tx) =>
      tx.run(
        `MATCH (a {id: 'fn:ee-health'}), (b {id: 'fac:aws-eu-central-1'}), (c {id: 'fac:aws-eu-west-1'})
         CREATE (a)-[r1:DEPENDS_ON]->(b) SET r1 = $old CREATE (a)-[r2:DEPENDS_ON]->(c) SET r2 = $mine`,
        { old: row('dep:t-stale-v1', 'Linchpin illustrative generator v1 (seed/README.md#rules), rule B'), mine: row('dep:t-mine', 'an analyst’s assumption') },
      ),
    );
    const result = await loadSeed(db, SEED_DIR);
    expect(result.counts.find((c) => c.kind === 'DependsOn')!.retired).toBe(1);
    const left = await db.read((tx) => tx.run(`MATCH ()-[r:DEPENDS_ON]->() WHERE r.id IN ['dep:t-stale-v1', 'dep:t-mine'] RETURN r.id AS id`));
    expect(left.map((r) => r.id)).toEqual(['dep:t-mine']);
    await db.write((tx) => tx.run(`MATCH ()-[r:DEPENDS_ON {id: 'dep:t-mine'}]->() DELETE r`));
    expect((await loadSeed(db, SEED_DIR)).counts.find((c) => c.kind === 'DependsOn')!.retired).toBe(0);
  });

  it('rejects bad rows with file and line, and writes nothing', async () => {
    const before = await fingerprint();
    const dir = seedCopy();
    const deps = join(dir, 'dependencies.jsonl');
    const providers = join(dir, 'providers.jsonl');
    const depLines = lineCount(deps);
    const provLines = lineCount(providers);
    const good = JSON.parse(readFileSync(deps, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    appendFileSync(deps, `${JSON.stringify({ ...good, id: 'dep:bad-probability', propagation: 7 })}\n`);
    appendFileSync(deps, '{"id": "dep:broken", \n');
    appendFileSync(providers, `${JSON.stringify({
      id: 'prov:nowhere', name: 'Nowhere Ltd', kind: 'CLOUD', headquarters: 'ZZ',
      source: 'test', confidence: 'LOW', illustrative: true, updatedAt: '2026-01-01',
    })}\n`);

    const error = await loadError(dir);
    expect(error.code).toBe('BAD_USER_INPUT');
    const where = error.details.map((d) => `${d.path ?? ''} ${d.message}`);
    expect(where.some((w) => w.includes(`dependencies.jsonl:${depLines + 1} `) && w.includes('propagation must be <= 1'))).toBe(true);
    expect(where.some((w) => w.includes(`dependencies.jsonl:${depLines + 2} `) && w.includes('not valid JSON'))).toBe(true);
    // Schema problems stop the load before reference checks run.
    expect(await fingerprint()).toEqual(before);

    // Remove the schema problems: the reference problem is then reported with its line.
    writeFileSync(deps, readFileSync(deps, 'utf8').split('\n').slice(0, depLines).join('\n') + '\n');
    const refError = await loadError(dir);
    expect(refError.details.map((d) => `${d.path}: ${d.message}`)).toEqual([
      `${join(dir, 'providers.jsonl')}:${provLines + 1}: headquarters 'ZZ' does not exist`,
    ]);
    expect(await fingerprint()).toEqual(before);
  });

  it('rejects a DEPENDS_ON pair the vocabulary does not allow, naming the line', async () => {
    const dir = seedCopy();
    const deps = join(dir, 'dependencies.jsonl');
    const good = JSON.parse(readFileSync(deps, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    appendFileSync(deps, `${JSON.stringify({ ...good, id: 'dep:provider-on-function', dependent: 'prov:aws', supplier: 'fn:de-health' })}\n`);
    const error = await loadError(dir);
    expect(error.details).toEqual([
      {
        path: `${deps}:${lineCount(deps)}`,
        message: "a Provider cannot depend on a CriticalFunction ('prov:aws' -> 'fn:de-health'); see DEPENDS_ON_ALLOWED in graph-schema/vocabulary.ts",
      },
    ]);
  });

  it('a load that fails while writing leaves the database exactly as it was', async () => {
    const before = await fingerprint();
    const dir = seedCopy();
    const providers = join(dir, 'providers.jsonl');
    appendFileSync(providers, `${JSON.stringify({
      id: 'prov:rollback-probe', name: 'Rollback Probe', kind: 'CLOUD', headquarters: 'DE',
      source: 'test', confidence: 'LOW', illustrative: true, updatedAt: '2026-01-01',
    })}\n`);
    const failure = new Error('simulated failure after the writes');
    let sawProbe = false;
    await expect(
      loadSeed(db, dir, {
        beforeCommit: async (tx) => {
          const rows = await tx.run('MATCH (p:Provider {id: $id}) RETURN count(p) AS n', { id: 'prov:rollback-probe' });
          sawProbe = rows[0]?.n === 1;
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(sawProbe).toBe(true);
    expect(await fingerprint()).toEqual(before);
    const [row] = await db.read((tx) => tx.run('MATCH (p {id: $id}) RETURN count(p) AS n', { id: 'prov:rollback-probe' }));
    expect(row?.n).toBe(0);
  });
});
