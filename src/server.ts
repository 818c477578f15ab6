import { createServer, type Server } from 'node:http';
import { loadSeed } from '../seed/load.js';
import { ConfigError, loadConfig } from './config.js';
import { openGraph, StartupError } from './graph/connect.js';
import { LocalNeo4jError } from './graph/local-neo4j.js';
import { applyGraphSchema } from './graph/migrate.js';
import { graphStats } from './graph/repository.js';
import { createYogaServer } from './yoga.js';

/** Process entry: config, Neo4j (external or bundled), schema and seed, HTTP, signals. */
const log = (line: string) => console.error(line);

async function main(): Promise<void> {
  const config = loadConfig();
  const opened = await openGraph(config, log);
  await applyGraphSchema(opened.graph);
  if (config.SEED_ON_EMPTY && (await graphStats(opened.graph)).entityCount === 0) {
    log('The graph is empty: loading the seed...');
    await loadSeed(opened.graph);
  }
  const yoga = createYogaServer({ graph: opened.graph, queryStats: config.QUERY_STATS });
  const server = createServer(yoga);
  await listen(server, config.PORT, config.HOST).catch(async (error) => {
    await opened.close();
    throw error;
  });
  log(`GraphQL ready at http://${config.HOST}:${config.PORT}/graphql (GraphiQL in the browser).`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shutdown(server, opened.close));
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

async function shutdown(server: Server, closeGraph: () => Promise<void>): Promise<void> {
  log('Shutting down: finishing in-flight requests...');
  const forced = setTimeout(() => server.closeAllConnections(), 10_000);
  await new Promise((done) => server.close(done));
  clearTimeout(forced);
  await closeGraph();
  log('Stopped.');
  process.exit(0);
}

main().catch((error: unknown) => {
  const expected = [ConfigError, StartupError, LocalNeo4jError].some((type) => error instanceof type);
  console.error(expected ? (error as Error).message : error);
  process.exit(1);
});
