/**
 * Local Neo4j launcher: runs Neo4j 5.26 LTS Community from the Maven Central
 * jars that `neo4j-launcher/pom.xml` resolves into `neo4j-launcher/target/lib`.
 *
 * Route: `java <JVM_FLAGS> -cp "<home>/plugins/*:<home>/lib/*"
 *   org.neo4j.server.CommunityEntryPoint --home-dir=<home> --config-dir=<home>/conf`
 * i.e. the same main class `bin/neo4j console` starts, without the tarball's
 * shell scripts or bootloader. One Neo4j home per instance (`dev`, `test`) lives at
 * `<root>/neo4j-<instance>/`.
 *
 * This module deliberately does not import neo4j-driver: "Bolt answers" is
 * checked with a raw Bolt handshake over a socket.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/* ------------------------------------------------------------------ types */

export interface LocalNeo4jOptions {
  instance: string;
  boltPort: number;
  httpPort: number;
  /** Parent folder of the instance homes; default `<repo>/.data`. */
  root?: string;
  /** Heap and page cache, instead of NEO4J_HEAP / NEO4J_PAGECACHE and the defaults. */
  memory?: { heap: string; pagecache: string };
}

export interface LocalNeo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
  pid: number;
  /** false when the instance was already up and nothing was started. */
  startedNow: boolean;
  home: string;
  logFile: string;
}

export class LauncherError extends Error {
  /** The log file that explains the failure, when there is one. */
  logFile?: string;
  constructor(message: string, logFile?: string) {
    super(message);
    this.name = 'LauncherError';
    if (logFile !== undefined) this.logFile = logFile;
  }
}

/* -------------------------------------------------------------- constants */

/** `<repo>/neo4j-launcher` */
const LAUNCHER_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.dirname(LAUNCHER_DIR);
const POM_FILE = path.join(LAUNCHER_DIR, 'pom.xml');
const TARGET_DIR = path.join(LAUNCHER_DIR, 'target');
/** The resolved jars (git-ignored). */
const LIB_DIR = path.join(TARGET_DIR, 'lib');
/**
 * Marker written after a successful Maven resolution. Lives inside lib/ so it goes
 * away with it; the JVM's `lib/*` class-path wildcard only picks up `*.jar`.
 */
const LIB_MARKER = path.join(LIB_DIR, '.linchpin-resolved.json');
const MVN_LOG = path.join(TARGET_DIR, 'mvn-resolve.log');

const DEFAULT_ROOT = path.join(REPO_ROOT, '.data');
const HOST = '127.0.0.1';
const DATABASE = 'neo4j';
const USER = 'neo4j';

/** Minimum Java feature version for Neo4j 5.26 (17 and 21 are the supported LTS). */
const MIN_JAVA = 17;
const MAX_TESTED_JAVA = 21;

/**
 * Default memory per instance, sized for a 2-core / 24 GiB machine on which `dev`
 * and `test` may run at the same time: 2g heap (initial = max, so no resizing) +
 * 1g page cache + ~0.5-1g JVM native overhead (metaspace, threads, Netty direct
 * buffers) is ~4 GiB per instance, ~8 GiB for both, leaving ~16 GiB for Node, the
 * OS file cache and everything else. Overridable with NEO4J_HEAP / NEO4J_PAGECACHE.
 */
const DEFAULT_HEAP = '2g';
const DEFAULT_PAGECACHE = '1g';

/**
 * JVM flags: the `server.jvm.additional` lines of Neo4j 5.26's stock
 * `conf/neo4j.conf`, plus `-Dfile.encoding=UTF-8`, which the Neo4j bootloader
 * (`bin/neo4j`) always adds. Heap flags (-Xms/-Xmx) are appended separately.
 *
 * -XX:+AlwaysPreTouch commits and touches the whole heap at JVM start. With a 2g
 * heap on the 2-core box it costs ~1.1-2 s of a ~5.5-12 s start (measured, see
 * README.md); kept, because start stays reasonable and the instance's memory is
 * fully resident (no surprises later) from the first second.
 */
export const NEO4J_JVM_FLAGS: readonly string[] = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+AlwaysPreTouch',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:FlightRecorderOptions=stackdepth=256',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dlog4j.layout.jsonTemplate.maxStringLength=32768',
  '-Dfile.encoding=UTF-8',
];

