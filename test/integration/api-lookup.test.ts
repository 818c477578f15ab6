import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS, KIND_LABELS } from '../../src/graph/vocabulary.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * Looking entities up over real HTTP: node/nodes by global id, entity by key, entities page by
 * page, graphStats, and the queryStats extension. Expectations come from Cypher reads.
 */

interface Ref {
  __typename: string;
  id: string;
  key: string;
  kind: string;
}

interface EntityPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Ref }[];
  nodes: Ref[];
}

const REF = 'fragment Ref on Entity { __typename id key kind }';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('lookups: node, nodes, entity, entities, graphStats', () => {
  let api: SeededServer;

  /** Every entity key of `kind` (or all), ordered by key, straight from Neo4j. */
  const keysInGraph = async (kind: string | null) =>
    (
      await api.graph.read<{ key: string }>('MATCH (n:Entity) WHERE $kind IS NULL OR n.kind = $kind RETURN n.key AS key ORDER BY key', {
        kind,
      })
    ).map((row) => row.key);

  const entityRef = async (key: string) =>
    (await api.client.request<{ entity: Ref | null }>(gql`query ($key: String!) { entity(key: $key) { ...Ref } } ${REF}`, { key })).entity;

  beforeAll(async () => {
    api = await startSeededServer();
  });

  afterAll(async () => {
    await api.stop();
  });

  describe('entity(key)', () => {
    it('returns the typed object for every kind: __typename is the kind’s type, kind and key match the graph', async () => {
      // One entity of every kind, so every object type's resolveType is exercised.
      const rows = await api.graph.read<{ kind: string; key: string }>(
        'MATCH (n:Entity) WITH n.kind AS kind, min(n.key) AS key RETURN kind, key ORDER BY kind',
        {},
      );
      expect(rows.map((row) => row.kind).sort()).toEqual([...ENTITY_KINDS].sort());
      for (const row of rows) {
        expect(await entityRef(row.key)).toMatchObject({
          __typename: KIND_LABELS[row.kind as keyof typeof KIND_LABELS],
          key: row.key,
          kind: row.kind,
        });
      }
    });

    it('returns name, summary, aliases and sources as stored', async () => {
      const [stored] = await api.graph.read<{ name: string; summary: string; aliases: string[]; sections: string[] }>(
        "MATCH (n:Entity {key: 'django'}) RETURN n.name AS name, n.summary AS summary, n.aliases AS aliases, n.sections AS sections",
        {},
      );
      const [article] = await api.graph.read<{ title: string; author: string; published: string }>(
        "MATCH (a:Source {key: 'article'}) RETURN a.title AS title, a.author AS author, a.published AS published",
        {},
      );
      const { entity } = await api.client.request<{ entity: Record<string, unknown> }>(gql`
        { entity(key: "django") { name summary aliases sources { section articleTitle author published } } }
      `);
      expect(entity).toEqual({
        name: stored?.name,
        summary: stored?.summary,
        aliases: stored?.aliases,
        sources: stored?.sections.map((section) => ({
          section,
          articleTitle: article?.title,
          author: article?.author,
          published: article?.published,
        })),
      });
    });

    it('returns null for an unknown key', async () => {
      expect(await entityRef('no-such-entity')).toBeNull();
    });
  });

  describe('node(id) and nodes(ids)', () => {
    it('round-trips: the id from entity(key) gives back the same entity', async () => {
      for (const key of ['django', 'python', 'senior', 'security', 'docker']) {
        const ref = await entityRef(key);
        expect(ref).not.toBeNull();
        const { node } = await api.client.request<{ node: Ref | null }>(gql`query ($id: ID!) { node(id: $id) { ...Ref } } ${REF}`, {
          id: ref?.id,
        });
        expect(node).toEqual(ref);
      }
    });

    it('gives null for an id of the right shape but the wrong type, and for an unknown key', async () => {
      // django is a Framework, not a Language.
      const wrongType = base64('Language:django');
      const unknown = base64('Framework:no-such-framework');
      const { a, b } = await api.client.request<{ a: Ref | null; b: Ref | null }>(
        gql`query ($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`,
        { a: wrongType, b: unknown },
      );
      expect(a).toBeNull();
      expect(b).toBeNull();
    });

    it('nodes(ids) keeps the order of the ids and puts null where an id resolves to nothing', async () => {
      const django = await entityRef('django');
      const senior = await entityRef('senior');
      const { nodes } = await api.client.request<{ nodes: (Ref | null)[] }>(
        gql`query ($ids: [ID!]!) { nodes(ids: $ids) { ...Ref } } ${REF}`,
        { ids: [senior?.id, base64('Language:django'), django?.id, base64('Skill:no-such-skill')] },
      );
      expect(nodes).toEqual([senior, null, django, null]);
    });

    it('nodes([]) is an empty list', async () => {
      const { nodes } = await api.client.request<{ nodes: unknown[] }>(gql`{ nodes(ids: []) { id } }`);
      expect(nodes).toEqual([]);
    });
  });

  describe('entities(kind, first, after)', () => {
    const PAGE = gql`
      query ($kind: EntityKind, $first: Int, $after: String) {
        entities(kind: $kind, first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { ...Ref } }
          nodes { ...Ref }
        }
      }
      ${REF}
    `;
    const page = async (variables: { kind?: string; first?: number; after?: string | null }) =>
      (await api.client.request<{ entities: EntityPage }>(PAGE, variables)).entities;

    /** Walks every page of size `first`, checking page-level invariants along the way. */
    async function walk(kind: string | undefined, first: number) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pageNo = 0; pageNo < 200; pageNo++) {
        const current: EntityPage = await page({ kind, first, after });
        expect(current.edges.length).toBeLessThanOrEqual(first);
        expect(current.nodes).toEqual(current.edges.map((edge) => edge.node));
        expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(current.pageInfo.startCursor).toBe(current.edges[0]?.cursor ?? null);
        expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
        seen.push(...current.edges.map((edge) => edge.node.key));
        if (!current.pageInfo.hasNextPage) return { seen, totalCount: current.totalCount };
        expect(current.edges).toHaveLength(first);
        after = current.pageInfo.endCursor;
      }
      throw new Error('entities pagination did not end');
    }

    it('pages through all entities of a kind in key order, each once, with totalCount from Neo4j', async () => {
      const expected = await keysInGraph('TASK');
      expect(expected.length).toBeGreaterThan(4);
      const { seen, totalCount } = await walk('TASK', 4);
      expect(seen).toEqual(expected);
      expect(totalCount).toBe(expected.length);
    });

    it('pages through every entity without a kind filter', async () => {
      const expected = await keysInGraph(null);
      const { seen, totalCount } = await walk(undefined, 25);
      expect(seen).toEqual(expected);
      expect(totalCount).toBe(expected.length);
    });

    it('returns only entities of the asked kind, as that kind’s object type', async () => {
      for (const kind of ENTITY_KINDS) {
        const result = await page({ kind, first: 100 });
        expect(result.totalCount).toBe((await keysInGraph(kind)).length);
        for (const node of result.nodes) expect(node).toMatchObject({ kind, __typename: KIND_LABELS[kind] });
      }
    });

    it('uses the default page size of 20 and reports hasNextPage when more remain', async () => {
      const total = (await keysInGraph(null)).length;
      expect(total).toBeGreaterThan(20);
      const result = (await api.client.request<{ entities: EntityPage }>(PAGE, {})).entities;
      expect(result.edges).toHaveLength(20);
      expect(result.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    });

    it('a page whose size equals what remains has no next page', async () => {
      const expected = await keysInGraph('LANGUAGE');
      const result = await page({ kind: 'LANGUAGE', first: expected.length });
      expect(result.nodes.map((node) => node.key)).toEqual(expected);
      expect(result.pageInfo.hasNextPage).toBe(false);
    });
  });

  it('graphStats counts what Neo4j holds', async () => {
    const [expected] = await api.graph.read<{ entityCount: number; relationshipCount: number }>(
      `CALL { MATCH (n:Entity) RETURN count(n) AS entityCount }
       CALL { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationshipCount }
       RETURN entityCount, relationshipCount`,
      {},
    );
    const { graphStats } = await api.client.request<{ graphStats: unknown }>(gql`{ graphStats { entityCount relationshipCount } }`);
    expect(graphStats).toEqual(expected);
  });

  describe('extensions.queryStats', () => {
    it('reports the Neo4j round-trips and rows a query cost: one statement and one row per field here', async () => {
      const result = await api.client.rawRequest<unknown>(gql`{ entity(key: "python") { key } graphStats { entityCount } }`);
      const stats = (result.extensions as { queryStats?: Record<string, unknown> } | undefined)?.queryStats;
      expect(stats).toMatchObject({ neo4jRoundTrips: 2, rowsRead: 2 });
      expect(stats?.dbMillis as number).toBeGreaterThanOrEqual(0);
    });

    it('batches typed fields and relations: one round-trip per relationship field per level, however many parents', async () => {
      // 1 page of entities, loaded with their `concerns` + 1 batched `relations` load.
      const result = await api.client.rawRequest<unknown>(gql`
        { entities(kind: LANGUAGE, first: 10) { nodes { key ... on Language { concerns { key } } relations(first: 2) { totalCount } } } }
      `);
      const stats = (result.extensions as { queryStats: { neo4jRoundTrips: number } }).queryStats;
      expect(stats.neo4jRoundTrips).toBe(2);
    });
  });
});
