import { createServer, type Server, type ServerResponse } from 'node:http';
import { loadSeed } from '../seed/load.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { type OpenGraph, openGraph, StartupError, waitForNeo4j } from './graph/connect.js';
import { LocalNeo4jError } from './graph/local-neo4j.js';
import { applyGraphSchema } from './graph/migrate.js';
import { graphStats } from './graph/repository.js';
import { createLogger } from './logger.js';
import { createYogaServer } from './yoga.js';

/**
 * Process entry: config, Neo4j (external or bundled), HTTP, then schema and seed, and signals.
 * HTTP listens before Neo4j answers so /health and /ready can tell operators what is going on.
 */
const EXPECTED = [ConfigError, StartupError, LocalNeo4jError];

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const log = (line: string) => logger.info(line);
  const opened = await openGraph(config, log);
  let booted = false;
  const server = createServer(createYogaServer({ graph: opened.graph, config, logger, booted: () => booted }));
  closeKeepAliveWhenDraining(server);
  try {
    await listen(server, config.PORT, config.HOST);
    await waitForNeo4j(opened, config.NEO4J_STARTUP_WAIT_MS, log);
    await prepareGraph(opened, config, log);
  } catch (error) {
    server.close();
    await opened.close();
    throw error;
  }
  booted = true;
  log(`GraphQL ready at http://${config.HOST}:${config.PORT}/graphql (GraphiQL in the browser).`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shutdown(server, opened, config.SHUTDOWN_GRACE_MS, log));
  }
}

async function prepareGraph(opened: OpenGraph, config: Config, log: (line: string) => void): Promise<void> {
  await applyGraphSchema(opened.graph);
  if (config.SEED_ON_EMPTY && (await graphStats(opened.graph)).entityCount === 0) {
    log('The graph is empty: loading the seed...');
    await loadSeed(opened.graph);
  }
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

/** Stop accepting, let in-flight requests finish within the grace period, then close Neo4j. */
async function shutdown(server: Server, opened: OpenGraph, graceMs: number, log: (line: string) => void): Promise<void> {
  log('Shutting down: finishing in-flight requests...');
  server.emit('draining');
  server.closeIdleConnections();
  const forced = setTimeout(() => server.closeAllConnections(), graceMs);
  await new Promise((done) => server.close(done));
  clearTimeout(forced);
  await opened.close();
  log('Stopped.');
  process.exit(0);
}

main().catch((error: unknown) => {
  const expected = EXPECTED.some((type) => error instanceof type);
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
});
