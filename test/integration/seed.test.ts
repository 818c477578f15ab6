import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Graph } from '../../src/graph/database.js';
import { type Seed, SeedValidationError } from '../../src/graph/seed-model.js';
import type { SeedCounts } from '../../src/graph/seed-writer.js';
import { ENTITY_KINDS, KIND_LABELS } from '../../src/graph/vocabulary.js';
import { defaultSeedDir, loadSeedData } from '../../src/seed/files.js';
import { loadSeed } from '../../src/seed/load.js';
import { testGraph } from '../helpers/test-graph.js';

/**
 * Loads the real seed into the test Neo4j and checks what lands there: counts, idempotency,
 * atomicity, that data added by other means survives a reload, and a few facts from the article.
 * Other test files expect a freshly seeded graph, so afterAll reseeds with reset (and force: it
 * wipes whatever curated data tests left). Curated data and the seed: seed-curated.test.ts.
 */

type Props = Record<string, unknown>;

/** Sorts object keys recursively so JSON strings compare equal regardless of property order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Props)[key])]),
    );
  }
  return value;
}

/** The whole graph as sorted strings: every node (labels + properties) and relationship (type, ends, properties). */
async function snapshot(graph: Graph): Promise<{ nodes: string[]; relationships: string[] }> {
  const nodes = await graph.read<{ labels: string[]; props: Props }>('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props', {});
  const relationships = await graph.read<{ type: string; from: Props; to: Props; props: Props }>(
    `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, properties(r) AS props,
            coalesce(a.key, properties(a)) AS from, coalesce(b.key, properties(b)) AS to`,
    {},
  );
  const encode = (value: unknown) => JSON.stringify(canonical(value));
  return {
    nodes: nodes.map((n) => encode({ labels: [...n.labels].sort(), props: n.props })).sort(),
    relationships: relationships.map(encode).sort(),
  };
}

