import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_LABELS } from '../../src/graph/vocabulary.js';
import { loadSeedData } from '../../src/seed/files.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * path(from, to, maxHops), neighborhood(key, depth, limit), salaries(region, appliesTo) and the
 * SeniorityLevel extras (salaries, years, expectedBeyond). Article facts are asserted as stated;
 * everything else is computed from Cypher or the seed files.
 */

interface Ref {
  key: string;
  kind: string;
}

interface Step {
  from: Ref;
  to: Ref;
  type: string;
  basis: string;
  evidence: string;
  section: string;
}

interface Path {
  length: number;
  steps: Step[];
}

interface Subgraph {
  nodes: (Ref & { id: string })[];
  edges: { from: string; to: string; type: string }[];
}

interface Salary {
  appliesTo: Ref;
  region: string;
  currency: string;
  period: string;
  min: number;
  max: number;
  typical: number | null;
  section: string;
}

const PATH = gql`
  query ($from: String!, $to: String!, $maxHops: Int) {
    path(from: $from, to: $to, maxHops: $maxHops) {
      length
      steps { from { key kind } to { key kind } type basis evidence section }
    }
  }
`;

const NEIGHBORHOOD = gql`
  query ($key: String!, $depth: Int, $limit: Int) {
    neighborhood(key: $key, depth: $depth, limit: $limit) { nodes { id key kind } edges { from to type } }
  }
`;

const SALARY = 'appliesTo { key kind } region currency period min max typical section';
/** A salary as a comparable string, from the API or from the seed file. */
const salaryId = (s: {
  appliesTo: string | Ref;
  region: string;
  currency: string;
  period: string;
  min: number;
  max: number;
  typical: number | null;
}) =>
  `${typeof s.appliesTo === 'string' ? s.appliesTo : s.appliesTo.key}/${s.region}/${s.currency}/${s.period}/${s.min}-${s.max}/${s.typical}`;

const globalId = (kind: string, key: string) => Buffer.from(`${KIND_LABELS[kind as keyof typeof KIND_LABELS]}:${key}`).toString('base64');

