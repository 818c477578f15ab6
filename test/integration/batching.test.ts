import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * Dataloader batching, proven at the Neo4j layer: a query costs one round-trip per relationship
 * field per nesting level, so the same shape over 3 entities or over all of them costs the same.
 */

interface Stats {
  neo4jRoundTrips: number;
  rowsRead: number;
}

describe('Neo4j round-trips per request', () => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await startSeededServer({ QUERY_STATS: 'true' });
  });
  afterAll(() => server.stop());

  async function cost(query: string, variables: Record<string, unknown>) {
    const { data, extensions } = await server.client.rawRequest<{ entities: { nodes: unknown[] } }>(query, variables);
    return { stats: (extensions as { queryStats: Stats }).queryStats, count: data.entities.nodes.length };
  }

  it('does not grow with the number of parents for nested relations', async () => {
    const query = gql`
      query Nested($first: Int!) {
        entities(first: $first) {
          nodes {
            key
            relations(first: 3) {
              totalCount
              edges { node { key relations(first: 2, direction: OUT) { totalCount edges { type } } } }
            }
          }
        }
      }
    `;
    const few = await cost(query, { first: 3 });
    const all = await cost(query, { first: 100 });
    expect(few.count).toBe(3);
    expect(all.count).toBeGreaterThan(50);
    // entities page + relations level 1 + relations level 2
    expect(few.stats.neo4jRoundTrips).toBe(3);
    expect(all.stats.neo4jRoundTrips).toBe(few.stats.neo4jRoundTrips);
    expect(all.stats.rowsRead).toBeGreaterThan(few.stats.rowsRead);
  });

  describe('entity(key:) with one relations page', () => {
    const page =
      'relations(first: 3, direction: IN, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { type node { key name } } }';
    const folded = `query Folded($key: String!, $after: String) { entity(key: $key) { key name ${page} } }`;
    // The same page in a fragment on Concept: not every entity has it, so it is not loaded ahead.
    const separate = `query Separate($key: String!, $after: String) { entity(key: $key) { key name ... on Concept { ${page} } } }`;
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const { data, extensions } = await server.client.rawRequest<{ entity: unknown }>(query, variables);
      return { entity: data.entity, roundTrips: (extensions as { queryStats: Stats }).queryStats.neo4jRoundTrips };
    };

    it('takes one round-trip for the lookup and the page, with the same answer as two', async () => {
      const one = await ask(folded, { key: 'security' });
      const two = await ask(separate, { key: 'security' });
      expect(one.roundTrips).toBe(1);
      expect(two.roundTrips).toBe(2);
      expect(one.entity).toEqual(two.entity);
      const { endCursor } = (one.entity as { relations: { pageInfo: { endCursor: string } } }).relations.pageInfo;
      const next = await ask(folded, { key: 'security', after: endCursor });
      expect(next.roundTrips).toBe(1);
      expect(next.entity).toEqual((await ask(separate, { key: 'security', after: endCursor })).entity);
      expect(next.entity).not.toEqual(one.entity);
    });

    it('answers null for an unknown key, in one round-trip', async () => {
      expect(await ask(folded, { key: 'no-such-entity' })).toEqual({ entity: null, roundTrips: 1 });
    });

    it('leaves a bad cursor to the relations field, which reports it', async () => {
      const failure = await server.client.rawRequest(folded, { key: 'security', after: 'not-a-cursor' }).catch((error: unknown) => error);
      const errors = (failure as { response: { errors: { path: string[]; extensions: { code: string } }[] } }).response.errors;
      expect(errors.map((error) => [error.path.join('.'), error.extensions.code])).toEqual([['entity.relations', 'BAD_USER_INPUT']]);
    });
  });

  it('batches typed relationship fields and entity lookups the same way', async () => {
    const query = gql`
      query Typed($first: Int!) {
        entities(kind: LANGUAGE, first: $first) {
          nodes {
            ... on Language {
              frameworks { key language { key } }
              concerns { key }
            }
            sources { section articleTitle }
          }
        }
      }
    `;
    const one = await cost(query, { first: 1 });
    const all = await cost(query, { first: 10 });
    expect(all.count).toBeGreaterThan(one.count);
    // entities page with their frameworks and concerns + Framework.language + the article (once)
    expect(one.stats.neo4jRoundTrips).toBe(3);
    expect(all.stats.neo4jRoundTrips).toBe(one.stats.neo4jRoundTrips);
  });

  it('loads typed fields with the entity page, answering as node(id) does', async () => {
    const typed = 'id key ... on Language { frameworks { key name } concerns { key } } ... on Framework { language { key } }';
    const { data, extensions } = await server.client.rawRequest<{ entities: { nodes: { id: string; key: string }[] } }>(
      `{ entities(first: 100) { nodes { ${typed} } } }`,
    );
    expect((extensions as { queryStats: Stats }).queryStats.neo4jRoundTrips).toBe(1);
    // The same through edges { node }, with the typed fields in a named fragment.
    const viaEdges = await server.client.rawRequest<{ entities: { edges: { node: unknown }[] } }>(
      `fragment Typed on Entity { ${typed} } { entities(first: 100) { edges { node { ...Typed } } } }`,
    );
    expect((viaEdges.extensions as { queryStats: Stats }).queryStats.neo4jRoundTrips).toBe(1);
    expect(viaEdges.data.entities.edges.map((edge) => edge.node)).toEqual(data.entities.nodes);
    const withFields = data.entities.nodes.filter((node) => Object.keys(node).length > 2);
    expect(withFields.length).toBeGreaterThan(5);
    // node(id) loads the entity alone; its typed fields take the batched loader's own round-trip.
    for (const node of withFields) {
      const one = await server.client.request<{ node: unknown }>(`query ($id: ID!) { node(id: $id) { ... on Entity { ${typed} } } }`, {
        id: node.id,
      });
      expect(node, node.key).toEqual(one.node);
    }
  });

  it('loads typed fields with entity(key) in one round-trip, answering as node(id) does', async () => {
    const typed = 'id key ... on Language { frameworks { key name } concerns { key } }';
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const { data, extensions } = await server.client.rawRequest<Record<string, unknown>>(query, variables);
      return { data, roundTrips: (extensions as { queryStats: Stats }).queryStats.neo4jRoundTrips };
    };
    const byKey = await ask(`query ($key: String!) { entity(key: $key) { ${typed} } }`, { key: 'python' });
    expect(byKey.roundTrips).toBe(1);
    const id = (byKey.data.entity as { id: string }).id;
    const byId = await ask(`query ($id: ID!) { node(id: $id) { ... on Entity { ${typed} } } }`, { id });
    expect(byId.roundTrips).toBe(3);
    expect(byKey.data.entity).toEqual(byId.data.node);
    expect(await ask(`query ($key: String!) { entity(key: $key) { ${typed} } }`, { key: 'no-such-entity' })).toEqual({
      data: { entity: null },
      roundTrips: 1,
    });
  });

  it('loads many nodes by global id in one round-trip, whatever their kinds', async () => {
    const ids = await server.client.request<{ entities: { nodes: { id: string }[] } }>(gql`{ entities(first: 40) { nodes { id } } }`);
    const { data, extensions } = await server.client.rawRequest<{ nodes: ({ key: string } | null)[] }>(
      gql`query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { key } } }`,
      { ids: ids.entities.nodes.map((node) => node.id) },
    );
    expect(data.nodes).toHaveLength(40);
    expect(data.nodes.every((node) => node !== null)).toBe(true);
    expect((extensions as { queryStats: Stats }).queryStats.neo4jRoundTrips).toBe(1);
  });

  it('never lets fragments on different types share relations arguments', async () => {
    const { data } = await server.client.rawRequest<{ entities: { nodes: { kind: string; relations?: { edges: unknown[] } }[] } }>(gql`
      {
        entities(first: 100) {
          nodes {
            kind
            ... on Language { relations(first: 1) { edges { type } } }
            ... on Framework { relations(first: 5) { edges { type } } }
          }
        }
      }
    `);
    const sizes = (kind: string) =>
      data.entities.nodes.filter((node) => node.kind === kind).map((node) => node.relations?.edges.length ?? 0);
    expect(sizes('LANGUAGE').every((size) => size === 1)).toBe(true);
    expect(Math.max(...sizes('FRAMEWORK'))).toBeGreaterThan(1);
  });

  it('bounds nodes(ids) to 100 ids and prices it by their number', async () => {
    const id = Buffer.from('Language:python').toString('base64');
    const query = gql`query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { key relations(first: 50) { edges { evidence } } } } }`;
    const tooMany = await server.client
      .rawRequest(query, { ids: Array(101).fill(id) })
      .catch((error: { response: { errors: { extensions: { code: string } }[] } }) => error.response);
    expect((tooMany as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const costly = await server.client
      .rawRequest(query, { ids: Array(100).fill(id) })
      .catch((error: { response: { errors: { extensions: { code: string } }[] } }) => error.response);
    expect((costly as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('answers expectedBeyond for every level in one round-trip', async () => {
    const { extensions } = await server.client.rawRequest(gql`
      { entities(kind: SENIORITY_LEVEL) { nodes { ... on SeniorityLevel { expectedBeyond(level: "junior") { key } } } } }
    `);
    // entities page + the level check (entity loader) + one batched EXPECTS load
    expect((extensions as { queryStats: Stats }).queryStats.neo4jRoundTrips).toBe(3);
  });
});
