import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import neo4j, { type Driver } from 'neo4j-driver';
import { createDriver } from '../../src/graph/driver.js';
import { KIND_LABELS, TOOL_KINDS } from '../../src/graph/vocabulary.js';
import { RAW } from './cypher.js';
import { NEO4J_GRAPHQL_TYPEDEFS } from './neo4j-graphql-schema.js';

/**
 * The peers, one per child process (`node --import tsx bench/peers/servers.ts <peer> <bolt-uri>`):
 *   neo4j-graphql  @neo4j/graphql 7 served by graphql-yoga
 *   raw            hand-written Cypher through neo4j-driver behind a bare node:http handler
 *   bare-yoga      graphql-yoga with a trivial schema (the `{ __typename }` floor)
 * Each listens on a free port on loopback and sends it to the parent over IPC.
 */

type Peer = 'neo4j-graphql' | 'raw' | 'bare-yoga';

const [peer, uri] = process.argv.slice(2) as [Peer, string];

/** The service's own driver settings (no auth on the bundled Neo4j), so the peers connect alike. */
const DATABASE = 'neo4j';
const driver = (): Driver => createDriver({ uri, user: 'neo4j', password: '' });

async function neo4jGraphql() {
  const neoSchema = new Neo4jGraphQL({ typeDefs: NEO4J_GRAPHQL_TYPEDEFS, driver: driver() });
  const schema = await neoSchema.getSchema();
  return createServer(createYoga({ schema, graphiql: false, logging: false, context: () => ({ sessionConfig: { database: DATABASE } }) }));
}

function bareYoga() {
  const schema = createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
  return createServer(createYoga({ schema, graphiql: false, logging: false }));
}

const globalId = (kindAndKey: string) => {
  const cut = kindAndKey.indexOf(':');
  const label = KIND_LABELS[kindAndKey.slice(0, cut) as keyof typeof KIND_LABELS];
  return Buffer.from(`${label}:${kindAndKey.slice(cut + 1)}`).toString('base64');
};
const cursor = (sortKey: string) => Buffer.from(`relation:${sortKey}`, 'utf8').toString('base64url');

/** Each route runs one statement and answers `{ data }` in the service's shape. */
function rawRoutes(db: Driver) {
  // An auto-commit query (one network round-trip), the fastest way the driver runs one statement.
  const read = async (cypher: string, params: Record<string, unknown>) => {
    const session = db.session({ database: DATABASE, defaultAccessMode: neo4j.session.READ });
    try {
      return (await session.run(cypher, params)).records.map((record) => record.toObject());
    } finally {
      await session.close();
    }
  };
  const int = (value: string | null, fallback: number) => neo4j.int(Number(value ?? fallback));
  return {
    entity: async (q: URLSearchParams) => ({ entity: (await read(RAW.entity, { key: q.get('key') }))[0]?.entity ?? null }),
    incomingOutgoing: async (q: URLSearchParams) => ({
      entity: (await read(RAW.incomingOutgoing, { key: q.get('key') }))[0]?.entity ?? null,
    }),
    frameworks: async () => ({ entities: { nodes: (await read(RAW.frameworks, {}))[0]?.nodes ?? [] } }),
    search: async (q: URLSearchParams) => ({
      search: (await read(RAW.search, { query: q.get('query'), first: int(q.get('first'), 10) })).map((row) => row.hit),
    }),
    toolsFor: async (q: URLSearchParams) => ({
      toolsFor: (await read(RAW.toolsFor, { concern: q.get('concern'), first: int(q.get('first'), 20), toolKinds: TOOL_KINDS })).map(
        (row) => row.match,
      ),
    }),
    path: async (q: URLSearchParams) => ({ path: (await read(RAW.path, { from: q.get('from'), to: q.get('to') }))[0]?.path ?? null }),
    neighborhood: async (q: URLSearchParams) => {
      const [row] = await read(RAW.neighborhood2, { key: q.get('key'), limit: int(q.get('limit'), 100) });
      const sub = row?.neighborhood as { nodes: unknown[]; edges: { from: string; to: string; type: string }[] } | undefined;
      const edges = (sub?.edges ?? []).map((edge) => ({ from: globalId(edge.from), to: globalId(edge.to), type: edge.type }));
      return { neighborhood: { nodes: sub?.nodes ?? [], edges } };
    },
    relationsPage: async (q: URLSearchParams) => {
      const first = Number(q.get('first') ?? 20);
      const [row] = await read(RAW.relationsPage, { key: q.get('key'), first: neo4j.int(first) });
      if (!row) return { entity: null };
      const all = row.edges as { sortKey: string }[];
      const edges = all.slice(0, first).map(({ sortKey, ...edge }) => ({ ...edge, cursor: cursor(sortKey) }));
      const last = all[Math.min(all.length, first) - 1];
      return {
        entity: {
          relations: {
            totalCount: row.totalCount,
            pageInfo: { hasNextPage: all.length > first, endCursor: last ? cursor(last.sortKey) : null },
            edges,
          },
        },
      };
    },
  } as Record<string, (q: URLSearchParams) => Promise<unknown>>;
}

function raw() {
  const routes = rawRoutes(driver());
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://raw');
    const route = routes[url.pathname.slice(1)];
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    if (!route) return reply(404, { errors: [{ message: `no route ${url.pathname}` }] });
    route(url.searchParams).then(
      (data) => reply(200, { data }),
      (error: unknown) => reply(500, { errors: [{ message: String(error) }] }),
    );
  });
}

async function main() {
  const server = peer === 'neo4j-graphql' ? await neo4jGraphql() : peer === 'raw' ? raw() : bareYoga();
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
