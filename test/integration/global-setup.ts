/**
 * Starts the suite's own Neo4j (instance `test`, ports 7688/7475 by default,
 * data in .data/neo4j-test), whatever NEO4J_URI says, wipes it, applies the
 * constraints and loads the seed data. Tests read the connection with
 * `inject('neo4j')`. The server is stopped afterwards only if this run started it.
 */
import type { TestProject } from 'vitest/node';
import { releaseNeo4j, resolveNeo4j } from '../../src/cli/neo4j-target';
import type { Neo4jTarget } from '../../src/cli/neo4j-target';
import { describeLoad, prepareDatabase } from '../../src/cli/seed-db';
import { AnalysisService } from '../../src/services/analysis/analysis-service';
import { connect } from '../../src/store/driver';
import { wipeGraph } from '../../src/store/graph-queries';
import type { Neo4jConfig } from '../../src/store/driver';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConfig;
  }
}

let target: Neo4jTarget | undefined;

export async function setup(project: TestProject): Promise<void> {
  target = await resolveNeo4j('test', process.env, (line) => console.log(line));
  console.log(`integration: Neo4j ${target.config.uri} (${target.local?.startedNow ? `started in ${target.seconds.toFixed(1)} s` : 'already running'})`);
  const db = connect(target.config);
  try {
    await wipeGraph(db);
    const result = await prepareDatabase(db, { seed: 'always' });
    if (result) console.log(describeLoad(result));
    const analysis = new AnalysisService(db, { workers: 0 });
    const replays = await analysis.ensureIncidentScenarios();
    console.log(`scenarios: stored replays of ${replays.length} incidents`);
    analysis.close();
  } finally {
    await db.close();
  }
  project.provide('neo4j', target.config);
}

export async function teardown(): Promise<void> {
  if (target) await releaseNeo4j(target);
}
