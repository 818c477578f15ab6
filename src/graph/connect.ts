import type { Config } from '../config.js';
import { Graph } from './database.js';
import { createDriver, describeConnectionFailure } from './driver.js';
import { type LocalNeo4j, startLocalNeo4j } from './local-neo4j.js';

export class StartupError extends Error {}

export interface OpenGraph {
  graph: Graph;
  uri: string;
  local?: LocalNeo4j;
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI, or starts the bundled Neo4j when it is unset, and checks that the
 * configured database answers. Whatever was started is stopped again if connecting fails.
 */
export async function openGraph(config: Config, log: (line: string) => void): Promise<OpenGraph> {
  const local = config.NEO4J_URI
    ? undefined
    : await startLocalNeo4j({ port: config.NEO4J_LOCAL_PORT, dataDir: config.NEO4J_LOCAL_DATA, log });
  const uri = config.NEO4J_URI ?? (local as LocalNeo4j).uri;
  const driver = createDriver({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD });
  const close = async () => {
    await driver.close();
    await local?.stop();
  };
  try {
    await driver.verifyConnectivity({ database: config.NEO4J_DATABASE });
  } catch (error) {
    await close();
    throw new StartupError(describeConnectionFailure(uri, error));
  }
  return { graph: new Graph(driver, config.NEO4J_DATABASE, config.NEO4J_QUERY_TIMEOUT_MS), uri, local, close };
}
