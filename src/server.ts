import { createServer, type Server, type ServerResponse } from 'node:http';
import { type Config, ConfigError, loadConfig } from './config.js';
import { watchGraphVersion } from './graph/changes.js';
import { type OpenGraph, openGraph, StartupError, waitForNeo4j } from './graph/connect.js';
import { applyGraphSchema } from './graph/migrate.js';
import { graphStats } from './graph/repository.js';
import { SeedValidationError } from './graph/seed-model.js';
import { warmQueryPlans } from './graph/warm.js';
import { LocalNeo4jError } from './local-neo4j/process.js';
import { createLogger } from './logger.js';
import { loadTrustedDocuments, TrustedDocumentsError } from './plugins/trusted-documents.js';
import { loadSeed } from './seed/load.js';
import { createYogaServer } from './yoga.js';

/**
 * Process entry: config, Neo4j (external or bundled), HTTP, then schema and seed, and signals.
 * With NEO4J_URI, HTTP listens before Neo4j answers so /health and /ready can tell operators what
 * is going on; the bundled Neo4j is started (and ready) before HTTP listens.
 */

/** Start-up failures we explain in one paragraph (no stack trace). */
const EXPECTED = [ConfigError, StartupError, LocalNeo4jError, SeedValidationError, TrustedDocumentsError];

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const log = (line: string) => logger.info(line);
  // Files that can be checked without Neo4j are checked before the bundled JVM boots (yoga
  // reads the file again when the server is created; it is small).
  if (config.TRUSTED_DOCUMENTS_FILE) loadTrustedDocuments(config.TRUSTED_DOCUMENTS_FILE);
  // A signal while the bundled Neo4j boots aborts the boot, which stops the JVM.
  const booting = new AbortController();
  const abortBoot = () => booting.abort();
  process.once('SIGINT', abortBoot);
  process.once('SIGTERM', abortBoot);
  const opened = await openGraph(config, log, booting.signal);
  process.off('SIGINT', abortBoot);
  process.off('SIGTERM', abortBoot);

  // From here on a bundled Neo4j JVM may be running: every way out must stop it.
  let server: Server | undefined;
  let stopping: Promise<void> | undefined;
  const onSignal = () => {
    // Repeats are ignored: a second Ctrl-C must not exit before Neo4j has stopped.
    stopping ??= shutdown(server, opened, config.SHUTDOWN_GRACE_MS, log);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The bundled Neo4j is restarted when it dies; if it keeps dying, shut down cleanly and exit 1.
  void opened.local?.gaveUp.then((message) => {
    if (stopping) return;
    logger.error(message);
    stopping = shutdown(server, opened, config.SHUTDOWN_GRACE_MS, log, 1);
  });

  let booted = false;
  try {
    const yoga = createYogaServer({ graph: opened.graph, config, logger, booted: () => booted });
    server = createServer(yoga);
    // Once HTTP is closed, so are the connections to Redis (when REDIS_URL is set).
    server.once('close', () => void yoga.dispose());
    closeKeepAliveWhenDraining(server);
    await listen(server, config.PORT, config.HOST);
    await waitForNeo4j(opened, config.NEO4J_STARTUP_WAIT_MS, log);
    await prepareGraph(opened, config, log);
  } catch (error) {
    // A signal during start-up closed the graph under us; the shutdown owns the exit.
    if (stopping) return stopping;
    server?.close();
    await opened.close();
    throw error;
  }
  if (stopping) return;
  booted = true;
  // Seed loads and writes by other processes change the graph under this one's caches.
  watchGraphVersion(opened.graph, config.GRAPH_WATCH_MS);
  log(`GraphQL ready at http://${config.HOST}:${config.PORT}/graphql (GraphiQL in a browser); the explorer at /explore.`);
}

/** Applies the schema once, loads the seed into an empty graph (without re-applying it), and plans every query (unless WARM_QUERY_PLANS=false). */
async function prepareGraph(opened: OpenGraph, config: Config, log: (line: string) => void): Promise<void> {
  await applyGraphSchema(opened.graph);
  if (config.SEED_ON_EMPTY && (await graphStats(opened.graph)).entityCount === 0) {
    log('The graph is empty: loading the seed...');
    await loadSeed(opened.graph, { applySchema: false });
  }
  if (config.WARM_QUERY_PLANS) await warmQueryPlans(opened.graph, log);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE'
          ? new StartupError(`PORT ${port} is already in use by another process. Stop it or set PORT to a free port.`)
          : error,
      ),
    );
    server.listen(port, host, () => done());
  });
}

/**
 * Once shutdown starts, responses not yet sent say `Connection: close`, so keep-alive clients
 * let go of their sockets instead of holding `server.close()` until their idle timeout.
 */
function closeKeepAliveWhenDraining(server: Server): void {
  let draining = false;
  const unsent = new Set<ServerResponse>();
  server.on('request', (_request, response: ServerResponse) => {
    if (draining) response.setHeader('connection', 'close');
    unsent.add(response);
    response.on('finish', () => unsent.delete(response));
  });
  server.once('draining', () => {
    draining = true;
    for (const response of unsent) if (!response.headersSent) response.setHeader('connection', 'close');
  });
}

/**
 * Stop accepting, let in-flight requests finish within the grace period, then close Neo4j
 * (stopping the bundled JVM). Also used when a signal arrives during start-up, and with exit
 * code 1 when the bundled Neo4j kept dying and its supervisor gave up.
 */
async function shutdown(
  server: Server | undefined,
  opened: OpenGraph,
  graceMs: number,
  log: (line: string) => void,
  exitCode = 0,
): Promise<void> {
  try {
    if (server?.listening) {
      log('Shutting down: finishing in-flight requests...');
      server.emit('draining');
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), graceMs);
      await new Promise((done) => server.close(done));
      clearTimeout(forced);
    } else {
      log('Shutting down during start-up...');
      server?.close();
    }
    await opened.close();
  } catch (error) {
    console.error('Shutdown failed:', error);
    process.exit(1);
  }
  log('Stopped.');
  process.exit(exitCode);
}

main().catch((error: unknown) => {
  const expected = EXPECTED.some((type) => error instanceof type);
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
});
