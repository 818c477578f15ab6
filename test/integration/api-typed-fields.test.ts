import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS, type EntityKind, KIND_LABELS } from '../../src/graph/vocabulary.js';
import { TYPED_RELATIONS, type TypedRelation } from '../../src/schema/typed-relations.js';
import { mapLimit } from '../helpers/map-limit.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * Every named relationship field of every kind (TYPED_RELATIONS), in both directions. The
 * expected keys come from Cypher that follows the field spec (types, direction, kinds at the
 * other end); the tests are generated from the spec, so a new field is covered automatically.
 */

interface Case {
  kind: EntityKind;
  spec: TypedRelation;
}

const CASES: Case[] = ENTITY_KINDS.flatMap((kind) => TYPED_RELATIONS[kind].map((spec) => ({ kind, spec })));
const label = ({ kind, spec }: Case) => `${KIND_LABELS[kind]}.${spec.name}`;

type Ref = { key: string; kind: string; __typename: string };
type Value = Ref | Ref[] | null;

/** The Cypher pattern of a spec, seen from `p`: OUT follows the stored direction, IN goes against it. */
const pattern = (spec: TypedRelation) => (spec.direction === 'OUT' ? '(p)-[r]->(o:Entity)' : '(p)<-[r]-(o:Entity)');

const keysOf = (value: Value) => (value === null ? [] : Array.isArray(value) ? value.map((ref) => ref.key) : [value.key]);

