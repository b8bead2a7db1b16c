/**
 * The only module that imports neo4j-driver. It turns driver values into plain
 * JavaScript values (numbers, strings, arrays, objects), translates driver
 * errors into Linchpin's error family, and bumps the write-version counter in
 * every write transaction, so that any holder of a copy can tell it is stale.
 */
import neo4j from 'neo4j-driver';
import type { Driver, ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { META_ID, META_LABEL } from '../../graph-schema/vocabulary';
import { ConflictError, LinchpinError, UnavailableError, ValidationError } from '../errors';

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** A transaction as the rest of the store sees it: Cypher text and parameters in, plain rows out. */
export interface Tx {
  /**
   * `modelChange: false`: the statement changes nothing in the modelled graph — it only takes
   * write locks (`SET n._lock = true REMOVE n._lock`) or appends to the audit log — so it does not
   * move the version counter.
   */
  run(cypher: string, params?: Params, options?: { modelChange?: boolean }): Promise<Row[]>;
}

export interface WriteOutcome<T> {
  value: T;
  /** The write-version counter after this transaction, or the unchanged one when nothing was written. */
  version: number;
  changed: boolean;
}

export interface GraphDb {
  readonly config: Neo4jConfig;
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one write transaction. If it changed anything, the version
   * counter is incremented in the same transaction — unless `countsAsModelWrite`
   * is false, for writes outside the modelled graph (saved scenarios). A thrown
   * error rolls back everything.
   */
  write<T>(work: (tx: Tx) => Promise<T>, options?: { countsAsModelWrite?: boolean }): Promise<WriteOutcome<T>>;
  /** Streams a read query's rows one by one, without buffering the whole result. */
  stream(cypher: string, params: Params, onRow: (row: Row) => void): Promise<void>;
  /** Runs a schema statement (constraint or index) in its own auto-commit transaction; no version bump. */
  schema(cypher: string): Promise<void>;
  version(): Promise<number>;
  serverInfo(): Promise<{ address: string; agent: string; protocolVersion: number }>;
  close(): Promise<void>;
}

/**
 * Parameter keys whose JavaScript numbers must reach Cypher as integers (the
 * driver sends JS numbers as floats, and `LIMIT 10.0` is an error).
 */
const INTEGER_KEYS = new Set(['skip', 'limit', 'first', 'depth', 'maxDepth', 'minAlive', 'accessionYear', 'revision']);

function toCypherParams(value: unknown, key?: string): unknown {
  if (typeof value === 'number' && key !== undefined && INTEGER_KEYS.has(key) && Number.isInteger(value)) {
    return neo4j.int(value);
  }
  if (Array.isArray(value)) return value.map((v) => toCypherParams(v, key));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCypherParams(v, k);
    return out;
  }
  return value;
}

function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value !== 'object') return value;
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value)) {
    const node = value as unknown as { labels: string[]; properties: Record<string, unknown> };
    return { labels: node.labels, properties: toPlain(node.properties) };
  }
  if (neo4j.isRelationship(value)) {
    const rel = value as unknown as { type: string; properties: Record<string, unknown> };
    return { type: rel.type, properties: toPlain(rel.properties) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
}

function recordToRow(record: Neo4jRecord): Row {
  const row: Row = {};
  for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
  return row;
}

/** Maps a driver error to the error family; Linchpin errors pass through unchanged. */
export function translateDriverError(error: unknown, config: Neo4jConfig): Error {
  if (error instanceof LinchpinError) return error;
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = e.message ?? String(error);
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /connect|ECONNREFUSED/i.test(message)) {
    return new UnavailableError(`Neo4j at ${config.uri} is not reachable: ${message.split('\n')[0]}`);
  }
  if (code === 'Neo.ClientError.Security.Unauthorized') {
    return new UnavailableError(`Neo4j at ${config.uri} refused the credentials of user '${config.user}'`);
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError(`the write breaks a uniqueness rule: ${message.split('\n')[0]}`);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new UnavailableError(`Neo4j database '${config.database}' does not exist at ${config.uri}`);
  }
  if (code.startsWith('Neo.ClientError.Statement.')) {
    return new ValidationError(`query rejected by Neo4j: ${message.split('\n')[0]}`);
  }
  return error instanceof Error ? error : new Error(message);
}

const BUMP_VERSION = `
MERGE (m:${META_LABEL} {id: $metaId})
SET m.version = coalesce(m.version, 0) + 1
RETURN m.version AS version`;

const READ_VERSION = `OPTIONAL MATCH (m:${META_LABEL} {id: $metaId}) RETURN coalesce(m.version, 0) AS version`;

export function connect(config: Neo4jConfig): GraphDb {
  const driver: Driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
    // Fail fast when Neo4j is down: a request should say so in seconds, not hang for the default 30 s of retries.
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
    userAgent: 'linchpin/0.1',
  });
  const sessionConfig = { database: config.database };

  const wrap = (tx: ManagedTransaction, onUpdate: () => void): Tx => ({
    async run(cypher, params = {}, options = {}) {
      const result = await tx.run(cypher, toCypherParams(params));
      if (options.modelChange !== false && result.summary.counters.containsUpdates()) onUpdate();
      return result.records.map(recordToRow);
    },
  });

  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw translateDriverError(error, config);
    }
  }

  const db: GraphDb = {
    config,
    read: (work) =>
      guarded(async () => {
        const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.READ });
        try {
          return await session.executeRead((tx) => work(wrap(tx, () => undefined)));
        } finally {
          await session.close();
        }
      }),
    write: (work, options = {}) =>
      guarded(async () => {
        const counted = options.countsAsModelWrite ?? true;
        const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.WRITE });
        try {
          return await session.executeWrite(async (tx) => {
            let changed = false;
            const value = await work(wrap(tx, () => (changed = true)));
            const rows = changed && counted
              ? await tx.run(BUMP_VERSION, { metaId: META_ID })
              : await tx.run(READ_VERSION, { metaId: META_ID });
            const version = Number(toPlain(rows.records[0]?.get('version')) ?? 0);
            return { value, version, changed: changed && counted };
          });
        } finally {
          await session.close();
        }
      }),
    stream: (cypher, params, onRow) =>
      guarded(async () => {
        const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.READ });
        try {
          await new Promise<void>((resolve, reject) => {
            session.run(cypher, toCypherParams(params)).subscribe({
              onNext: (record) => onRow(recordToRow(record)),
              onCompleted: () => resolve(),
              onError: reject,
            });
          });
        } finally {
          await session.close();
        }
      }),
    schema: (cypher) =>
      guarded(async () => {
        const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.WRITE });
        try {
          await session.run(cypher);
        } finally {
          await session.close();
        }
      }),
    version: () =>
      db.read(async (tx) => {
        const rows = await tx.run(READ_VERSION, { metaId: META_ID });
        return Number(rows[0]?.version ?? 0);
      }),
    serverInfo: () =>
      guarded(async () => {
        const info = await driver.getServerInfo({ database: config.database });
        return { address: info.address ?? config.uri, agent: info.agent ?? 'unknown', protocolVersion: Number(info.protocolVersion ?? 0) };
      }),
    close: () => driver.close(),
  };
  return db;
}
