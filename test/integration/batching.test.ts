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
    // entities page + frameworks + concerns + Framework.language + the article (once)
    expect(one.stats.neo4jRoundTrips).toBe(5);
    expect(all.stats.neo4jRoundTrips).toBe(one.stats.neo4jRoundTrips);
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
});
