/**
 * The load test of `npm run bench` (section "load"): the API server in a
 * child process (./bench-load-server.ts) on the bench's Neo4j, and autocannon
 * clients, split into groups that run at once, each with its own latencies:
 *
 *   reads      node by id, a providers page, a search
 *   trivial    graphStats: the probe of "a trivial query during heavy analyses"
 *   blast      blastRadius: OUTAGE and COMPROMISE (1,000 and 5,000 runs)
 *   stress     stressTest (2,000 runs), which answers at once with a job
 *   writes     createProvider with a unique id per request
 *
 * It prints requests per second, p50/p95/p99 per group and overall, GraphQL
 * error counts by code, whether every acknowledged write is stored (then
 * deletes them), and the server's memory after warm-up and at the end.
 * Nothing here asserts a figure.
 *
 * Env: LINCHPIN_LOAD_SECONDS (default 300), LINCHPIN_LOAD_CLIENTS (default 200),
 * LINCHPIN_LOAD_WARMUP_SECONDS (default 10), LINCHPIN_LOAD_GROUPS (default
 * reads,trivial,blast,stress,writes; the clients are shared out over the groups
 * chosen in proportion to their shares), LINCHPIN_LOAD_TOKEN (sent as
 * `Authorization: Bearer …` once sign-in is enforced).
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { newApiKey } from '../auth/api-keys';
import { insertApiKey, upsertUser } from '../store/access';
import { connect } from '../store/driver';
import type { Neo4jConfig } from '../store/driver';
import type { LoadServerMessage } from './bench-load-server';

/** The headers of a load-test request, signed in with `key` (LINCHPIN_LOAD_TOKEN, when set, for every group). */
export function loadHeaders(env: NodeJS.ProcessEnv, key: string): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${env.LINCHPIN_LOAD_TOKEN ?? key}` };
}

/**
 * One signed-in user per client group (editors, so every group may do what it does; not administrators,
 * which would keep `npm start` from making its first administrator on this database), as a
 * deployment has many callers: each has its own rate limit and share of the analysis pool.
 */
async function groupKeys(config: Neo4jConfig, groups: readonly string[]): Promise<Map<string, string>> {
  const db = connect(config);
  try {
    const keys = new Map<string, string>();
    for (const group of groups) {
      const id = `bench-load-${group}`;
      await upsertUser(db, { id, name: `load test (${group})`, organisation: null, roles: ['EDITOR'] });
      const key = await newApiKey();
      await db.write((tx) => insertApiKey(tx, { id: key.id, userId: id, name: 'npm run bench', createdAt: new Date().toISOString(), salt: key.salt, hash: key.hash }), {
        countsAsModelWrite: false,
      });
      keys.set(group, key.key);
    }
    return keys;
  } finally {
    await db.close();
  }
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: must be a positive number`);
  return n;
}

interface Group {
  name: string;
  share: number;
  bodies: (i: number) => { query: string; variables?: Record<string, unknown> };
}

const RUN = `load-${Date.now().toString(36)}`;
let writeSerial = 0;
const acknowledged: string[] = [];

const GROUPS: Group[] = [
  {
    name: 'reads',
    share: 0.45,
    bodies: (i) =>
      [
        { query: 'query($id: ID!) { node(id: $id) { id name } }', variables: { id: ['prov:aws', 'prov:microsoft', 'fac:ovh-sbg', 'svc:kaseya-vsa'][i % 4] } },
        { query: '{ providers(first: 50) { totalCount nodes { id name } } }' },
        { query: 'query($t: String!) { search(text: $t, first: 20) { id } }', variables: { t: ['cloud', 'bank', 'micro', 'de'][i % 4] } },
      ][i % 3]!,
  },
  { name: 'trivial', share: 0.05, bodies: () => ({ query: '{ graphStats { version dependencyCount } }' }) },
  {
    name: 'blast',
    share: 0.2,
    bodies: (i) =>
      [
        { origins: ['prov:aws'] },
        { origins: ['svc:kaseya-vsa'], mode: 'COMPROMISE', runs: 1000, seed: i },
        { origins: ['prov:microsoft'], mode: 'COMPROMISE', runs: 5000, seed: i },
        { origins: ['fac:ovh-sbg'], rule: 'DISTRESS' },
      ].map((input) => ({ query: 'query($input: BlastRadiusInput!) { blastRadius(input: $input) { totals { affected importanceLost } } }', variables: { input } }))[i % 4]!,
  },
  {
    name: 'stress',
    share: 0.05,
    bodies: (i) => ({ query: 'mutation($input: StressTestInput!) { stressTest(input: $input) { id status } }', variables: { input: { runs: 2000, seed: i, probability: 0.01 } } }),
  },
  {
    name: 'writes',
    share: 0.25,
    bodies: () => {
      const id = `prov:${RUN}-${++writeSerial}`;
      return { query: 'mutation($input: ProviderInput!) { createProvider(input: $input) { id } }', variables: { input: { id, name: `Load test ${id}`, providerKind: 'CLOUD', provenance: { source: 'https://example.org/load-test' } } } };
    },
  },
];

