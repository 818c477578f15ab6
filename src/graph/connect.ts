import type { Config } from '../config.js';
import { startLocalNeo4j } from '../local-neo4j/process.js';
import { type SupervisedNeo4j, superviseNeo4j } from '../local-neo4j/supervisor.js';
import { Graph } from './database.js';
import { createDriver, describeConnectionFailure, redactUri } from './driver.js';
import { UNAVAILABLE_CODES } from './errors.js';

export class StartupError extends Error {}

export interface OpenGraph {
  graph: Graph;
  uri: string;
  /** The bundled Neo4j, restarted when it dies; `gaveUp` resolves when it stops trying. */
  local?: SupervisedNeo4j;
  close(): Promise<void>;
}

/**
 * Uses NEO4J_URI, or starts the bundled Neo4j (supervised, so it is restarted if it dies) when it
 * is unset; does not wait for it yet. While the bundled Neo4j is down, queries fail fast.
 */
export async function openGraph(config: Config, log: (line: string) => void, signal?: AbortSignal): Promise<OpenGraph> {
  const location = { port: config.NEO4J_LOCAL_PORT, dataDir: config.NEO4J_LOCAL_DATA };
  const local = config.NEO4J_URI ? undefined : superviseNeo4j(await startLocalNeo4j({ ...location, log, signal }), { ...location, log });
  const uri = config.NEO4J_URI ?? (local as SupervisedNeo4j).uri;
  const driver = createDriver({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD });
  const graph = new Graph(driver, config.NEO4J_DATABASE, config.NEO4J_QUERY_TIMEOUT_MS, { isAvailable: local?.isAvailable });
  let closing: Promise<void> | undefined;
  const close = async () => {
    await driver.close();
    await local?.stop();
  };
  // Idempotent: a signal and a failed start-up may both close the graph.
  return {
    graph,
    uri,
    local,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

/**
 * Waits until the configured database answers, retrying while the server is merely not up yet
 * (a compose stack or a cluster still starting). Wrong credentials or an unknown database fail
 * at once; an unreachable server fails after `waitMs`.
 */
export async function waitForNeo4j(opened: OpenGraph, waitMs: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + waitMs;
  let said = false;
  for (;;) {
    try {
      await opened.graph.driver.verifyConnectivity({ database: opened.graph.database });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!UNAVAILABLE_CODES.has(code) || Date.now() >= deadline) throw new StartupError(describeConnectionFailure(opened.uri, error));
      if (!said) log(`Waiting for Neo4j at ${redactUri(opened.uri)} (up to ${Math.round(waitMs / 1000)} s)...`);
      said = true;
      await new Promise((done) => setTimeout(done, 1_000));
    }
  }
}
