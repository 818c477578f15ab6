import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceGraphChange, watchGraphVersion } from '../../src/graph/changes.js';
import { BUMP_GRAPH_VERSION } from '../../src/graph/queries/meta.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/** The response cache (hits, invalidation, ETags) and a cost model priced by the graph's real degrees. */

interface Body {
  data?: { entity?: { name: string } | null } & Record<string, unknown>;
  errors?: { extensions?: { code?: string; value?: number } }[];
  extensions?: { queryStats?: { neo4jRoundTrips: number } };
}

describe('response cache and cost model', () => {
  let api: SeededServer;
  beforeAll(async () => {
    api = await startSeededServer({ QUERY_STATS: 'true', RESPONSE_CACHE_BYTES: String(1024 * 1024) });
  });
  afterAll(() => api.stop());

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Body;
  };
  const roundTrips = (body: Body) => body.extensions?.queryStats?.neo4jRoundTrips;
  const NAME = 'query ($key: String!) { entity(key: $key) { name } }';
  const run = (cypher: string, params: Record<string, unknown> = {}) =>
    api.graph.driver.executeQuery(cypher, params, { database: api.graph.database });

  it('answers a repeated query from memory, with the same data and no Neo4j round-trip', async () => {
    const first = await post(NAME, { key: 'django' });
    expect(roundTrips(first)).toBeGreaterThan(0);
    const second = await post(NAME, { key: 'django' });
    expect(second.data).toEqual(first.data);
    expect(roundTrips(second)).toBe(0);
    // Other variables are another question.
    expect(roundTrips(await post(NAME, { key: 'flask' }))).toBeGreaterThan(0);
  });

  it('never serves an answer older than a change announced in this process', async () => {
    await post(NAME, { key: 'spring' });
    await run("MATCH (n:Entity {key: 'spring'}) SET n.name = 'Spring (renamed)'");
    try {
      announceGraphChange();
      const after = await post(NAME, { key: 'spring' });
      expect(after.data?.entity?.name).toBe('Spring (renamed)');
      expect(roundTrips(after)).toBeGreaterThan(0);
    } finally {
      await run("MATCH (n:Entity {key: 'spring'}) SET n.name = 'Spring'");
      announceGraphChange();
    }
  });

  it('notices a change another process made, through the graph version', async () => {
    const stop = watchGraphVersion(api.graph, 100);
    try {
      await new Promise((done) => setTimeout(done, 300)); // the watcher learns the current version
      await post(NAME, { key: 'express-js' });
      await run("MATCH (n:Entity {key: 'express-js'}) SET n.name = 'Express (renamed)'");
      await run(BUMP_GRAPH_VERSION);
      await expect
        .poll(async () => (await post(NAME, { key: 'express-js' })).data?.entity?.name, { timeout: 5000 })
        .toBe('Express (renamed)');
    } finally {
      stop();
      await run("MATCH (n:Entity {key: 'express-js'}) SET n.name = 'Express.js'");
      announceGraphChange();
    }
  });

  it('does not keep answers with errors', async () => {
    const query = 'query ($after: String) { entities(first: 1, after: $after) { nodes { key } } }';
    const bad = await post(query, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const again = await post(query, { after: 'not-a-cursor' });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors).toHaveLength(1);
  });

  it('GET answers carry an ETag; the same ETag gets 304, and none after a change', async () => {
    const url = `${api.url}/graphql?query=${encodeURIComponent('{ entity(key: "python") { name } }')}`;
    const csrf = { 'x-graphql-csrf': '1' };
    const first = await fetch(url, { headers: csrf });
    await first.text();
    const again = await fetch(url, { headers: csrf });
    await again.text();
    const tag = again.headers.get('etag');
    expect(tag).toMatch(/^".+"$/);
    expect(again.headers.get('cache-control')).toContain('must-revalidate');
    const revalidated = await fetch(url, { headers: { ...csrf, 'if-none-match': tag as string } });
    expect(revalidated.status).toBe(304);
    announceGraphChange();
    const changed = await fetch(url, { headers: { ...csrf, 'if-none-match': tag as string } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ data: { entity: { name: 'Python' } } });
  });

  describe('cost model', () => {
    const TWO_LEVELS = `{ entity(key: "security") { relations(direction: IN, first: 50) { edges { node { key
      relations(direction: OUT, first: 50) { edges { type node { key } } } } } } } }`;

    it('lets natural two-level exploration through at the default MAX_COST', async () => {
      const body = await post(TWO_LEVELS);
      expect(body.errors).toBeUndefined();
      expect(body.data?.entity).not.toBeNull();
      // The same walk with names at both levels, as the explorer and bench:peers ask it.
      const named = await post(TWO_LEVELS.replaceAll('node { key', 'node { key name'));
      expect(named.errors).toBeUndefined();
    });

    it('prices a list by the most links any entity really has, not by first alone', async () => {
      const [row] = await api.graph.read<{ maxIn: number }>('MATCH (n:Entity) RETURN max(COUNT { (n)<--(:Entity) }) AS maxIn', {});
      const strict = await startSeededServer({ MAX_COST: '1' });
      try {
        const priced = async (query: string) => {
          const response = await fetch(`${strict.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          });
          return ((await response.json()) as Body).errors?.[0]?.extensions?.value;
        };
        // Warm the bounds (they load on the first request), then price: entity 1 + relations 1 + bound x edges 1
        // (a scalar such as `type` costs nothing: its object is fetched already).
        await priced('{ graphStats { entityCount } }');
        await expect
          .poll(() => priced('{ entity(key: "security") { relations(direction: IN, first: 100) { edges { type } } } }'))
          .toBe(2 + Math.min(100, row?.maxIn ?? 0));
        expect(await priced('{ entity(key: "security") { relations(direction: IN, first: 3) { edges { type } } } }')).toBe(2 + 3);
        // totalCount is the one scalar that costs (it counts every matching relationship); like all
        // of the connection's selection it is multiplied by the page size: 2 + 3 x (totalCount 1 + edges 1).
        expect(await priced('{ entity(key: "security") { relations(direction: IN, first: 3) { totalCount edges { type } } } }')).toBe(
          2 + 3 * 2,
        );
      } finally {
        await strict.stop();
      }
    });
  });
});