interface GroupResult {
  name: string;
  clients: number;
  requests: number;
  latencies: number[];
  errors: Map<string, number>;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function startServerProcess(config: Neo4jConfig): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(new URL('./bench-load-server.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LINCHPIN_LOAD_NEO4J: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the load-test server exited with code ${code}`)));
    child.on('message', (m: LoadServerMessage) => {
      if (m.type === 'ready') resolve({ child, url: m.url });
    });
  });
}

function askMemory(child: ChildProcess): Promise<Extract<LoadServerMessage, { type: 'memory' }>> {
  return new Promise((resolve) => {
    const on = (m: LoadServerMessage) => {
      if (m.type !== 'memory') return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send('memory');
  });
}

function runGroup(url: string, group: Group, clients: number, seconds: number, headers: Record<string, string>): Promise<GroupResult> {
  const result: GroupResult = { name: group.name, clients, requests: 0, latencies: [], errors: new Map() };
  const count = (code: string) => result.errors.set(code, (result.errors.get(code) ?? 0) + 1);
  let serial = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/graphql`,
        connections: clients,
        duration: seconds,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            headers,
            setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
              const body = group.bodies(serial++);
              context.writeId = (body.variables?.input as { id?: string } | undefined)?.id;
              return { ...request, body: JSON.stringify(body) };
            },
            onResponse: (status: number, body: string, context: Record<string, unknown>) => {
              if (status !== 200) count(`HTTP ${status}`);
              let parsed: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
              try {
                parsed = JSON.parse(body) as typeof parsed;
              } catch {
                count('unparsable body');
                return;
              }
              for (const e of parsed.errors ?? []) count(e.extensions?.code ?? 'no code');
              if (group.name === 'writes' && !parsed.errors && parsed.data && typeof context.writeId === 'string') acknowledged.push(context.writeId);
            },
          },
        ],
      },
      (error: Error | null, out: { requests: { total: number }; errors: number; timeouts: number }) => {
        if (error) return reject(error);
        result.requests = out.requests.total;
        if (out.errors > 0) result.errors.set('connection errors', out.errors);
        if (out.timeouts > 0) result.errors.set('timeouts', out.timeouts);
        resolve(result);
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      result.latencies.push(responseTime);
    });
  });
}

async function gql(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;

export async function loadTest(config: Neo4jConfig, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const seconds = envNumber(env, 'LINCHPIN_LOAD_SECONDS', 300);
  const totalClients = Math.round(envNumber(env, 'LINCHPIN_LOAD_CLIENTS', 200));
  const warmup = envNumber(env, 'LINCHPIN_LOAD_WARMUP_SECONDS', 10);
  const names = new Set((env.LINCHPIN_LOAD_GROUPS ?? GROUPS.map((g) => g.name).join(',')).split(',').map((n) => n.trim()));
  const unknown = [...names].filter((n) => !GROUPS.some((g) => g.name === n));
  if (unknown.length > 0) throw new Error(`LINCHPIN_LOAD_GROUPS: unknown group(s) ${unknown.join(', ')}; known: ${GROUPS.map((g) => g.name).join(', ')}`);
  const chosen = GROUPS.filter((g) => names.has(g.name));
  const shares = chosen.reduce((sum, g) => sum + g.share, 0);
  const clientsOf = (g: Group, scale: number) => Math.max(1, Math.round((totalClients * g.share * scale) / shares));
  console.log(`\nload: ${totalClients} concurrent clients for ${seconds} s (after ${warmup} s of warm-up), server in its own process; groups ${chosen.map((g) => g.name).join(', ')}`);

  const keys = await groupKeys(config, chosen.map((g) => g.name));
  const headersOf = (g: Group) => loadHeaders(env, keys.get(g.name)!);
  const headers = headersOf(chosen[0]!);
  const { child, url } = await startServerProcess(config);
  try {
    // Warm-up: every group once at a tenth of the clients, then the memory baseline.
    await Promise.all(chosen.map((g) => runGroup(url, g, clientsOf(g, 0.1), warmup, headersOf(g))));
    const warm = await askMemory(child);
    acknowledged.length = 0;
    const writesBefore = writeSerial;

    const started = performance.now();
    const results = await Promise.all(chosen.map((g) => runGroup(url, g, clientsOf(g, 1), seconds, headersOf(g))));
    const elapsed = (performance.now() - started) / 1000;
    const end = await askMemory(child);

    const all = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const total = results.reduce((s, r) => s + r.requests, 0);
    console.log(`  ${'group'.padEnd(8)} ${'clients'.padStart(7)} ${'requests'.padStart(9)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  errors by code`);
    for (const r of results) {
      const sorted = [...r.latencies].sort((a, b) => a - b);
      const errors = [...r.errors].map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
      console.log(
        `  ${r.name.padEnd(8)} ${String(r.clients).padStart(7)} ${String(r.requests).padStart(9)} ${(r.requests / elapsed).toFixed(1).padStart(8)} ` +
          `${percentile(sorted, 0.5).toFixed(0).padStart(8)} ${percentile(sorted, 0.95).toFixed(0).padStart(8)} ${percentile(sorted, 0.99).toFixed(0).padStart(8)}  ${errors}`,
      );
    }
    console.log(
      `  ${'all'.padEnd(8)} ${String(results.reduce((s, r) => s + r.clients, 0)).padStart(7)} ${String(total).padStart(9)} ${(total / elapsed).toFixed(1).padStart(8)} ` +
        `${percentile(all, 0.5).toFixed(0).padStart(8)} ${percentile(all, 0.95).toFixed(0).padStart(8)} ${percentile(all, 0.99).toFixed(0).padStart(8)}`,
    );
    const trivial = results.find((r) => r.name === 'trivial');
    if (trivial) console.log(`  trivial query (graphStats) p99 while the heavy analyses ran: ${percentile([...trivial.latencies].sort((a, b) => a - b), 0.99).toFixed(0)} ms`);
    console.log(
      `  server event-loop delay during the run: p50 ${end.loopDelay.p50.toFixed(0)} ms, p99 ${end.loopDelay.p99.toFixed(0)} ms, max ${end.loopDelay.max.toFixed(0)} ms ` +
        '(small: the loop stayed free and latency is waiting for CPU, Neo4j or the pool; large: something blocked it)',
    );
    console.log(`  analysis pool: ${end.pool.workers} worker(s), ${end.pool.finished} tasks finished, ${end.pool.refused} refused (RATE_LIMITED) since start`);

    // Every acknowledged write must be stored; then they go.
    const ids = [...acknowledged];
    let present = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const res = await gql(url, headers, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids.slice(i, i + 500) });
      present += ((res.data?.nodes as ({ id: string } | null)[] | undefined) ?? []).filter((n) => n !== null).length;
    }
    console.log(`  writes: ${writeSerial - writesBefore} sent, ${ids.length} acknowledged, ${present} of them stored afterwards${present === ids.length ? ' (all)' : ' — MISSING SOME'}`);
    console.log(`  memory of the server: after warm-up rss ${mib(warm.rss)}, heap ${mib(warm.heapUsed)}; at the end rss ${mib(end.rss)}, heap ${mib(end.heapUsed)}`);

    // Cleanup: every provider this run created (warm-up included), a few at a time.
    const created = Array.from({ length: writeSerial }, (_, i) => `prov:${RUN}-${i + 1}`);
    let deleted = 0;
    for (let i = 0; i < created.length; i += 8) {
      const batch = await Promise.all(created.slice(i, i + 8).map((id) => gql(url, headers, 'mutation($id: ID!) { deleteNode(id: $id) { id } }', { id })));
      deleted += batch.filter((r) => r.data?.deleteNode).length;
    }
    console.log(`  cleanup: ${deleted} load-test providers deleted`);
  } finally {
    child.send('close');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