const SERVER_MAIN = 'org.neo4j.server.CommunityEntryPoint';
const ADMIN_MAIN = 'org.neo4j.server.startup.Neo4jAdminCommand';

const DEFAULT_START_TIMEOUT_S = 120;
const STOP_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

const JAVA_HINT =
  'install a JDK 17 (Debian: apt-get install openjdk-17-jdk-headless), or set NEO4J_URI to use another Neo4j';

/* ---------------------------------------------------------------- options */

/** Ports of the standard instances (dev, test, and the fault tests' own); env overrides as documented in README.md. */
export function localOptions(
  instance: 'dev' | 'test' | 'faults',
  env: NodeJS.ProcessEnv = process.env,
): LocalNeo4jOptions {
  if (instance === 'faults') {
    // The fault tests' own instance, which they stop and start: never the suite's shared one.
    return {
      instance,
      boltPort: portFromEnv(env, 'LINCHPIN_FAULTS_BOLT_PORT', 7689),
      httpPort: portFromEnv(env, 'LINCHPIN_FAULTS_HTTP_PORT', 7476),
      // Small: it holds only the seed, and runs beside the suite's instance on a shared box.
      memory: { heap: '512m', pagecache: '128m' },
    };
  }
  if (instance === 'dev') {
    return {
      instance,
      boltPort: portFromEnv(env, 'NEO4J_BOLT_PORT', 7687),
      httpPort: portFromEnv(env, 'NEO4J_HTTP_PORT', 7474),
    };
  }
  return {
    instance,
    boltPort: portFromEnv(env, 'LINCHPIN_TEST_BOLT_PORT', 7688),
    httpPort: portFromEnv(env, 'LINCHPIN_TEST_HTTP_PORT', 7475),
  };
}

function portFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new LauncherError(`${name}=${raw} is not a valid TCP port (1-65535)`);
  }
  return n;
}

interface InstancePaths {
  home: string;
  conf: string;
  confFile: string;
  data: string;
  logs: string;
  run: string;
  plugins: string;
  importDir: string;
  lib: string;
  pidFile: string;
  startLock: string;
  credentials: string;
  consoleLog: string;
  neo4jLog: string;
  adminLog: string;
}

function instancePaths(opts: LocalNeo4jOptions): InstancePaths {
  if (!/^[A-Za-z0-9_-]+$/.test(opts.instance)) {
    throw new LauncherError(`invalid instance name "${opts.instance}" (letters, digits, - and _ only)`);
  }
  const root = path.resolve(opts.root ?? DEFAULT_ROOT);
  const home = path.join(root, `neo4j-${opts.instance}`);
  const conf = path.join(home, 'conf');
  const logs = path.join(home, 'logs');
  const run = path.join(home, 'run');
  return {
    home,
    conf,
    confFile: path.join(conf, 'neo4j.conf'),
    data: path.join(home, 'data'),
    logs,
    run,
    plugins: path.join(home, 'plugins'),
    importDir: path.join(home, 'import'),
    lib: path.join(home, 'lib'),
    pidFile: path.join(run, 'neo4j.pid'),
    startLock: path.join(run, 'start.lock'),
    credentials: path.join(home, 'credentials.json'),
    consoleLog: path.join(logs, 'console.log'),
    neo4jLog: path.join(logs, 'neo4j.log'),
    adminLog: path.join(logs, 'admin.log'),
  };
}

function boltUri(opts: LocalNeo4jOptions): string {
  return `bolt://${HOST}:${opts.boltPort}`;
}

function label(opts: LocalNeo4jOptions): string {
  return `Neo4j (${opts.instance})`;
}

/* ------------------------------------------------------------ public API */

/**
 * Starts the instance if it is not already up and returns how to connect.
 * Idempotent: an instance whose process is alive and whose Bolt port answers is
 * returned with `startedNow: false`.
 */
