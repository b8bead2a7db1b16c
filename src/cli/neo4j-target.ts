/**
 * Which Neo4j to use. With NEO4J_URI set (and NEO4J_USER, NEO4J_PASSWORD,
 * NEO4J_DATABASE), that server — a cluster, a hosted Neo4j — and nothing local
 * starts. Otherwise the project's own local server (neo4j-launcher/) is
 * started if it is not running. The test suite always uses its own local
 * instance, on its own ports and data folder, whatever NEO4J_URI says.
 */
import { localOptions, startLocalNeo4j, stopLocalNeo4j } from '../../neo4j-launcher/launcher';
import type { LocalNeo4jOptions } from '../../neo4j-launcher/launcher';
import type { Neo4jConfig } from '../store/driver';

export interface Neo4jTarget {
  config: Neo4jConfig;
  /** Set when a local server is used; `startedNow` tells whether this process started it. */
  local?: { options: LocalNeo4jOptions; startedNow: boolean; logFile: string };
  seconds: number;
}

export async function resolveNeo4j(
  purpose: 'dev' | 'test' | 'faults',
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): Promise<Neo4jTarget> {
  const started = performance.now();
  if (purpose === 'dev' && env.NEO4J_URI) {
    return {
      config: {
        uri: env.NEO4J_URI,
        user: env.NEO4J_USER ?? 'neo4j',
        password: env.NEO4J_PASSWORD ?? '',
        database: env.NEO4J_DATABASE ?? 'neo4j',
      },
      seconds: 0,
    };
  }
  const options = localOptions(purpose, env);
  const conn = await startLocalNeo4j(options, log);
  return {
    config: { uri: conn.uri, user: conn.user, password: conn.password, database: conn.database },
    local: { options, startedNow: conn.startedNow, logFile: conn.logFile },
    seconds: (performance.now() - started) / 1000,
  };
}

export async function releaseNeo4j(target: Neo4jTarget): Promise<void> {
  if (target.local?.startedNow) await stopLocalNeo4j(target.local.options);
}
