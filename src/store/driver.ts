/**
 * The only module that imports neo4j-driver. It turns driver values into plain
 * JavaScript values (numbers, strings, arrays, objects), translates driver
 * errors into Linchpin's error family, and bumps the write-version counter in
 * every write transaction, so that any holder of a copy can tell it is stale.
 */
import neo4j from 'neo4j-driver';
import type { Driver, ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { META_ID, META_LABEL } from '../../graph-schema/vocabulary';
import { ConflictError, LinchpinError, TooComplexError, UnavailableError, ValidationError } from '../errors';

export interface Neo4jConfig {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** How long one Cypher transaction may run before Neo4j stops it (milliseconds). */
export interface TimeoutConfig {
  /** Every read, write and stream (LINCHPIN_CYPHER_TIMEOUT_MS, default 30 s). */
  cypherMs: number;
  /** Writes marked `bulk` — seed loads and imports (LINCHPIN_BULK_TIMEOUT_MS, default 10 min). */
  bulkMs: number;
}

export const DEFAULT_TIMEOUTS: TimeoutConfig = { cypherMs: 30_000, bulkMs: 600_000 };

function msFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError(`${name}=${raw} is not a positive whole number of milliseconds`);
  return n;
}

export function timeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): TimeoutConfig {
  return {
    cypherMs: msFromEnv(env, 'LINCHPIN_CYPHER_TIMEOUT_MS', DEFAULT_TIMEOUTS.cypherMs),
    bulkMs: msFromEnv(env, 'LINCHPIN_BULK_TIMEOUT_MS', DEFAULT_TIMEOUTS.bulkMs),
  };
}

/** Whether Neo4j answered the last call: the moment it stopped answering, and why. */
export interface Availability {
  up: boolean;
  /** ISO time of the last change (the first failure while down, the first success after). */
  since: string;
  /** The last failure while down. */
  error: string | null;
}

export interface Ping extends Availability {
  latencyMs: number | null;
  /** The write-version counter, when Neo4j answered. */
  version: number | null;
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
  write<T>(work: (tx: Tx) => Promise<T>, options?: { countsAsModelWrite?: boolean; bulk?: boolean }): Promise<WriteOutcome<T>>;
  /** Streams a read query's rows one by one, without buffering the whole result. */
  stream(cypher: string, params: Params, onRow: (row: Row) => void): Promise<void>;
  /** Runs a schema statement (constraint or index) in its own auto-commit transaction; no version bump. */
  schema(cypher: string): Promise<void>;
  version(): Promise<number>;
  /** What the last call to Neo4j found (no round trip). */
  availability(): Availability;
  /**
   * Asks Neo4j whether it answers: one auto-commit read of the version counter
   * (an indexed look-up, no retries, at most `PING_TIMEOUT_MS`); concurrent callers
   * share one ping, and a ping less than `PING_REUSE_MS` old is reused.
   */
  ping(): Promise<Ping>;
  /** Called whenever Neo4j is found down after being up, or up after being down. */
  onAvailabilityChange(listener: (availability: Availability) => void): void;
  /** The transaction timeouts in force. */
  readonly timeouts: TimeoutConfig;
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

/** Driver codes (neo4j-driver's SERVICE_UNAVAILABLE, SESSION_EXPIRED) and socket errors meaning "Neo4j cannot be reached". */
const UNREACHABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);

/** Neo4j stopped the transaction because it ran past the timeout this server set (TransactionTimedOutClientConfiguration) or the server's own. */
const TIMED_OUT_CODES = new Set(['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration']);

/**
 * Maps a driver error to the error family, by the error's code (never by its
 * message); Linchpin errors pass through unchanged.
 */
export function translateDriverError(error: unknown, config: Neo4jConfig, timeouts: TimeoutConfig = DEFAULT_TIMEOUTS): Error {
  if (error instanceof LinchpinError) return error;
  const e = error as { code?: string; message?: string };
  const code = e.code ?? '';
  const firstLine = (e.message ?? String(error)).split('\n')[0];
  if (UNREACHABLE_CODES.has(code)) {
    return new UnavailableError(`Neo4j at ${config.uri} is not reachable (${code}): ${firstLine}`);
  }
  if (TIMED_OUT_CODES.has(code)) {
    // The store's queries are bounded by the API's limits; one that still runs out of time asked for too much at once.
    return new TooComplexError(
      `the database query ran longer than its ${timeouts.cypherMs} ms limit and was stopped (LINCHPIN_CYPHER_TIMEOUT_MS); ask for less at once`,
    );
  }
  if (code.startsWith('Neo.TransientError.General.') || code === 'Neo.TransientError.Database.DatabaseUnavailable') {
    return new UnavailableError(`Neo4j at ${config.uri} cannot serve the request now (${code}): ${firstLine}`);
  }
  if (code === 'Neo.ClientError.Security.Unauthorized') {
    return new UnavailableError(`Neo4j at ${config.uri} refused the credentials of user '${config.user}'`);
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError(`the write breaks a uniqueness rule: ${firstLine}`);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new UnavailableError(`Neo4j database '${config.database}' does not exist at ${config.uri}`);
  }
  if (code.startsWith('Neo.ClientError.Statement.')) {
    return new ValidationError(`query rejected by Neo4j: ${firstLine}`);
  }
  return error instanceof Error ? error : new Error(firstLine);
}

