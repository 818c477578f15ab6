import { loadConfig } from '../config.js';
import { LocalNeo4jError, startLocalNeo4j } from './process.js';

/** `npm run neo4j`: the bundled Neo4j alone, in the foreground, until Ctrl-C. */
const config = loadConfig();
try {
  const neo4j = await startLocalNeo4j({ port: config.NEO4J_LOCAL_PORT, dataDir: config.NEO4J_LOCAL_DATA });
  console.error('Press Ctrl-C to stop.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void neo4j.stop().then(() => process.exit(0)));
  }
  const code = await neo4j.exited;
  process.exit(code ?? 0);
} catch (error) {
  if (!(error instanceof LocalNeo4jError)) throw error;
  console.error(error.message);
  process.exit(1);
}