export async function startLocalNeo4j(
  opts: LocalNeo4jOptions,
  log: (line: string) => void = () => {},
): Promise<LocalNeo4jConnection> {
  const p = instancePaths(opts);
  const env = process.env;
  const timeoutMs = startTimeoutMs(env);
  const memory = opts.memory ?? memorySettings(env);

  const java = checkJava(env, log);
  await ensureJars(opts, log);

  mkdirSync(p.run, { recursive: true });
  return withLock(p.startLock, timeoutMs + 30_000, `${label(opts)} start`, async () => {
    // Already running?
    const existing = findServerPid(p);
    if (existing !== undefined) {
      const creds = readCredentials(p);
      if (!creds) {
        throw new LauncherError(
          `${label(opts)} is running (pid ${existing}) but ${p.credentials} is missing; stop it and restore the file, or reset the instance`,
        );
      }
      if (!(await boltAnswers(opts.boltPort)) || !(await httpAnswers(opts.httpPort))) {
        log(`${label(opts)} is running (pid ${existing}) but does not answer yet; waiting`);
        await waitUntilUp(opts, p, existing, undefined, timeoutMs, fileSize(p.consoleLog), fileSize(p.neo4jLog));
      }
      writePid(p, existing);
      return connection(opts, p, creds, existing, false);
    }
    if (existsSync(p.pidFile)) {
      log(`removing stale pid file ${p.pidFile}`);
      rmSync(p.pidFile, { force: true });
    }

    await checkPortFree(opts, opts.boltPort, 'Bolt', 'NEO4J_BOLT_PORT', 'LINCHPIN_TEST_BOLT_PORT');
    await checkPortFree(opts, opts.httpPort, 'HTTP', 'NEO4J_HTTP_PORT', 'LINCHPIN_TEST_HTTP_PORT');

    layOutHome(p);
    writeConf(opts, p, memory);
    const creds = await ensurePassword(opts, p, java, log);

    // Spawn detached, stdout/stderr to console.log (the previous one is kept as console.prev.log).
    if (existsSync(p.consoleLog)) renameSync(p.consoleLog, path.join(p.logs, 'console.prev.log'));
    const neo4jLogOffset = fileSize(p.neo4jLog);
    const out = openSync(p.consoleLog, 'w');
    const args = [
      ...NEO4J_JVM_FLAGS,
      `-Xms${memory.heap}`,
      `-Xmx${memory.heap}`,
      '-cp',
      `${p.plugins}${path.sep}*${path.delimiter}${p.lib}${path.sep}*`,
      SERVER_MAIN,
      `--home-dir=${p.home}`,
      `--config-dir=${p.conf}`,
    ];
    log(`starting ${label(opts)} (heap ${memory.heap}, page cache ${memory.pagecache}), waiting for Bolt on ${HOST}:${opts.boltPort}`);
    const child = spawn(java, args, {
      cwd: p.home,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...env, NEO4J_HOME: p.home, NEO4J_CONF: p.conf },
    });
    closeSync(out);
    const spawnError = await new Promise<Error | undefined>((resolve) => {
      child.once('spawn', () => resolve(undefined));
      child.once('error', (error) => resolve(error));
    });
    if (spawnError || child.pid === undefined) {
      throw new LauncherError(`could not run ${java}: ${spawnError?.message ?? 'no pid'}`);
    }
    const pid = child.pid;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    child.once('exit', (code, signal) => {
      exited = { code, signal };
    });
    child.unref();
    writePid(p, pid);

    await waitUntilUp(opts, p, pid, () => exited, timeoutMs, 0, neo4jLogOffset);
    return connection(opts, p, creds, pid, true);
  });
}

/** SIGTERM, wait up to 60 s, then SIGKILL; removes the pid file. Idempotent. */
export async function stopLocalNeo4j(opts: LocalNeo4jOptions): Promise<{ wasRunning: boolean }> {
  const p = instancePaths(opts);
  const pid = findServerPid(p);
  if (pid === undefined) {
    rmSync(p.pidFile, { force: true });
    return { wasRunning: false };
  }
  signal(pid, 'SIGTERM');
  if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) {
    signal(pid, 'SIGKILL');
    if (!(await waitForExit(pid, 10_000))) {
      throw new LauncherError(`${label(opts)} (pid ${pid}) did not exit after SIGKILL`, p.neo4jLog);
    }
  }
  rmSync(p.pidFile, { force: true });
  return { wasRunning: true };
}

export async function localNeo4jStatus(opts: LocalNeo4jOptions): Promise<{
  running: boolean;
  pid?: number;
  boltAnswers: boolean;
  home: string;
  logFile: string;
  uri: string;
}> {
  const p = instancePaths(opts);
  const pid = findServerPid(p);
  const answers = await boltAnswers(opts.boltPort);
  return {
    running: pid !== undefined,
    ...(pid !== undefined ? { pid } : {}),
    boltAnswers: answers,
    home: p.home,
    logFile: p.neo4jLog,
    uri: boltUri(opts),
  };
}