/** Tallies `items` by `keyOf`, as a plain record. */
function tally<T>(items: T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

describe('loading the seed into Neo4j', () => {
  let graph: Graph;
  let seed: Seed;
  let counts: SeedCounts;
  const tempDirs: string[] = [];

  /** A copy of the real seed directory, with `edit` applied to the parsed YAML of named files. */
  function editedSeedDir(edits: Record<string, (content: Props) => void>): string {
    const dir = mkdtempSync(join(tmpdir(), 'kg-seed-'));
    tempDirs.push(dir);
    cpSync(defaultSeedDir(), dir, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const content = parse(readFileSync(join(dir, file), 'utf8')) as Props;
      edit(content);
      writeFileSync(join(dir, file), stringify(content));
    }
    return dir;
  }

  const entitiesOf = (content: Props) => content.entities as Props[];
  const entity = (content: Props, key: string) => {
    const found = entitiesOf(content).find((e) => e.key === key);
    if (!found) throw new Error(`test setup: no entity ${key}`);
    return found;
  };

  beforeAll(async () => {
    graph = testGraph(20_000);
    seed = loadSeedData();
    counts = await loadSeed(graph, { reset: true, force: true });
  });

  afterAll(async () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    try {
      await loadSeed(graph, { reset: true, force: true });
    } finally {
      await graph.driver.close();
    }
  });

  it('writes one entity per seed entry, with the Entity label and its kind label, and covers every kind', async () => {
    const rows = await graph.read<{ kind: string; labels: string[] }>('MATCH (n:Entity) RETURN n.kind AS kind, labels(n) AS labels', {});
    expect(tally(rows, (r) => r.kind)).toEqual(tally(seed.entities, (e) => e.kind));
    for (const row of rows) expect([...row.labels].sort()).toEqual(['Entity', KIND_LABELS[row.kind as keyof typeof KIND_LABELS]].sort());
    // The counts loadSeed reports are the graph's own.
    expect(counts.byKind).toEqual(tally(rows, (r) => r.kind));
    const kinds = new Set(rows.map((r) => r.kind));
    expect(ENTITY_KINDS.filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('writes every relationship, salary range and the article, as the source every seeded fact cites', async () => {
    const relations = await graph.read<{ type: string }>('MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type', {});
    expect(tally(relations, (r) => r.type)).toEqual(tally(seed.relations, (r) => r.type));
    expect(counts.byType).toEqual(tally(seed.relations, (r) => r.type));
    const salaries = await graph.read<{ key: string; owners: number }>(
      'MATCH (s:SalaryRange) OPTIONAL MATCH (o:Entity)-[:HAS_SALARY]->(s) RETURN s.key AS key, count(o) AS owners',
      {},
    );
    expect(salaries).toHaveLength(seed.salaries.length);
    for (const salary of salaries) expect(salary.owners).toBe(1);
    const sources = await graph.read<{ props: Props }>('MATCH (s:Source) RETURN properties(s) AS props', {});
    expect(sources).toEqual([{ props: { key: 'article', ...seed.source, seeded: true } }]);
    expect(await graph.read('MATCH (a:Article) RETURN count(a) AS n', {})).toEqual([{ n: 0 }]);
    const citing = await graph.read<{ sources: string[]; n: number }>(
      'MATCH (:Entity)-[r]->(:Entity) RETURN r.sources AS sources, count(*) AS n UNION ALL MATCH (e:Entity) RETURN e.sources AS sources, count(*) AS n',
      {},
    );
    expect(citing).toEqual([
      { sources: ['article'], n: seed.relations.length },
      { sources: ['article'], n: seed.entities.length },
    ]);
  });

  it('leaves no entity without a relationship', async () => {
    const isolated = await graph.read<{ key: string }>('MATCH (n:Entity) WHERE NOT (n)--() RETURN n.key AS key', {});
    expect(isolated).toEqual([]);
  });

  it('records basis, evidence and section on every relationship between entities, mostly STATED', async () => {
    const rows = await graph.read<{ id: string; basis: unknown; evidence: unknown; section: unknown }>(
      `MATCH (a:Entity)-[r]->(b:Entity)
       RETURN a.key + ' -' + type(r) + '-> ' + b.key AS id, r.basis AS basis, r.evidence AS evidence, r.section AS section`,
      {},
    );
    expect(rows.length).toBeGreaterThan(0);
    const bad = rows.filter(
      (r) =>
        !['STATED', 'INFERRED'].includes(r.basis as string) ||
        typeof r.evidence !== 'string' ||
        r.evidence.trim() === '' ||
        typeof r.section !== 'string' ||
        r.section.trim() === '',
    );
    expect(bad).toEqual([]);
    const stated = rows.filter((r) => r.basis === 'STATED').length;
    expect(stated / rows.length).toBeGreaterThan(0.5);
  });

  describe('facts from the article', () => {
    const targets = async (from: string, type: string) =>
      (await graph.read<{ key: string }>(`MATCH (:Entity {key: $from})-[:${type}]->(t) RETURN t.key AS key ORDER BY key`, { from })).map(
        (r) => r.key,
      );

    it('Django is written in Python', async () => {
      expect(await targets('django', 'WRITTEN_IN')).toEqual(['python']);
    });

    it('Express.js is built on Node.js', async () => {
      expect(await targets('express-js', 'BUILT_ON')).toEqual(['node-js']);
    });

    const salary = async (owner: string, region: string, period: string) =>
      graph.read<Props>(
        `MATCH (:Entity {key: $owner})-[:HAS_SALARY]->(s:SalaryRange {region: $region, period: $period})
         RETURN s.min AS min, s.max AS max, s.currency AS currency`,
        { owner, region, period },
      );

    it('a senior in the US earns 110,000 to 150,000 USD a year', async () => {
      expect(await salary('senior', 'US', 'YEAR')).toEqual([{ min: 110000, max: 150000, currency: 'USD' }]);
    });

    it('a freelancer in Canada charges 40 to 120 CAD an hour', async () => {
      expect(await salary('freelance', 'CANADA', 'HOUR')).toEqual([{ min: 40, max: 120, currency: 'CAD' }]);
    });
  });

  it('creates the entity_search full-text index and the unique constraint on Entity.key', async () => {
    const indexes = await graph.read<Props>(
      "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state WHERE name = 'entity_search' RETURN type, labelsOrTypes, properties, state",
      {},
    );
    expect(indexes).toEqual([
      { type: 'FULLTEXT', labelsOrTypes: ['Entity'], properties: expect.arrayContaining(['name']), state: 'ONLINE' },
    ]);
    const constraints = await graph.read<{ type: string }>(
      "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE labelsOrTypes = ['Entity'] AND properties = ['key'] RETURN type",
      {},
    );
    expect(constraints).toEqual([{ type: expect.stringMatching(/UNIQUENESS/) }]);
  });

  it('is idempotent: loading again changes no node, relationship or property, only the graph version', async () => {
    const version = async () =>
      (await graph.read<{ version: string }>("MATCH (m:GraphMeta {key: 'graph'}) RETURN m.version AS version", {}))[0]?.version;
    // The version tells running servers to drop their caches; everything else must stay as it was.
    const content = (shot: Awaited<ReturnType<typeof snapshot>>) => ({
      ...shot,
      nodes: shot.nodes.filter((n) => !n.includes('"GraphMeta"')),
    });
    const before = await snapshot(graph);
    const versionBefore = await version();
    expect(before.nodes.length).toBeGreaterThan(seed.entities.length);
    await loadSeed(graph);
    expect(content(await snapshot(graph))).toEqual(content(before));
    expect(await version()).not.toBe(versionBefore);
  });

  describe('atomicity', () => {
    it('writes nothing when a seed file is invalid', async () => {
      const dir = editedSeedDir({
        'frameworks.yaml': (content) => {
          const django = entity(content, 'django');
          django.summary = 'Changed, and must not be written.';
          (django.relations as Props[]).push({
            type: 'SUPPORTS',
            to: 'no-such-key',
            basis: 'STATED',
            evidence: 'x',
            section: 'Frameworks',
          });
        },
      });
      const before = await snapshot(graph);
      const error = await loadSeed(graph, { dir, reset: true, force: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeedValidationError);
      expect((error as SeedValidationError).problems).toEqual([
        {
          file: 'frameworks.yaml',
          entry: expect.stringMatching(/^django relations\[\d+\]$/),
          problem: expect.stringContaining('"no-such-key"'),
        },
      ]);
      expect(await snapshot(graph)).toEqual(before);
    });

    it('leaves a foreign entity whose key the seed wants as it is, reports it, and loads the rest', async () => {
      await graph.driver.executeQuery("CREATE (:Entity {key: 'brand-new-tool', name: 'foreign'})", {}, { database: graph.database });
      try {
        const dir = editedSeedDir({
          'frameworks.yaml': (content) => {
            entity(content, 'django').summary = 'Changed by this test.';
            entitiesOf(content).push({ key: 'brand-new-tool', name: 'Brand New Tool', summary: 'New.', sections: ['Frameworks'] });
          },
        });
        const loaded = await loadSeed(graph, { dir });
        expect(loaded.conflicts).toEqual({
          keptEntities: ['brand-new-tool'],
          keptSalaries: [],
          keptLinks: [],
          removed: [],
          keptSources: [],
        });
        expect(await graph.read("MATCH (n:Entity {key: 'brand-new-tool'}) RETURN properties(n) AS props", {})).toEqual([
          { props: { key: 'brand-new-tool', name: 'foreign' } },
        ]);
        expect(await graph.read("MATCH (n:Entity {key: 'django'}) RETURN n.summary AS summary", {})).toEqual([
          { summary: 'Changed by this test.' },
        ]);
      } finally {
        await graph.driver.executeQuery("MATCH (n:Entity {key: 'brand-new-tool'}) DETACH DELETE n", {}, { database: graph.database });
        await loadSeed(graph);
      }
    });

    // A database error after several statements of the write transaction have run: a temporary
    // uniqueness constraint on summaries makes the last kind's upsert fail, once the earlier kinds
    // (and, with reset, the wipe) have already been applied inside the transaction.
    it.each([false, true])('rolls back everything when a statement fails mid-transaction (reset: %s)', async (reset) => {
      const firstKindSummary = seed.entities[0]?.summary;
      expect(seed.entities[1]?.kind).toBe(seed.entities[0]?.kind);
      const lastFile = 'version-control.yaml';
      expect(seed.entities.at(-1)?.kind).toBe('VERSION_CONTROL'); // the file written last
      await graph.driver.executeQuery(
        'CREATE CONSTRAINT test_unique_summary IF NOT EXISTS FOR (n:Entity) REQUIRE n.summary IS UNIQUE',
        {},
        { database: graph.database },
      );
      try {
        const dir = editedSeedDir({
          // Written early in the transaction: must be rolled back.
          'api-styles.yaml': (content) => {
            (entitiesOf(content)[1] as Props).summary = 'Changed, and must not be written.';
          },
          // Written last: collides with the unchanged summary of the very first entity.
          [lastFile]: (content) => {
            (entitiesOf(content)[0] as Props).summary = firstKindSummary;
          },
        });
        const before = await snapshot(graph);
        await expect(loadSeed(graph, { dir, reset, force: true })).rejects.toThrow(/already exists/);
        expect(await snapshot(graph)).toEqual(before);
      } finally {
        await graph.driver.executeQuery('DROP CONSTRAINT test_unique_summary IF EXISTS', {}, { database: graph.database });
      }
    });
  });

  it('keeps data added by other means on reload, and removes it only with reset', async () => {
    await graph.driver.executeQuery(
      "CREATE (:Note {text: 'mine'}) CREATE (:Entity {key: 'user-added', name: 'x'})",
      {},
      { database: graph.database },
    );
    const own = async () =>
      graph.read<{ what: string }>(
        "MATCH (n) WHERE n:Note AND n.text = 'mine' OR n:Entity AND n.key = 'user-added' RETURN coalesce(n.text, n.key) AS what ORDER BY what",
        {},
      );
    expect(await own()).toEqual([{ what: 'mine' }, { what: 'user-added' }]);
    const counts = await loadSeed(graph);
    expect(await own()).toEqual([{ what: 'mine' }, { what: 'user-added' }]);
    // The printed counts describe what the seed owns, not the foreign entity.
    expect(Object.values(counts.byKind).reduce((a, b) => a + b, 0)).toBe(seed.entities.length);
    expect(counts.byKind).not.toHaveProperty('null');
    expect(await graph.read('MATCH (n:Entity {key: $key}) RETURN n.seeded AS seeded', { key: 'user-added' })).toEqual([{ seeded: null }]);
    // The seeded entities are all still there alongside the foreign one.
    expect(await graph.read('MATCH (n:Entity) WHERE n.seeded = true RETURN count(n) AS n', {})).toEqual([{ n: seed.entities.length }]);
    await loadSeed(graph, { reset: true, force: true });
    expect(await own()).toEqual([]);
  });
});
