import { createServer, type Server } from 'node:http';
import { GraphQLClient } from 'graphql-request';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config.js';
import type { Graph } from '../../src/graph/database.js';
import { createYogaServer } from '../../src/yoga.js';

export interface TestServer {
  url: string;
  client: GraphQLClient;
  config: Config;
  close(): Promise<void>;
}

/**
 * The real yoga server over real HTTP on a free port, with a graphql-request client.
 * `env` sets configuration as the environment would (e.g. `{ NODE_ENV: 'production' }`);
 * the rate limit and the response cache are off unless a test turns them on. Log lines land in
 * `logLines` when given.
 */
export async function startTestServer(graph: Graph, env: Record<string, string> = {}, logLines?: string[]): Promise<TestServer> {
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', RESPONSE_CACHE_BYTES: '0', LOG_LEVEL: logLines ? 'info' : 'silent', ...env });
  const sink = { write: (line: string) => logLines?.push(line) };
  const logger = pino({ level: config.LOG_LEVEL }, sink);
  const yoga = createYogaServer({ graph, config, logger });
  const server: Server = createServer(yoga);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    config,
    client: new GraphQLClient(`${url}/graphql`),
    close: async () => {
      await new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
      // Ends what the server holds beyond HTTP (its graph-change listener, Redis connections).
      await yoga.dispose();
    },
  };
}
