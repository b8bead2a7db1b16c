/**
 * tsx neo4j-launcher/cli.ts start|stop|status [--instance dev|test]
 *
 * Starts, stops or inspects a local Neo4j (see launcher.ts / README.md). If
 * NEO4J_URI is set, Linchpin uses that server and nothing local is started.
 */
import { Command, Option } from 'commander';
import { LauncherError, localNeo4jStatus, localOptions, startLocalNeo4j, stopLocalNeo4j } from './launcher';

type Instance = 'dev' | 'test';

const instanceOption = () =>
  new Option('-i, --instance <name>', 'which local instance').choices(['dev', 'test']).default('dev');

/** NEO4J_URI replaces the dev instance only: the test suite always runs on its own local instance. */
function externalUri(instance: Instance): string | undefined {
  const uri = process.env.NEO4J_URI?.trim();
  return uri && instance === 'dev' ? uri : undefined;
}

async function start(instance: Instance): Promise<void> {
  const external = externalUri(instance);
  if (external) {
    console.log(`NEO4J_URI is set (${external}): Linchpin uses that Neo4j, so no local Neo4j (${instance}) is started.`);
    return;
  }
  const opts = localOptions(instance);
  const t0 = Date.now();
  const conn = await startLocalNeo4j(opts, (line) => console.log(`  ${line}`));
  if (conn.startedNow) {
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`Neo4j (${instance}) is up at ${conn.uri} (pid ${conn.pid}, started in ${secs} s)`);
  } else {
    console.log(`Neo4j (${instance}) is already running at ${conn.uri} (pid ${conn.pid})`);
  }
  console.log(`  user ${conn.user}, password in ${conn.home}/credentials.json; log ${conn.logFile}`);
}

async function stop(instance: Instance): Promise<void> {
  const { wasRunning } = await stopLocalNeo4j(localOptions(instance));
  console.log(wasRunning ? `Neo4j (${instance}) stopped` : `Neo4j (${instance}) was not running`);
  const external = externalUri(instance);
  if (external) console.log(`note: NEO4J_URI is set (${external}); that server is not managed here.`);
}

async function status(instance: Instance): Promise<void> {
  const external = externalUri(instance);
  if (external) {
    console.log(`Neo4j (${instance}): external, NEO4J_URI=${external} (nothing local is started while it is set)`);
  }
  const s = await localNeo4jStatus(localOptions(instance));
  let state: string;
  if (s.running) state = s.boltAnswers ? 'running' : 'running, but Bolt does not answer (starting or unhealthy)';
  else state = s.boltAnswers ? 'not running (but another Bolt server answers on its port)' : 'not running';
  console.log(`${external ? 'local ' : ''}Neo4j (${instance}): ${state}`);
  console.log(`  uri:  ${s.uri}`);
  console.log(`  pid:  ${s.pid ?? '-'}`);
  console.log(`  home: ${s.home}`);
  console.log(`  log:  ${s.logFile}`);
}

function run(action: (instance: Instance) => Promise<void>) {
  return async (options: { instance: Instance }) => {
    try {
      await action(options.instance);
    } catch (e) {
      if (e instanceof LauncherError) {
        process.stderr.write(`linchpin: ${e.message}\n`);
        if (e.logFile) process.stderr.write(`log: ${e.logFile}\n`);
      } else {
        process.stderr.write(`linchpin: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
        if (process.env.DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
      }
      process.exitCode = 1;
    }
  };
}

// `… status | head -1` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command('neo4j-launcher').description('Local Neo4j 5.26 for Linchpin');
program.command('start').description('start the local Neo4j (idempotent)').addOption(instanceOption()).action(run(start));
program.command('stop').description('stop the local Neo4j (idempotent)').addOption(instanceOption()).action(run(stop));
program.command('status').description('show whether the local Neo4j runs').addOption(instanceOption()).action(run(status));

await program.parseAsync(process.argv);
