/**
 * The API process killed with SIGKILL in the middle of a stream of writes
 * loses no acknowledged write. The API runs as a child process on the suite's
 * Neo4j; several clients create uniquely named providers concurrently and note
 * each one acknowledged (a createProvider that answered with its id: the
 * resolver answers only after the write transaction committed); the process is
 * killed while requests are in flight; then every acknowledged provider must be
 * stored. Unacknowledged ones may or may not be. The test cleans up after itself.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphDb } from '../../src/store/driver';
import { httpRequest, testDb } from './db';

const PREFIX = 'prov:killtest-';
const CLIENTS = 6;
/** Kill once this many writes are acknowledged (the clients keep sending). */
const KILL_AFTER = 60;

let db: GraphDb;
let child: ChildProcess | undefined;

const stored = async (): Promise<Set<string>> => {
  const rows = await db.read((tx) => tx.run('MATCH (p:Provider) WHERE p.id STARTS WITH $prefix RETURN p.id AS id', { prefix: PREFIX }));
  return new Set(rows.map((r) => String(r.id)));
};

const cleanUp = () => db.write((tx) => tx.run('MATCH (p:Provider) WHERE p.id STARTS WITH $prefix DETACH DELETE p', { prefix: PREFIX }));

/** Starts the API as a child process; resolves with its URL once it serves. */
function startChild(): Promise<string> {
  const entry = fileURLToPath(new URL('./fixtures/child-api.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, LINCHPIN_CHILD_NEO4J: JSON.stringify(inject('neo4j')), LINCHPIN_DEV_OPEN: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    proc.once('exit', (code, signal) => reject(new Error(`the API child exited before serving (${code ?? signal})`)));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const m = /^LISTENING (\S+)$/.exec(line);
      if (m) resolve(m[1]!);
    });
  });
}

beforeAll(async () => {
  db = testDb();
  await cleanUp();
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await cleanUp();
  await db.close();
});

describe('SIGKILL during a stream of writes', () => {
  it('loses no acknowledged write', async () => {
    const url = await startChild();
    const acknowledged: string[] = [];
    let attempted = 0;
    let failed = 0;
    let killed = false;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.once('exit', (_, signal) => resolve(signal)));

    const client = async (c: number) => {
      for (let i = 0; ; i++) {
        const id = `${PREFIX}${c}-${i}`;
        attempted++;
        const body = JSON.stringify({
          query: `mutation($input: ProviderInput!) { createProvider(input: $input) { id } }`,
          variables: { input: { id, name: `Kill test ${c}-${i}`, providerKind: 'CLOUD', headquarters: 'FR', provenance: { source: 'https://example.org/killtest' } } },
        });
        try {
          const res = await httpRequest({ url }, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body, timeoutMs: 20_000 });
          const json = JSON.parse(res.body) as { data?: { createProvider?: { id: string } | null } | null };
          if (json.data?.createProvider?.id === id) acknowledged.push(id);
          else failed++;
        } catch {
          // The connection died with the process: this write is unacknowledged.
          failed++;
          if (killed) return;
        }
        if (!killed && acknowledged.length >= KILL_AFTER) {
          killed = true;
          child!.kill('SIGKILL');
        }
        if (killed) return;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    expect(await exited).toBe('SIGKILL');

    const present = await stored();
    const lost = acknowledged.filter((id) => !present.has(id));
    const unacknowledgedStored = [...present].filter((id) => !acknowledged.includes(id)).length;
    console.log(
      `SIGKILL test: ${CLIENTS} clients, ${attempted} writes sent, ${acknowledged.length} acknowledged, ${failed} unacknowledged; ` +
        `stored ${present.size}: all ${acknowledged.length - lost.length} acknowledged present, ${unacknowledgedStored} unacknowledged stored too; lost ${lost.length}`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(lost).toEqual([]);
  });
});
