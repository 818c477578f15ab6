import { ClientError, gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_KINDS } from '../../src/graph/vocabulary.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * `Entity.relations(types, direction, kinds, first, after)`: filters, totalCount and keyset
 * paging, checked against Cypher that reads the stored relationships directly.
 */

interface Edge {
  cursor: string;
  type: string;
  direction: 'OUT' | 'IN';
  basis: string;
  evidence: string;
  section: string;
  node: { key: string; kind: string };
}

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Edge[];
}

interface Filter {
  types?: string[];
  direction?: 'OUT' | 'IN' | 'BOTH';
  kinds?: string[];
  first?: number;
  after?: string | null;
}

const RELATIONS = gql`
  query ($key: String!, $types: [RelationType!], $direction: Direction, $kinds: [EntityKind!], $first: Int, $after: String) {
    entity(key: $key) {
      relations(types: $types, direction: $direction, kinds: $kinds, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor type direction basis evidence section node { key kind } }
      }
    }
  }
`;

/** An edge as a comparable string: direction, type and the key at the other end. */
const id = (edge: { direction: string; type: string; node: { key: string } }) => `${edge.direction}:${edge.type}:${edge.node.key}`;

describe('Entity.relations', () => {
  let api: SeededServer;
  /** The entity with the most relationships: long enough for several pages of 3. */
  let busy: string;

  /** The stored relationships of `key` matching the filter, as edge ids, computed in Cypher. */
  async function storedEdges(key: string, filter: Filter = {}): Promise<string[]> {
    const rows = await api.graph.read<{ id: string }>(
      `CALL {
         MATCH (p:Entity {key: $key})-[r]->(o:Entity) RETURN 'OUT' AS direction, r, o
         UNION ALL
         MATCH (p:Entity {key: $key})<-[r]-(o:Entity) RETURN 'IN' AS direction, r, o
       }
       WITH direction, r, o
       WHERE ($direction = 'BOTH' OR direction = $direction)
         AND ($types IS NULL OR type(r) IN $types) AND ($kinds IS NULL OR o.kind IN $kinds)
       RETURN direction + ':' + type(r) + ':' + o.key AS id`,
      { key, direction: filter.direction ?? 'BOTH', types: filter.types ?? null, kinds: filter.kinds ?? null },
    );
    return rows.map((row) => row.id).sort();
  }

  const relations = async (key: string, filter: Filter = {}) =>
    (await api.client.request<{ entity: { relations: Connection } }>(RELATIONS, { key, ...filter })).entity.relations;

  /** Walks every page of `first` edges and returns them in the order served. */
  async function walk(key: string, filter: Filter, first: number) {
    const edges: Edge[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const current: Connection = await relations(key, { ...filter, first, after });
      expect(current.edges.length).toBeLessThanOrEqual(first);
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(current.pageInfo.startCursor).toBe(current.edges[0]?.cursor ?? null);
      expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
      edges.push(...current.edges);
      if (!current.pageInfo.hasNextPage) return edges;
      expect(current.edges).toHaveLength(first);
      after = current.pageInfo.endCursor;
    }
    throw new Error('relations pagination did not end');
  }

  beforeAll(async () => {
    api = await startSeededServer();
    const [row] = await api.graph.read<{ key: string }>(
      'MATCH (p:Entity)-[r]-(:Entity) RETURN p.key AS key, count(r) AS n ORDER BY n DESC, key LIMIT 1',
      {},
    );
    busy = row?.key as string;
  });

  afterAll(async () => {
    await api.stop();
  });

  it('with no filter returns every relationship in both directions, totalCount from Cypher', async () => {
    const expected = await storedEdges(busy);
    expect(expected.length).toBeGreaterThan(6);
    const connection = await relations(busy, { first: 100 });
    expect(connection.totalCount).toBe(expected.length);
    expect(connection.edges.map(id).sort()).toEqual(expected);
    expect(connection.pageInfo.hasNextPage).toBe(false);
  });

  it('defaults to 20 edges a page', async () => {
    const total = (await storedEdges(busy)).length;
    const connection = await relations(busy);
    expect(connection.edges).toHaveLength(Math.min(20, total));
    expect(connection.pageInfo.hasNextPage).toBe(total > 20);
  });

  it.each(['OUT', 'IN', 'BOTH'] as const)('direction %s returns the relationships stored that way', async (direction) => {
    for (const key of [busy, 'django', 'senior', 'security']) {
      const expected = await storedEdges(key, { direction });
      const connection = await relations(key, { direction, first: 100 });
      expect(connection.edges.map(id).sort(), `${key} ${direction}`).toEqual(expected);
      expect(connection.totalCount).toBe(expected.length);
      if (direction !== 'BOTH') for (const edge of connection.edges) expect(edge.direction).toBe(direction);
    }
  });

  it('filters by relationship types', async () => {
    // The two most common types around the busy entity, so the filter has something to keep and drop.
    const all = await storedEdges(busy);
    const counts = new Map<string, number>();
    for (const edge of all) counts.set(edge.split(':')[1] as string, (counts.get(edge.split(':')[1] as string) ?? 0) + 1);
    const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
    expect(byCount.length).toBeGreaterThan(1);
    const types = byCount.slice(0, Math.min(2, byCount.length - 1));
    const expected = await storedEdges(busy, { types });
    expect(expected.length).toBeLessThan(all.length);
    const connection = await relations(busy, { types, first: 100 });
    expect(connection.edges.map(id).sort()).toEqual(expected);
    expect(connection.totalCount).toBe(expected.length);
    for (const edge of connection.edges) expect(types).toContain(edge.type);
  });

  it('filters by kinds at the other end, combined with types and direction', async () => {
    const filters: Filter[] = [
      { kinds: [...TOOL_KINDS] },
      { kinds: ['CONCEPT'] },
      { kinds: ['TASK', 'RESPONSIBILITY'], direction: 'IN' },
      { kinds: ['SKILL', 'TRAIT'], types: ['REQUIRES'], direction: 'OUT' },
    ];
    for (const key of [busy, 'django', 'ensuring-security']) {
      for (const filter of filters) {
        const expected = await storedEdges(key, filter);
        const connection = await relations(key, { ...filter, first: 100 });
        expect(connection.edges.map(id).sort(), `${key} ${JSON.stringify(filter)}`).toEqual(expected);
        expect(connection.totalCount).toBe(expected.length);
        for (const edge of connection.edges) expect(filter.kinds).toContain(edge.node.kind);
      }
    }
  });

  it('an empty types or kinds list means no filter', async () => {
    const expected = await storedEdges('django');
    const connection = await relations('django', { types: [], kinds: [], first: 100 });
    expect(connection.edges.map(id).sort()).toEqual(expected);
  });

  it('a filter nothing matches gives an empty connection with totalCount 0', async () => {
    // Django has no MENTORS relationship: only seniority levels mentor.
    expect(await storedEdges('django', { types: ['MENTORS'] })).toEqual([]);
    const connection = await relations('django', { types: ['MENTORS'] });
    expect(connection).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('pages of 3, walked by endCursor, give every edge exactly once in the order of one big page', async () => {
    const whole = await relations(busy, { first: 100 });
    const walked = await walk(busy, {}, 3);
    expect(walked.map(id)).toEqual(whole.edges.map(id));
    expect(new Set(walked.map(id)).size).toBe(walked.length);
    expect(walked.map(id).sort()).toEqual(await storedEdges(busy));
    // The cursors are the same ones the big page hands out.
    expect(walked.map((edge) => edge.cursor)).toEqual(whole.edges.map((edge) => edge.cursor));
  });

  it('pages a filtered list the same way', async () => {
    const filter: Filter = { direction: 'IN' };
    const whole = await relations(busy, { ...filter, first: 100 });
    const walked = await walk(busy, filter, 3);
    expect(walked.map(id)).toEqual(whole.edges.map(id));
    expect(walked.map(id).sort()).toEqual(await storedEdges(busy, filter));
  });

  it('keeps a stable order across requests', async () => {
    const first = await relations(busy, { first: 100 });
    const second = await relations(busy, { first: 100 });
    expect(second.edges.map(id)).toEqual(first.edges.map(id));
  });

  it('every edge carries its basis, evidence and section, as stored', async () => {
    const rows = await api.graph.read<{ id: string; basis: string; evidence: string; section: string }>(
      `MATCH (p:Entity {key: $key})-[r]-(o:Entity)
       RETURN CASE WHEN startNode(r) = p THEN 'OUT' ELSE 'IN' END + ':' + type(r) + ':' + o.key AS id,
              r.basis AS basis, r.evidence AS evidence, r.section AS section`,
      { key: busy },
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    const connection = await relations(busy, { first: 100 });
    for (const edge of connection.edges) {
      expect(['STATED', 'INFERRED']).toContain(edge.basis);
      expect(edge.evidence.trim()).not.toBe('');
      expect(edge.section.trim()).not.toBe('');
      expect(edge).toMatchObject({
        basis: stored.get(id(edge))?.basis,
        evidence: stored.get(id(edge))?.evidence,
        section: stored.get(id(edge))?.section,
      });
    }
  });

  it('relations nested under many parents are each their own (batched by path)', async () => {
    const { entities } = await api.client.request<{ entities: { nodes: { key: string; relations: Connection }[] } }>(gql`
      { entities(kind: FRAMEWORK, first: 10) { nodes { key relations(first: 30, direction: OUT) { totalCount edges { type direction node { key } } } } } }
    `);
    expect(entities.nodes.length).toBeGreaterThan(1);
    for (const node of entities.nodes) {
      const expected = await storedEdges(node.key, { direction: 'OUT' });
      expect(node.relations.edges.map(id).sort(), node.key).toEqual(expected);
      expect(node.relations.totalCount).toBe(expected.length);
    }
  });

  it('ships only what is selected, and whatever a fragment or a nested field asks for', async () => {
    type Page = { entity: { relations: { edges: Record<string, unknown>[] } } };
    const page = async (edgeFields: string) =>
      (await api.client.request<Page>(`{ entity(key: "${busy}") { relations(first: 100) { edges { ${edgeFields} } } } }`)).entity.relations
        .edges;
    // Slim edges and nodes (type, direction, key, name, kind) against the whole of each.
    const slim = await page('cursor type direction node { id key name kind }');
    const whole = await page('cursor type direction basis node { id key name kind summary sources { section } }');
    expect(slim.length).toBeGreaterThan(5);
    expect(
      whole.map(({ basis: _basis, node, ...edge }) => ({ ...edge, node: { ...(node as object), summary: undefined, sources: undefined } })),
    ).toEqual(slim.map((edge) => ({ ...edge, node: { ...(edge.node as object), summary: undefined, sources: undefined } })));
    // Whole-node fields asked for through fragments only, and edge details through a named fragment.
    const viaFragments = (
      await api.client.request<Page>(`
      fragment Why on RelationEdge { evidence }
      { entity(key: "${busy}") { relations(first: 100) { edges { ...Why node { key ... on Entity { summary } } } } } }
    `)
    ).entity.relations.edges;
    for (const edge of viaFragments) {
      expect((edge.evidence as string).length).toBeGreaterThan(0);
      expect((edge.node as { summary: string }).summary.length).toBeGreaterThan(0);
    }
    // A slim node's own relations still come from its key.
    const nested = await page('node { key relations(first: 1, direction: OUT) { totalCount } }');
    for (const edge of nested) {
      const { key, relations } = edge.node as { key: string; relations: { totalCount: number } };
      expect(relations.totalCount, key).toBe((await storedEdges(key, { direction: 'OUT' })).length);
    }
  });

  it('rejects a cursor from another list (an entities cursor) with BAD_USER_INPUT', async () => {
    const { entities } = await api.client.request<{ entities: { pageInfo: { endCursor: string } } }>(
      gql`{ entities(first: 2) { pageInfo { endCursor } } }`,
    );
    const error = await relations(busy, { after: entities.pageInfo.endCursor }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClientError);
    const [first] = (error as ClientError).response.errors ?? [];
    expect(first?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(first?.message).toMatch(/cursor/i);
  });

  it('rejects a relations cursor passed to entities with BAD_USER_INPUT', async () => {
    const connection = await relations(busy, { first: 2 });
    const error = await api.client
      .request(gql`query ($after: String) { entities(after: $after) { totalCount } }`, { after: connection.pageInfo.endCursor })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