describe('paths, neighborhoods and salaries', () => {
  let api: SeededServer;

  const path = async (from: string, to: string, maxHops?: number) =>
    (await api.client.request<{ path: Path | null }>(PATH, { from, to, maxHops })).path;

  const neighborhood = async (key: string, depth?: number, limit?: number) =>
    (await api.client.request<{ neighborhood: Subgraph }>(NEIGHBORHOOD, { key, depth, limit })).neighborhood;

  /** Length of the shortest undirected path between two entities within `maxHops`, or null. */
  async function shortestLength(from: string, to: string, maxHops: number): Promise<number | null> {
    const [row] = await api.graph.read<{ length: number }>(
      `MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
       MATCH p = shortestPath((a)-[*..${maxHops}]-(b))
       RETURN length(p) AS length`,
      { from, to },
    );
    return row?.length ?? null;
  }

  /** Checks a path is a chain of stored relationships from `from` to `to`, each with evidence. */
  async function checkChain(result: Path, from: string, to: string) {
    expect(result.length).toBe(result.steps.length);
    let at = from;
    for (const step of result.steps) {
      // Steps keep their stored direction, so the walk may enter a step from either end.
      expect([step.from.key, step.to.key]).toContain(at);
      at = step.from.key === at ? step.to.key : step.from.key;
      expect(step.evidence.trim()).not.toBe('');
      expect(step.section.trim()).not.toBe('');
      const stored = await api.graph.read<{ evidence: string }>(
        `MATCH (:Entity {key: $from})-[r]->(:Entity {key: $to}) WHERE type(r) = $type RETURN r.evidence AS evidence`,
        { from: step.from.key, to: step.to.key, type: step.type },
      );
      expect(stored.map((row) => row.evidence)).toEqual([step.evidence]);
    }
    expect(at).toBe(to);
  }

  beforeAll(async () => {
    api = await startSeededServer();
  });

  afterAll(async () => {
    await api.stop();
  });

  describe('path', () => {
    it('Docker supports scalability: one step, with evidence (as the article states)', async () => {
      const result = await path('docker', 'scalability');
      expect(result).toMatchObject({ length: 1, steps: [{ from: { key: 'docker' }, type: 'SUPPORTS', to: { key: 'scalability' } }] });
      expect(result?.steps[0]?.evidence.trim()).not.toBe('');
      expect(result?.steps[0]?.basis).toBe('STATED');
    });

    it('follows a relationship against its stored direction too', async () => {
      const result = await path('scalability', 'docker');
      expect(result?.length).toBe(1);
      await checkChain(result as Path, 'scalability', 'docker');
    });

    it('finds shortest chains of the length Cypher finds, each step a stored relationship', async () => {
      const pairs: [string, string][] = [
        ['django', 'junior'],
        ['python', 'security'],
        ['git', 'mentoring-juniors'],
        ['freelance', 'postgresql'],
      ];
      for (const [from, to] of pairs) {
        const expected = await shortestLength(from, to, 4);
        const result = await path(from, to);
        expect(result?.length ?? null, `${from} → ${to}`).toBe(expected);
        if (result) await checkChain(result, from, to);
      }
    });

    it('is null when no path exists within maxHops', async () => {
      // Two entities that are not directly linked, but are linked further away.
      const [pair] = await api.graph.read<{ a: string; b: string }>(
        `MATCH (a:Entity {key: 'django'}), (b:Entity)
         WHERE a <> b AND NOT (a)--(b) AND EXISTS { MATCH (a)--()--(b) }
         RETURN a.key AS a, b.key AS b ORDER BY b LIMIT 1`,
        {},
      );
      expect(pair).toBeDefined();
      const { a, b } = pair as { a: string; b: string };
      expect(await path(a, b, 1)).toBeNull();
      expect((await path(a, b, 2))?.length).toBe(2);
    });

    it('from an entity to itself has length 0 and no steps', async () => {
      expect(await path('python', 'python')).toEqual({ length: 0, steps: [] });
    });

    it('is null for an unknown key at either end', async () => {
      expect(await path('no-such-entity', 'python')).toBeNull();
      expect(await path('python', 'no-such-entity')).toBeNull();
      expect(await path('no-such-entity', 'no-such-entity')).toBeNull();
    });

    it('accepts the largest maxHops (6)', async () => {
      const result = await path('git', 'junior', 6);
      expect(result?.length ?? null).toBe(await shortestLength('git', 'junior', 6));
    });
  });

  describe('neighborhood', () => {
    /** Keys within `depth` hops of `key`, from Cypher. */
    const within = async (key: string, depth: number) =>
      (
        await api.graph.read<{ key: string }>(
          `MATCH (c:Entity {key: $key})-[*1..${depth}]-(n:Entity) WHERE n <> c RETURN DISTINCT n.key AS key ORDER BY key`,
          { key },
        )
      ).map((row) => row.key);

    /** Stored relationships among `keys`, as global-id edges. */
    async function edgesAmong(keys: string[]) {
      const rows = await api.graph.read<{ from: string; fromKind: string; to: string; toKind: string; type: string }>(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.key IN $keys AND b.key IN $keys
         RETURN a.key AS from, a.kind AS fromKind, b.key AS to, b.kind AS toKind, type(r) AS type`,
        { keys },
      );
      return rows.map((r) => `${globalId(r.fromKind, r.from)} ${r.type} ${globalId(r.toKind, r.to)}`).sort();
    }

    const edgeIds = (graph: Subgraph) => graph.edges.map((e) => `${e.from} ${e.type} ${e.to}`).sort();

    it('depth 1 of docker: docker first, then its direct neighbours, and every relationship among them', async () => {
      const graph = await neighborhood('docker', 1);
      expect(graph.nodes[0]?.key).toBe('docker');
      const keys = graph.nodes.map((n) => n.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.slice(1).sort()).toEqual(await within('docker', 1));
      const ids = new Set(graph.nodes.map((n) => n.id));
      for (const edge of graph.edges) {
        expect(ids.has(edge.from)).toBe(true);
        expect(ids.has(edge.to)).toBe(true);
      }
      expect(edgeIds(graph)).toEqual(await edgesAmong(keys));
    });

    it('node ids in a neighbourhood are the global ids node(id) accepts', async () => {
      const graph = await neighborhood('docker', 1);
      const { nodes } = await api.client.request<{ nodes: ({ key: string } | null)[] }>(
        gql`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { key } } }`,
        { ids: graph.nodes.map((n) => n.id) },
      );
      expect(nodes.map((n) => n?.key)).toEqual(graph.nodes.map((n) => n.key));
    });

    it('depth 2 reaches what Cypher reaches in two hops', async () => {
      const graph = await neighborhood('docker', 2, 500);
      expect(graph.nodes[0]?.key).toBe('docker');
      expect(
        graph.nodes
          .slice(1)
          .map((n) => n.key)
          .sort(),
      ).toEqual(await within('docker', 2));
      expect(edgeIds(graph)).toEqual(await edgesAmong(graph.nodes.map((n) => n.key)));
    });

    it('respects limit: limit 3 gives at most 3 nodes, the centre first, edges only among them', async () => {
      expect((await within('docker', 1)).length).toBeGreaterThan(3);
      const graph = await neighborhood('docker', 1, 3);
      expect(graph.nodes).toHaveLength(3);
      expect(graph.nodes[0]?.key).toBe('docker');
      const ids = new Set(graph.nodes.map((n) => n.id));
      for (const edge of graph.edges) expect(ids.has(edge.from) && ids.has(edge.to)).toBe(true);
      expect(edgeIds(graph)).toEqual(await edgesAmong(graph.nodes.map((n) => n.key)));
    });

    it('expands breadth-first: capped below the first level, it keeps only direct neighbours, by key', async () => {
      const direct = await within('security', 1);
      expect(direct.length).toBeGreaterThan(6);
      const graph = await neighborhood('security', 3, 6);
      expect(graph.nodes.map((n) => n.key)).toEqual(['security', ...direct.slice(0, 5)]);
    });

    it('expands breadth-first: every direct neighbour comes before any node two hops away', async () => {
      const direct = await within('docker', 1);
      const graph = await neighborhood('docker', 2, direct.length + 5);
      const keys = graph.nodes.map((n) => n.key);
      expect(keys.slice(1, direct.length + 1)).toEqual(direct);
      expect(keys).toHaveLength(direct.length + 5);
      for (const key of keys.slice(direct.length + 1)) expect(direct).not.toContain(key);
    });

    it('limit 1 is the centre alone', async () => {
      const graph = await neighborhood('docker', 1, 1);
      expect(graph.nodes.map((n) => n.key)).toEqual(['docker']);
      expect(graph.edges).toEqual([]);
    });

    it('is empty for an unknown key', async () => {
      expect(await neighborhood('no-such-entity')).toEqual({ nodes: [], edges: [] });
    });
  });

  describe('salaries', () => {
    const seed = loadSeedData();
    const salaries = async (variables: { region?: string; appliesTo?: string }) =>
      (
        await api.client.request<{ salaries: Salary[] }>(
          gql`query ($region: Region, $appliesTo: String) { salaries(region: $region, appliesTo: $appliesTo) { ${SALARY} } }`,
          variables,
        )
      ).salaries;

    it('returns every range in the seed when unfiltered', async () => {
      const all = await salaries({});
      expect(all.map(salaryId).sort()).toEqual(seed.salaries.map(salaryId).sort());
    });

    it('a senior in the US earns 110,000 to 150,000 USD a year (as the article states)', async () => {
      const rows = await salaries({ region: 'US', appliesTo: 'senior' });
      expect(rows).toEqual([
        expect.objectContaining({
          appliesTo: { key: 'senior', kind: 'SENIORITY_LEVEL' },
          region: 'US',
          currency: 'USD',
          period: 'YEAR',
          min: 110000,
          max: 150000,
        }),
      ]);
      expect(rows[0]?.section.trim()).not.toBe('');
    });

    it('a US freelancer typically charges 60 USD an hour (as the article states)', async () => {
      const rows = await salaries({ region: 'US', appliesTo: 'freelance' });
      expect(rows).toEqual([expect.objectContaining({ period: 'HOUR', currency: 'USD', typical: 60 })]);
    });

    it('the region filter keeps only that region, in its currency', async () => {
      for (const [region, currency] of [
        ['US', 'USD'],
        ['CANADA', 'CAD'],
      ] as const) {
        const rows = await salaries({ region });
        expect(rows.map(salaryId).sort()).toEqual(
          seed.salaries
            .filter((s) => s.region === region)
            .map(salaryId)
            .sort(),
        );
        for (const row of rows) expect(row).toMatchObject({ region, currency });
      }
    });

    it('an unknown appliesTo key gives []', async () => {
      expect(await salaries({ appliesTo: 'no-such-entity' })).toEqual([]);
    });
  });

  describe('SeniorityLevel', () => {
    const seed = loadSeedData();

    it('salaries(region: CANADA) of senior lists its Canadian ranges only', async () => {
      const { entity } = await api.client.request<{ entity: { salaries: Salary[]; all: Salary[] } }>(gql`
        { entity(key: "senior") { ... on SeniorityLevel { salaries(region: CANADA) { ${SALARY} } all: salaries { ${SALARY} } } } }
      `);
      const expected = seed.salaries.filter((s) => s.appliesTo === 'senior' && s.region === 'CANADA');
      expect(expected.length).toBeGreaterThan(0);
      expect(entity.salaries.map((s) => `${s.region}/${s.currency}/${s.period}/${s.min}-${s.max}`)).toEqual(
        expected.map((s) => `${s.region}/${s.currency}/${s.period}/${s.min}-${s.max}`),
      );
      expect(entity.all.length).toBe(seed.salaries.filter((s) => s.appliesTo === 'senior').length);
    });

    it('salaries under many levels at once keep each level’s own ranges (batched by path)', async () => {
      const { entities } = await api.client.request<{ entities: { nodes: { key: string; salaries?: Salary[] }[] } }>(gql`
        { entities(kind: SENIORITY_LEVEL) { nodes { key ... on SeniorityLevel { salaries(region: US) { ${SALARY} } } } } }
      `);
      for (const level of entities.nodes) {
        const expected = seed.salaries.filter((s) => s.appliesTo === level.key && s.region === 'US').map(salaryId);
        expect(level.salaries?.map(salaryId).sort(), level.key).toEqual(expected.sort());
      }
    });

    it('HiringModel.salaries of freelance lists its hourly ranges', async () => {
      const { entity } = await api.client.request<{ entity: { salaries: Salary[] } }>(gql`
        { entity(key: "freelance") { ... on HiringModel { salaries { ${SALARY} } } } }
      `);
      expect(entity.salaries.map(salaryId).sort()).toEqual(
        seed.salaries
          .filter((s) => s.appliesTo === 'freelance')
          .map(salaryId)
          .sort(),
      );
    });

    it('yearsMin/yearsMax: junior 0 to 2, senior 5 and open-ended (as the article states)', async () => {
      const { junior, senior } = await api.client.request<{
        junior: { yearsMin: number; yearsMax: number | null };
        senior: { yearsMin: number; yearsMax: number | null };
      }>(gql`
        {
          junior: entity(key: "junior") { ... on SeniorityLevel { yearsMin yearsMax } }
          senior: entity(key: "senior") { ... on SeniorityLevel { yearsMin yearsMax } }
        }
      `);
      expect(junior).toEqual({ yearsMin: 0, yearsMax: 2 });
      expect(senior).toEqual({ yearsMin: 5, yearsMax: null });
    });

    it('expectedBeyond(level: "junior") of senior is what senior expects minus what junior expects', async () => {
      const expects = async (key: string) =>
        (await api.graph.read<{ key: string }>('MATCH (:Entity {key: $key})-[:EXPECTS]->(o:Entity) RETURN o.key AS key', { key })).map(
          (row) => row.key,
        );
      const juniorExpects = await expects('junior');
      const wanted = (await expects('senior')).filter((key) => !juniorExpects.includes(key)).sort();
      const { entity } = await api.client.request<{ entity: { expectedBeyond: Ref[] } }>(gql`
        { entity(key: "senior") { ... on SeniorityLevel { expectedBeyond(level: "junior") { key kind } } } }
      `);
      const got = entity.expectedBeyond.map((e) => e.key);
      expect(got.length).toBeGreaterThan(0);
      for (const key of juniorExpects) expect(got).not.toContain(key);
      expect([...got].sort()).toEqual(wanted);
      // The article: seniors design the system architecture and mentor juniors.
      expect(got).toEqual(expect.arrayContaining(['designing-system-architecture', 'mentoring-juniors']));
    });

    it('levels are cumulative: a senior carries everything a junior does, plus mentoring and leadership', async () => {
      const { senior, junior, mid } = await api.client.request<{
        senior: { expectedBeyond: Ref[] };
        junior: { expectedBeyond: Ref[] };
        mid: { expectedBeyond: Ref[] };
      }>(gql`
        {
          senior: entity(key: "senior") { ... on SeniorityLevel { expectedBeyond(level: "junior") { key } } }
          junior: entity(key: "junior") { ... on SeniorityLevel { expectedBeyond(level: "senior") { key } } }
          mid: entity(key: "mid-level") { ... on SeniorityLevel { expectedBeyond(level: "senior") { key } } }
        }
      `);
      expect(junior.expectedBeyond).toEqual([]);
      expect(mid.expectedBeyond).toEqual([]);
      expect(senior.expectedBeyond.map((e) => e.key)).toEqual(expect.arrayContaining(['mentoring-juniors', 'leadership']));
    });

    it('expectedBeyond of a level against itself is empty', async () => {
      const { entity } = await api.client.request<{ entity: { expectedBeyond: Ref[] } }>(gql`
        { entity(key: "senior") { ... on SeniorityLevel { expectedBeyond(level: "senior") { key } } } }
      `);
      expect(entity.expectedBeyond).toEqual([]);
    });

    it.each(['django', 'no-such-level'])('expectedBeyond(level: %j) is BAD_USER_INPUT, not a silent full list', async (level) => {
      const error = await api.client
        .request(
          gql`query Q($level: String!) { entity(key: "senior") { ... on SeniorityLevel { expectedBeyond(level: $level) { key } } } }`,
          {
            level,
          },
        )
        .then(
          () => null,
          (caught: { response?: { errors?: { extensions?: { code?: string } }[] } }) => caught,
        );
      expect(error?.response?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