/* ----------------------------------------------------------- Bolt probe */

/**
 * Bolt handshake: magic preamble 0x6060B017, then four 4-byte version proposals
 * [reserved, range, minor, major]: 5.4 down to 5.0, 4.4, and two empty slots.
 */
const BOLT_HANDSHAKE = Buffer.from([
  0x60, 0x60, 0xb0, 0x17, //
  0x00, 0x04, 0x04, 0x05, // 5.4 .. 5.0
  0x00, 0x00, 0x04, 0x04, // 4.4
  0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00,
]);

/**
 * Performs a Bolt handshake and returns the agreed version ("5.4"), or null if
 * nothing listens, the peer is not a Bolt server, or no version was agreed.
 */
export function probeBolt(port: number, host = HOST, timeoutMs = 2000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (version: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(version);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.once('connect', () => socket.write(BOLT_HANDSHAKE));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const agreed = received.readUInt32BE(0);
      finish(agreed === 0 ? null : `${received[3]}.${received[2]}`);
    });
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(null));
  });
}

async function boltAnswers(port: number): Promise<boolean> {
  return (await probeBolt(port)) !== null;
}

/** True if an HTTP server answers GET / on the port (any status). */
function httpAnswers(port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: HOST, port, path: '/', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      req.destroy();
      resolve(true);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.once('close', () => resolve(false));
  });
}

/* ------------------------------------------------------- prerequisites */

/** Returns the java executable to use; throws a one-line LauncherError if unusable. */
function checkJava(env: NodeJS.ProcessEnv, log: (line: string) => void): string {
  let java: string | undefined;
  const javaHome = env.JAVA_HOME?.trim();
  if (javaHome && existsSync(path.join(javaHome, 'bin', 'java'))) java = path.join(javaHome, 'bin', 'java');
  java ??= findOnPath('java', env);
  if (!java) throw new LauncherError(`Java ${MIN_JAVA} or newer is required to run the local Neo4j (no java on PATH): ${JAVA_HINT}`);
  const res = spawnSync(java, ['-version'], { encoding: 'utf8', env, timeout: 30_000 });
  const text = `${res.stderr ?? ''}${res.stdout ?? ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (res.error || !m) {
    throw new LauncherError(
      `Java ${MIN_JAVA} or newer is required to run the local Neo4j (\`${java} -version\` failed): ${JAVA_HINT}`,
    );
  }
  let major = Number(m[1]);
  if (major === 1) major = Number(m[2]); // "1.8.0_402"
  if (major < MIN_JAVA) {
    throw new LauncherError(`Java ${MIN_JAVA} or newer is required to run the local Neo4j (found Java ${major} at ${java}): ${JAVA_HINT}`);
  }
  if (major > MAX_TESTED_JAVA) log(`warning: Java ${major} is newer than Neo4j 5.26 supports officially (17, 21)`);
  return java;
}

function findOnPath(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, cmd);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function pomNeo4jVersion(): string {
  const pom = readFileSync(POM_FILE, 'utf8');
  const m = /<neo4j\.version>\s*([^<\s]+)\s*<\/neo4j\.version>/.exec(pom);
  if (!m?.[1]) throw new LauncherError(`cannot find <neo4j.version> in ${POM_FILE}`);
  return m[1];
}

interface LibMarker {
  neo4jVersion: string;
  jars: number;
  resolvedAt: string;
}

function jarCount(dir: string): number {
  return readdirSync(dir).filter((f) => f.endsWith('.jar')).length;
}

/** True if target/lib holds a complete resolution of `version`. */
function jarsComplete(version: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(LIB_MARKER, 'utf8')) as Partial<LibMarker>;
    return (
      marker.neo4jVersion === version &&
      existsSync(path.join(LIB_DIR, `neo4j-server-${version}.jar`)) &&
      existsSync(path.join(LIB_DIR, `neo4j-${version}.jar`)) &&
      jarCount(LIB_DIR) === marker.jars
    );
  } catch {
    return false;
  }
}

