import type { Graph } from '../../src/graph/database.js';
import { loadSeed } from '../../src/seed/load.js';
import { testGraph } from './test-graph.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface SeededServer extends TestServer {
  graph: Graph;
  /** Stops the HTTP server and closes the driver. */
  stop(): Promise<void>;
}

/** The seeded graph (loaded idempotently) behind a live HTTP server, for API tests. */
export async function startSeededServer(env: Record<string, string> = {}): Promise<SeededServer> {
  const graph = testGraph();
  await loadSeed(graph);
  const server = await startTestServer(graph, env);
  return {
    ...server,
    graph,
    stop: async () => {
      await server.close();
      await graph.driver.close();
    },
  };
}