/** While Neo4j is unreachable, how often a background ping checks whether it is back. */
export const RECONNECT_PROBE_MS = 1_000;
export const PING_TIMEOUT_MS = 2_000;
export const PING_REUSE_MS = 1_000;

const BUMP_VERSION = `
MERGE (m:${META_LABEL} {id: $metaId})
SET m.version = coalesce(m.version, 0) + 1
RETURN m.version AS version`;

const READ_VERSION = `OPTIONAL MATCH (m:${META_LABEL} {id: $metaId}) RETURN coalesce(m.version, 0) AS version`;

export function connect(config: Neo4jConfig, timeouts: TimeoutConfig = timeoutsFromEnv()): GraphDb {
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
  const txConfig = { timeout: timeouts.cypherMs };

  /*
   * Availability. A call that finds Neo4j unreachable marks it down; from then
   * on calls fail at once with UNAVAILABLE (so that reads fall back to the
   * snapshot without waiting out the driver's connection retries, and writes
   * are refused quickly), while a background ping every RECONNECT_PROBE_MS
   * checks whether it is back. The first answer marks it up again: nothing
   * else is remembered of the failure.
   */
  let availability: Availability = { up: true, since: new Date().toISOString(), error: null };
  let probe: NodeJS.Timeout | null = null;
  let closed = false;
  const listeners: ((a: Availability) => void)[] = [];
  const changed = () => {
    for (const listener of listeners) listener(availability);
  };
  const noteUp = () => {
    if (!availability.up) {
      availability = { up: true, since: new Date().toISOString(), error: null };
      changed();
    }
    if (probe) {
      clearInterval(probe);
      probe = null;
    }
  };
  const noteDown = (error: UnavailableError) => {
    const wasUp = availability.up;
    availability = { up: false, since: wasUp ? new Date().toISOString() : availability.since, error: error.message };
    if (wasUp) changed();
    if (!probe && !closed) {
      probe = setInterval(() => void db.ping(), RECONNECT_PROBE_MS);
      probe.unref();
    }
  };

  let lastPing: { at: number; result: Promise<Ping> } | null = null;
  function ping(): Promise<Ping> {
    if (lastPing && performance.now() - lastPing.at < PING_REUSE_MS) return lastPing.result;
    const started = performance.now();
    const attempt = async () => {
      let timer: NodeJS.Timeout | undefined;
      const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.READ });
      try {
        const result = await Promise.race([
          session.run(READ_VERSION, { metaId: META_ID }, { timeout: PING_TIMEOUT_MS }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${PING_TIMEOUT_MS} ms`), { code: 'ETIMEDOUT' })), PING_TIMEOUT_MS);
          }),
        ]);
        noteUp();
        const version = Number(toPlain(result.records[0]?.get('version')) ?? 0);
        return { ...availability, latencyMs: Math.round(performance.now() - started), version };
      } catch (error) {
        const translated = translateDriverError(error, config, timeouts);
        if (translated instanceof UnavailableError) noteDown(translated);
        return { ...availability, error: availability.error ?? translated.message, latencyMs: null, version: null };
      } finally {
        clearTimeout(timer);
        void session.close().catch(() => undefined);
      }
    };
    lastPing = { at: started, result: attempt() };
    return lastPing.result;
  }

  const wrap = (tx: ManagedTransaction, onUpdate: () => void): Tx => ({
    async run(cypher, params = {}, options = {}) {
      const result = await tx.run(cypher, toCypherParams(params));
      if (options.modelChange !== false && result.summary.counters.containsUpdates()) onUpdate();
      return result.records.map(recordToRow);
    },
  });

  /** Runs one call to Neo4j: translates its errors, and notes whether Neo4j answered. */
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    if (!availability.up) {
      throw new UnavailableError(`Neo4j at ${config.uri} has not answered since ${availability.since} (${availability.error ?? 'unreachable'}); try again when /health says it is up`);
    }
    try {
      const value = await fn();
      noteUp();
      return value;
    } catch (error) {
      const translated = translateDriverError(error, config, timeouts);
      if (translated instanceof UnavailableError) noteDown(translated);
      else noteUp(); // Neo4j answered, with an error of the query's own
      throw translated;
    }
  }

  const db: GraphDb = {
    config,
    timeouts,
    read: (work) =>
      guarded(async () => {
        const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.READ });
        try {
          return await session.executeRead((tx) => work(wrap(tx, () => undefined)), txConfig);
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
          }, { timeout: options.bulk ? timeouts.bulkMs : timeouts.cypherMs });
        } finally {
          await session.close();
        }
      }),
    stream: (cypher, params, onRow) =>
      guarded(async () => {
        const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.READ });
        try {
          await new Promise<void>((resolve, reject) => {
            session.run(cypher, toCypherParams(params), txConfig).subscribe({
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
          await session.run(cypher, {}, { timeout: timeouts.bulkMs });
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
    availability: () => availability,
    ping,
    onAvailabilityChange: (listener) => listeners.push(listener),
    close: () => {
      closed = true;
      if (probe) clearInterval(probe);
      probe = null;
      return driver.close();
    },
  };
  return db;
}
