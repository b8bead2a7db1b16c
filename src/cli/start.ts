/**
 * `npm start`: starts (or reuses) Neo4j, applies constraints, seeds an empty
 * database, serves the API and the web page, and prints the URLs. Ctrl-C stops
 * what it started.
 */
import { startServer } from '../api/server';
import { localAuthConfig } from '../auth/local-secret';
import { bootstrapAdministrator } from '../services/access';
import { AnalysisService } from '../services/analysis/analysis-service';
import { connect } from '../store/driver';
import { describeLoad, prepareDatabase } from './seed-db';
import { releaseNeo4j, resolveNeo4j } from './neo4j-target';
import { reportError } from './report-error';
import { ensureWebBuilt } from './web-build';

function port(): number {
  const raw = process.env.PORT ?? '4000';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`PORT=${raw} is not a valid TCP port`);
  return n;
}

const t0 = performance.now();
try {
  const target = await resolveNeo4j('dev', process.env, (line) => console.log(line));
  console.log(
    target.local
      ? `Neo4j: ${target.config.uri} (local, ${target.local.startedNow ? `started in ${target.seconds.toFixed(1)} s` : 'already running'})`
      : `Neo4j: ${target.config.uri} (from NEO4J_URI; nothing local started)`,
  );
  const db = connect(target.config);
  const seeded = await prepareDatabase(db, { seed: 'if-empty' });
  if (seeded) console.log(describeLoad(seeded));
  const auth = localAuthConfig(process.env);
  // Local mode: the first start makes an administrator and prints its key, once.
  const admin = auth.devOpen ? null : await bootstrapAdministrator(db);
  const analysis = new AnalysisService(db);
  // The snapshot and centrality now, the whole-model layout in a worker: the first page load waits for none of them.
  const layoutStarted = performance.now();
  const { snapshot, layout } = await analysis.warmUp();
  console.log(`analysis snapshot: version ${snapshot.version}, ${snapshot.propagation.n} nodes, ${snapshot.propagation.m} dependencies, built in ${snapshot.buildMs.toFixed(0)} ms`);
  void layout.then(() => {
    const answer = analysis.layouts.get(snapshot);
    console.log(
      answer.status === 'FRESH'
        ? `whole-model layout: ${answer.layout!.ids.length} positions in ${((performance.now() - layoutStarted) / 1000).toFixed(1)} s`
        : `whole-model layout: ${answer.status}${answer.error ? ` (${answer.error})` : ''}; the web page lays the graph out itself`,
    );
  });
  const replays = await analysis.ensureIncidentScenarios();
  if (replays.length > 0) console.log(`scenarios: stored replays of ${replays.length} historical incident(s)`);
  const built = ensureWebBuilt();
  if (built > 0) console.log(`web app built in ${built.toFixed(1)} s`);
  const server = await startServer(db, port(), process.env.HOST ?? '127.0.0.1', analysis, { auth });
  // Neo4j may go away while we serve: reads and analyses then come from the last snapshot, writes get UNAVAILABLE,
  // and the driver's background ping brings everything back when it returns. Say so in the log, once per change.
  db.onAvailabilityChange((a) => {
    const s = analysis.snapshots.peek();
    console.log(
      a.up
        ? `Neo4j is back (${a.since}): serving from the database again`
        : `Neo4j is unreachable (${a.since}: ${a.error ?? 'no answer'}); serving reads and analyses from snapshot version ${s?.version ?? '(none)'} built ${s?.builtAt ?? '-'}, refusing writes`,
    );
  });
  console.log(`Linchpin is up in ${((performance.now() - t0) / 1000).toFixed(1)} s:
  web page   ${server.url}/
  GraphQL    ${server.url}/graphql
  explorer   ${server.url}/explorer
  health     ${server.url}/health
Cypher transactions time out after ${db.timeouts.cypherMs} ms (LINCHPIN_CYPHER_TIMEOUT_MS), bulk loads after ${db.timeouts.bulkMs} ms (LINCHPIN_BULK_TIMEOUT_MS).
Ctrl-C stops it${target.local?.startedNow ? ' and the Neo4j it started' : ''}.`);
  if (auth.devOpen) {
    console.log('LINCHPIN_DEV_OPEN=1: sign-in is OFF; anyone who can reach this port is an administrator.');
  } else if (admin) {
    console.log(`
First run: created the administrator '${admin.userId}'. Its API key, shown this once (only a hash is stored):

  ${admin.key}

Sign in at ${server.url}/ with it, or send \`Authorization: Bearer <key>\`. Make more users and keys with the
createUser and createApiKey mutations; revoke this one with revokeApiKey when you have another administrator.`);
  } else {
    console.log('Sign-in is on: use an API key (createApiKey) or a token from your identity provider.');
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await server.close();
    await db.close();
    await releaseNeo4j(target);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  reportError(error);
  process.exit(1);
}