/** Resolves the Neo4j jars with Maven into target/lib unless a complete resolution of the pom's version is there. */
async function ensureJars(opts: LocalNeo4jOptions, log: (line: string) => void): Promise<void> {
  const version = pomNeo4jVersion();
  if (jarsComplete(version)) return;
  mkdirSync(TARGET_DIR, { recursive: true });
  await withLock(path.join(TARGET_DIR, 'resolve.lock'), 15 * 60_000, 'Neo4j jar resolution', async () => {
    if (jarsComplete(version)) return; // someone else just did it
    const mvn = findOnPath('mvn', process.env);
    if (!mvn) {
      throw new LauncherError(
        `Maven (mvn) is required once to fetch the Neo4j ${version} jars into neo4j-launcher/target/lib: install it (Debian: apt-get install maven), or set NEO4J_URI to use another Neo4j`,
      );
    }
    const running = runningInstancesUsingLib(opts);
    if (existsSync(LIB_DIR) && running.length > 0) {
      throw new LauncherError(
        `the Neo4j jars in neo4j-launcher/target/lib must be re-resolved (pom wants ${version}) but ${running.join(', ')} still run on them: stop them first`,
      );
    }
    const partial = path.join(TARGET_DIR, `lib.partial-${process.pid}`);
    rmSync(partial, { recursive: true, force: true });
    log(`fetching the Neo4j ${version} jars with Maven into neo4j-launcher/target/lib (once; log: ${MVN_LOG})`);
    const t0 = Date.now();
    const code = await runToLog(
      mvn,
      [
        '-q',
        '-B',
        '-f',
        POM_FILE,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${partial}`,
        '-DincludeScope=runtime',
      ],
      LAUNCHER_DIR,
      MVN_LOG,
    );
    if (code !== 0 || !existsSync(path.join(partial, `neo4j-server-${version}.jar`))) {
      rmSync(partial, { recursive: true, force: true });
      const detail = firstMatchingLine(readTail(MVN_LOG, 0), /\[ERROR\]/);
      throw new LauncherError(
        `Maven could not fetch the Neo4j ${version} jars (exit ${code})${detail ? `: ${detail}` : ''}`,
        MVN_LOG,
      );
    }
    const marker: LibMarker = { neo4jVersion: version, jars: jarCount(partial), resolvedAt: new Date().toISOString() };
    writeFileSync(path.join(partial, path.basename(LIB_MARKER)), `${JSON.stringify(marker, null, 2)}\n`);
    rmSync(LIB_DIR, { recursive: true, force: true });
    renameSync(partial, LIB_DIR);
    log(`resolved ${marker.jars} jars in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
}

/** Labels of instances under the same root whose server process is alive. */
function runningInstancesUsingLib(opts: LocalNeo4jOptions): string[] {
  const root = path.resolve(opts.root ?? DEFAULT_ROOT);
  if (!existsSync(root)) return [];
  const names = readdirSync(root).filter((d) => d.startsWith('neo4j-'));
  return names
    .filter((d) => findServerPid(instancePaths({ ...opts, instance: d.slice('neo4j-'.length), root })) !== undefined)
    .map((d) => `Neo4j (${d.slice('neo4j-'.length)})`);
}

/* ----------------------------------------------------------- the home */

function layOutHome(p: InstancePaths): void {
  for (const dir of [p.home, p.conf, p.data, p.logs, p.run, p.plugins, p.importDir]) mkdirSync(dir, { recursive: true });
  // lib/ -> ../../neo4j-launcher/target/lib (relative, so the repo can move); copy if symlinks fail.
  const target = path.relative(p.home, LIB_DIR);
  let st: ReturnType<typeof lstatSync> | undefined;
  try {
    st = lstatSync(p.lib);
  } catch {
    st = undefined;
  }
  if (st?.isSymbolicLink() && readlinkSync(p.lib) === target) return;
  if (st) rmSync(p.lib, { recursive: true, force: true }); // wrong link or an old copy
  try {
    symlinkSync(target, p.lib, 'dir');
  } catch {
    cpSync(LIB_DIR, p.lib, { recursive: true });
  }
}

interface MemorySettings {
  heap: string;
  pagecache: string;
}

function memorySettings(env: NodeJS.ProcessEnv): MemorySettings {
  const size = (name: string, fallback: string): string => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+[kKmMgG]$/.test(raw)) throw new LauncherError(`${name}=${raw} is not a memory size like 2g or 512m`);
    return raw.toLowerCase();
  };
  return { heap: size('NEO4J_HEAP', DEFAULT_HEAP), pagecache: size('NEO4J_PAGECACHE', DEFAULT_PAGECACHE) };
}

/** Rewritten on every start from the options; hand edits are overwritten. */
function writeConf(opts: LocalNeo4jOptions, p: InstancePaths, memory: MemorySettings): void {
  const lines = [
    `# Generated by neo4j-launcher/launcher.ts on every start of ${label(opts)}; edits are overwritten.`,
    '# JVM flags are passed on the java command line (NEO4J_JVM_FLAGS in launcher.ts), not here.',
    '',
    '# Network: local only, plain Bolt and HTTP.',
    `server.default_listen_address=${HOST}`,
    `server.default_advertised_address=${HOST}`,
    'server.bolt.enabled=true',
    `server.bolt.listen_address=${HOST}:${opts.boltPort}`,
    `server.bolt.advertised_address=${HOST}:${opts.boltPort}`,
    'server.http.enabled=true',
    `server.http.listen_address=${HOST}:${opts.httpPort}`,
    `server.http.advertised_address=${HOST}:${opts.httpPort}`,
    'server.https.enabled=false',
    '',
    '# Directories (absolute).',
    `server.directories.data=${p.data}`,
    `server.directories.logs=${p.logs}`,
    `server.directories.plugins=${p.plugins}`,
    `server.directories.lib=${p.lib}`,
    `server.directories.run=${p.run}`,
    `server.directories.import=${p.importDir}`,
    '',
    '# Memory (NEO4J_HEAP / NEO4J_PAGECACHE). The heap settings mirror the -Xms/-Xmx flags.',
    `server.memory.heap.initial_size=${memory.heap}`,
    `server.memory.heap.max_size=${memory.heap}`,
    `server.memory.pagecache.size=${memory.pagecache}`,
    '',
    '# Transactions: no timeout (long seeds are fine); cap the memory all running',
    '# transactions may hold at 70% of the heap so a runaway query fails cleanly',
    '# instead of exhausting the heap; keep transaction logs bounded on disk.',
    `dbms.memory.transaction.total.max=${Math.floor(heapMiB(memory.heap) * 0.7)}m`,
    'db.tx_log.rotation.retention_policy=1G size',
    '',
    '# Stop faster: Netty waits a 5 s quiet period per Bolt event loop group (two of',
    '# them) before exiting, i.e. ~10 s of idle time on every stop. Internal setting.',
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
    '',
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    '',
  ];
  writeFileSync(p.confFile, lines.join('\n'));
}

function heapMiB(size: string): number {
  const m = /^(\d+)([kmg]?)$/.exec(size);
  const n = Number(m?.[1] ?? 0);
  switch (m?.[2]) {
    case 'g':
      return n * 1024;
    case 'm':
      return n;
    case 'k':
      return n / 1024;
    default:
      return n / (1024 * 1024);
  }
}

/* ------------------------------------------------------------ password */

interface Credentials {
  user: string;
  password: string;
}

function readCredentials(p: InstancePaths): Credentials | undefined {
  let raw: string;
  try {
    raw = readFileSync(p.credentials, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const c = JSON.parse(raw) as Partial<Credentials>;
    if (typeof c.user === 'string' && typeof c.password === 'string' && c.password.length >= 8) {
      return { user: c.user, password: c.password };
    }
  } catch {
    /* fall through */
  }
  throw new LauncherError(`${p.credentials} is not valid JSON of the form {"user":"neo4j","password":"..."}`);
}

/**
 * First start (no system database yet): generate a password, store it in
 * credentials.json (0600) and set it with `neo4j-admin dbms set-initial-password`
 * before the server creates the system database. Later starts read the file.
 */
async function ensurePassword(
  opts: LocalNeo4jOptions,
  p: InstancePaths,
  java: string,
  log: (line: string) => void,
): Promise<Credentials> {
  const systemDbExists = existsSync(path.join(p.data, 'databases', 'system'));
  let creds = readCredentials(p);
  if (!creds) {
    if (systemDbExists) {
      throw new LauncherError(
        `${p.credentials} is missing but ${p.data} already holds a database with an unknown password: restore the file, or reset the instance (rm -rf ${p.data})`,
      );
    }
    creds = { user: USER, password: randomBytes(16).toString('hex') };
    writeFileSync(p.credentials, `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
  }
  chmodSync(p.credentials, 0o600);
  if (!systemDbExists) {
    log(`first start of ${label(opts)}: setting the initial password (stored in ${p.credentials})`);
    const code = await runToLog(
      java,
      ['-cp', `${p.lib}${path.sep}*`, ADMIN_MAIN, 'dbms', 'set-initial-password', creds.password],
      p.home,
      p.adminLog,
      { ...process.env, NEO4J_HOME: p.home, NEO4J_CONF: p.conf },
    );
    if (code !== 0) {
      const detail = firstMatchingLine(readTail(p.adminLog, 0), /error|exception|invalid/i);
      throw new LauncherError(
        `neo4j-admin dbms set-initial-password failed for ${label(opts)} (exit ${code})${detail ? `: ${detail}` : ''}`,
        p.adminLog,
      );
    }
  }
  return creds;
}

/* ------------------------------------------------------------ waiting */

/**
 * Waits until Bolt answers a handshake and then until HTTP answers too: Neo4j
 * opens Bolt (databases are already available then) ~1-1.5 s before HTTP, and
 * logs "Started." only after HTTP, so "up" here means both protocols serve.
 */
async function waitUntilUp(
  opts: LocalNeo4jOptions,
  p: InstancePaths,
  pid: number,
  exitedOf: (() => { code: number | null; signal: NodeJS.Signals | null } | undefined) | undefined,
  timeoutMs: number,
  consoleOffset: number,
  neo4jLogOffset: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let boltUp = false;
  for (;;) {
    const exited = exitedOf?.();
    if (exited || !isServerProcess(pid, p.home)) {
      rmSync(p.pidFile, { force: true });
      const how = exited ? (exited.signal ? `signal ${exited.signal}` : `code ${exited.code}`) : 'unknown status';
      const { detail, file } = diagnose(p, consoleOffset, neo4jLogOffset);
      throw new LauncherError(`${label(opts)} exited during start-up (${how})${detail ? `: ${detail}` : ''}`, file);
    }
    boltUp ||= await boltAnswers(opts.boltPort);
    if (boltUp && (await httpAnswers(opts.httpPort))) return;
    if (Date.now() > deadline) {
      const what = boltUp ? `HTTP on ${HOST}:${opts.httpPort}` : `Bolt on ${HOST}:${opts.boltPort}`;
      throw new LauncherError(
        `${label(opts)} (pid ${pid}) did not answer ${what} within ${Math.round(timeoutMs / 1000)} s; it is left running (stop it with: tsx neo4j-launcher/cli.ts stop --instance ${opts.instance}, or raise NEO4J_START_TIMEOUT_S)`,
        p.neo4jLog,
      );
    }
    await sleep(POLL_MS);
  }
}

function startTimeoutMs(env: NodeJS.ProcessEnv): number {
  const raw = env.NEO4J_START_TIMEOUT_S?.trim();
  if (!raw) return DEFAULT_START_TIMEOUT_S * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new LauncherError(`NEO4J_START_TIMEOUT_S=${raw} is not a positive number of seconds`);
  return n * 1000;
}

/** Picks the most telling error line of this start from neo4j.log or console.log. */
function diagnose(p: InstancePaths, consoleOffset: number, neo4jLogOffset: number): { detail?: string; file: string } {
  const neo4jLog = readTail(p.neo4jLog, neo4jLogOffset);
  const consoleText = readTail(p.consoleLog, consoleOffset);
  const errorLine = /\bERROR\b/;
  // The root cause is usually the last "Caused by:" of the stack trace.
  const cause = (text: string) =>
    text
      .split('\n')
      .filter((l) => l.startsWith('Caused by: '))
      .pop()
      ?.slice('Caused by: '.length);
  const fromNeo4jLog = firstMatchingLine(neo4jLog, errorLine);
  if (fromNeo4jLog) return { detail: join(fromNeo4jLog, cause(neo4jLog) ?? cause(consoleText)), file: p.neo4jLog };
  const fromConsole =
    firstMatchingLine(consoleText, errorLine) ??
    firstMatchingLine(consoleText, /(Exception|Error)\b|^Unrecognized|Invalid|Could not/);
  if (fromConsole) return { detail: join(fromConsole, cause(consoleText)), file: p.consoleLog };
  const last = consoleText.trim().split('\n').pop()?.trim();
  return { ...(last ? { detail: clip(last) } : {}), file: p.consoleLog };
}

function join(first: string, cause: string | undefined): string {
  const a = stripLogPrefix(first);
  return clip(cause && !a.includes(cause) ? `${a} (cause: ${cause})` : a);
}

/** Drops the "2025-01-01 10:00:00.000+0000 ERROR " prefix of Neo4j log lines. */
function stripLogPrefix(line: string): string {
  return line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.,]\d+[+-]\d{4}\s+/, '').trim();
}

function clip(s: string, max = 300): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function firstMatchingLine(text: string, re: RegExp): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => re.test(l));
}

/* ---------------------------------------------------------- processes */

function readPid(p: InstancePaths): number | undefined {
  try {
    const n = Number(readFileSync(p.pidFile, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function writePid(p: InstancePaths, pid: number): void {
  writeFileSync(p.pidFile, `${pid}\n`);
}

/** The pid of this instance's running server: the pid file if it is still ours, else a scan of /proc. */
function findServerPid(p: InstancePaths): number | undefined {
  const fromFile = readPid(p);
  if (fromFile !== undefined && isServerProcess(fromFile, p.home)) return fromFile;
  if (!existsSync('/proc/self/cmdline')) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid !== fromFile && isServerProcess(pid, p.home)) return pid;
  }
  return undefined;
}

/**
 * True if `pid` is alive (not a zombie) and, where /proc exists, really is the
 * Neo4j server of this home (guards against pid reuse).
 */
function isServerProcess(pid: number, home: string): boolean {
  if (existsSync('/proc/self/cmdline')) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') return false;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return argv.includes(SERVER_MAIN) && argv.includes(`--home-dir=${home}`);
    } catch {
      return false;
    }
  }
  return pidAlive(pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!pidAliveNotZombie(pid)) return true;
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS);
  }
}

function pidAliveNotZombie(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return existsSync('/proc/self') ? false : true;
  }
}

/** Runs a command with stdout+stderr written to `logFile`; resolves with the exit code (-1 if it could not run). */
function runToLog(cmd: string, args: string[], cwd: string, logFile: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.once('error', () => resolve(-1));
    child.once('exit', (code) => resolve(code ?? -1));
  });
}

async function checkPortFree(
  opts: LocalNeo4jOptions,
  port: number,
  what: string,
  devVar: string,
  testVar: string,
): Promise<void> {
  const problem = await portProblem(port);
  if (!problem) return;
  const envVar = opts.instance === 'test' ? testVar : opts.instance === 'dev' ? devVar : undefined;
  const bolt = what === 'Bolt' && (await probeBolt(port)) ? ' (a Bolt server answers there: another Neo4j?)' : '';
  throw new LauncherError(
    `${what} port ${HOST}:${port} for ${label(opts)} is ${problem} by another process${bolt}: free it${envVar ? ` or set ${envVar}` : ''}`,
  );
}

/** undefined if we could bind 127.0.0.1:port ourselves, else a short reason. */
function portProblem(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      resolve(e.code === 'EADDRINUSE' ? 'already in use' : `not usable (${e.code ?? e.message})`),
    );
    server.listen({ port, host: HOST, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}

/* ---------------------------------------------------------------- misc */

function connection(
  opts: LocalNeo4jOptions,
  p: InstancePaths,
  creds: Credentials,
  pid: number,
  startedNow: boolean,
): LocalNeo4jConnection {
  return {
    uri: boltUri(opts),
    user: creds.user,
    password: creds.password,
    database: DATABASE,
    pid,
    startedNow,
    home: p.home,
    logFile: p.neo4jLog,
  };
}

/** A lock file holding the owner's pid; stale locks (dead owner) are taken over. */
async function withLock<T>(file: string, waitMs: number, what: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // released meanwhile
      }
      if (!Number.isInteger(holder) || holder <= 0 || !pidAlive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new LauncherError(`${what} is busy in process ${holder} (lock ${file})`);
      await sleep(POLL_MS);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
    } catch {
      /* already gone */
    }
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Text of `file` from byte `offset` (at most the last 256 KiB of it). */
function readTail(file: string, offset: number): string {
  const size = fileSize(file);
  if (size <= offset) return '';
  const start = Math.max(offset, size - 256 * 1024);
  const buf = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, start);
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