describe('typed relationship fields', () => {
  let api: SeededServer;
  /** Per case: expected keys at the other end for every entity of the kind. */
  const expected = new Map<string, Map<string, string[]>>();
  /** Per case: an entity that has at least one such relationship, if any does. */
  const sample = new Map<string, string | null>();

  beforeAll(async () => {
    api = await startSeededServer();
    // One read per case, several at a time (they are independent; two query shapes in all).
    const results = await mapLimit(CASES, 8, (c) =>
      api.graph.read<{ key: string; others: string[]; links: number }>(
        `MATCH (p:Entity {kind: $kind})
           OPTIONAL MATCH ${pattern(c.spec)} WHERE type(r) IN $types AND o.kind IN $kinds
           RETURN p.key AS key, collect(DISTINCT o.key) AS others, count(r) AS links ORDER BY key`,
        { kind: c.kind, types: c.spec.types, kinds: c.spec.kinds },
      ),
    );
    CASES.forEach((c, i) => {
      const rows = results[i] ?? [];
      expected.set(label(c), new Map(rows.map((row) => [row.key, [...row.others].sort()])));
      // The sample is the entity with the most such relationships: the most to get wrong.
      const best = [...rows].sort((a, b) => b.links - a.links || a.key.localeCompare(b.key))[0];
      sample.set(label(c), best && best.links > 0 ? best.key : null);
    });
  });

  afterAll(async () => {
    await api.stop();
  });

  const fieldQuery = (c: Case) => `... on ${KIND_LABELS[c.kind]} { value: ${c.spec.name} { key kind __typename } }`;

  /** Checks one returned field value against the Cypher expectation for `key`. */
  function check(c: Case, key: string, value: Value) {
    const want = expected.get(label(c))?.get(key);
    expect(want, `${label(c)} of ${key}: no expectation`).toBeDefined();
    for (const ref of value === null ? [] : Array.isArray(value) ? value : [value]) {
      // Only the kinds the field promises, and as their own object types.
      expect(c.spec.kinds).toContain(ref.kind);
      expect(ref.__typename).toBe(KIND_LABELS[ref.kind as EntityKind]);
    }
    if (c.spec.single) {
      // A single field returns one of the matching entities, or null when there is none.
      expect(Array.isArray(value)).toBe(false);
      if (want?.length === 0) expect(value).toBeNull();
      else expect(want).toContain((value as Ref).key);
    } else {
      expect(Array.isArray(value)).toBe(true);
      // Set equality here; repeats are checked by their own test below.
      expect([...new Set(keysOf(value))].sort(), `${label(c)} of ${key}`).toEqual(want);
    }
  }

  it.each(CASES.map((c) => [label(c), c] as const))('%s matches Cypher for an entity that has such a relationship', async (_name, c) => {
    // Falls back to the first entity of the kind (expecting []) when no seed entity has one.
    const key = sample.get(label(c)) ?? [...(expected.get(label(c))?.keys() ?? [])][0];
    expect(key).toBeDefined();
    const { entity } = await api.client.request<{ entity: { value: Value } }>(
      gql`query ($key: String!) { entity(key: $key) { ${fieldQuery(c)} } }`,
      { key },
    );
    check(c, key as string, entity.value);
  });

  it.each(CASES.map((c) => [label(c), c] as const))(
    '%s matches Cypher for every entity of the kind, in one batched request',
    async (_name, c) => {
      const { entities } = await api.client.request<{ entities: { nodes: ({ key: string } & { value: Value })[] } }>(
        gql`query ($kind: EntityKind!) { entities(kind: $kind, first: 100) { nodes { key ${fieldQuery(c)} } } }`,
        { kind: c.kind },
      );
      expect(entities.nodes.map((node) => node.key)).toEqual([...(expected.get(label(c))?.keys() ?? [])]);
      for (const node of entities.nodes) check(c, node.key, node.value);
    },
  );

  it('list fields never repeat an entity, even when it is linked by several relationship types', async () => {
    // e.g. a tool linked to a concept by two of Concept.tools' types must still be listed once.
    const lists = CASES.filter((candidate) => !candidate.spec.single);
    // Independent requests: several in flight at once rather than one after another.
    const answers = await mapLimit(lists, 8, (c) =>
      api.client.request<{ entities: { nodes: { key: string; value: Ref[] }[] } }>(
        gql`query ($kind: EntityKind!) { entities(kind: $kind, first: 100) { nodes { key ${fieldQuery(c)} } } }`,
        { kind: c.kind },
      ),
    );
    const repeats: string[] = [];
    lists.forEach((c, i) => {
      for (const node of answers[i]?.entities.nodes ?? []) {
        const keys = node.value.map((ref) => ref.key);
        const twice = keys.filter((key, j) => keys.indexOf(key) !== j);
        if (twice.length > 0) repeats.push(`${label(c)} of ${node.key}: ${twice.join(', ')}`);
      }
    });
    expect(answers).toHaveLength(lists.length);
    expect(repeats).toEqual([]);
  });

  it('fields no seed entity has a relationship for still answer [] (or null)', async () => {
    const empty = CASES.filter((c) => sample.get(label(c)) === null);
    // Most fields have data; the rest must still resolve cleanly.
    expect(empty.length).toBeLessThan(CASES.length);
    for (const c of empty) {
      const key = [...(expected.get(label(c))?.keys() ?? [])][0] as string;
      const { entity } = await api.client.request<{ entity: { value: Value } }>(
        gql`query ($key: String!) { entity(key: $key) { ${fieldQuery(c)} } }`,
        { key },
      );
      expect(entity.value, label(c)).toEqual(c.spec.single ? null : []);
    }
  });

  describe('inverse consistency', () => {
    it('Language.frameworks of python contains django and flask', async () => {
      const { entity } = await api.client.request<{ entity: { frameworks: { key: string }[] } }>(
        gql`{ entity(key: "python") { ... on Language { frameworks { key } } } }`,
      );
      expect(entity.frameworks.map((f) => f.key)).toEqual(expect.arrayContaining(['django', 'flask']));
    });

    it('Framework.language: django is written in Python, Express.js in JavaScript (it is built on Node.js, a JavaScript runtime)', async () => {
      const { django, express } = await api.client.request<{ django: { language: Ref | null }; express: { language: Ref | null } }>(gql`
        {
          django: entity(key: "django") { ... on Framework { language { key kind __typename } } }
          express: entity(key: "express-js") { ... on Framework { language { key kind __typename } } }
        }
      `);
      expect(django.language).toEqual({ key: 'python', kind: 'LANGUAGE', __typename: 'Language' });
      expect(express.language).toEqual({ key: 'javascript', kind: 'LANGUAGE', __typename: 'Language' });
    });

    it('every framework listed under a language names that language back (and vice versa)', async () => {
      const { languages, frameworks } = await api.client.request<{
        languages: { nodes: { key: string; frameworks: { key: string }[] }[] };
        frameworks: { nodes: { key: string; language: { key: string } | null }[] };
      }>(gql`
        {
          languages: entities(kind: LANGUAGE, first: 100) { nodes { key ... on Language { frameworks { key } } } }
          frameworks: entities(kind: FRAMEWORK, first: 100) { nodes { key ... on Framework { language { key } } } }
        }
      `);
      // Each framework's `language` is one of the languages that list it, and only listed frameworks have one.
      const listedBy = new Map<string, string[]>();
      for (const language of languages.nodes) {
        for (const framework of language.frameworks) listedBy.set(framework.key, [...(listedBy.get(framework.key) ?? []), language.key]);
      }
      expect(listedBy.size).toBeGreaterThan(0);
      for (const framework of frameworks.nodes) {
        if (framework.language) expect(listedBy.get(framework.key)).toContain(framework.language.key);
        else expect(listedBy.has(framework.key)).toBe(false);
      }
    });
  });
});
