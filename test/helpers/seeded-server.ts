import type { Graph } from '../../src/graph/database.js';
import { testGraph } from './test-graph.js';
import { startTestServer, type TestServer } from './test-server.js';

export interface SeededServer extends TestServer {
  graph: Graph;
  /** Stops the HTTP server and closes the driver. */
  stop(): Promise<void>;
}

/**
 * The seeded graph behind a live HTTP server, for API tests. The integration global setup loads
 * the seed once per run (test/helpers/global-setup.ts); files that change the graph restore it.
 */
export async function startSeededServer(env: Record<string, string> = {}): Promise<SeededServer> {
  const graph = testGraph();
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
