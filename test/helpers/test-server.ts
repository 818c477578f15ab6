import { createServer, type Server } from 'node:http';
import { GraphQLClient } from 'graphql-request';
import type { Graph } from '../../src/graph/database.js';
import { createYogaServer } from '../../src/yoga.js';

export interface TestServer {
  url: string;
  client: GraphQLClient;
  close(): Promise<void>;
}

/** The real yoga server over real HTTP on a free port, with a graphql-request client. */
export async function startTestServer(graph: Graph, { queryStats = true } = {}): Promise<TestServer> {
  const server: Server = createServer(createYogaServer({ graph, queryStats }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    client: new GraphQLClient(`${url}/graphql`),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
