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
  /** Per case: the field's value for every entity of the kind, from `entities(kind:)`. */
  const listed = new Map<string, Map<string, Value>>();
  /** Per case: the field's value for its sample entity, from `entity(key:)`. */
  const looked = new Map<string, Value>();

  beforeAll(async () => {
    // Every field of a kind in one request (aliased f0, f1, ...): the cost and alias limits are raised for that.
    api = await startSeededServer({ MAX_COST: '1000000', MAX_ALIASES: '100' });
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
      // The sample is the entity with the most such relationships: the most to get wrong. With
      // none, the kind's first entity, which must then answer [] (or null).
      const best = [...rows].sort((a, b) => b.links - a.links || a.key.localeCompare(b.key))[0];
      sample.set(label(c), best && best.links > 0 ? best.key : null);
    });
    await mapLimit(ENTITY_KINDS, 4, fetchKind);
  });

  afterAll(async () => {
    await api.stop();
  });

  const sampleKey = (c: Case) => sample.get(label(c)) ?? [...(expected.get(label(c))?.keys() ?? [])][0];

  /** Two requests per kind: every entity of the kind with all its fields, and each field on its sample through `entity(key:)`. */
  async function fetchKind(kind: EntityKind) {
    const cases = CASES.filter((c) => c.kind === kind);
    if (cases.length === 0) return;
    const fields = cases.map((c, i) => `f${i}: ${c.spec.name} { key kind __typename }`).join(' ');
    const { entities } = await api.client.request<{ entities: { nodes: ({ key: string } & Record<string, Value>)[] } }>(
      gql`query ($kind: EntityKind!) { entities(kind: $kind, first: 100) { nodes { key ... on ${KIND_LABELS[kind]} { ${fields} } } } }`,
      { kind },
    );
    cases.forEach((c, i) => {
      listed.set(label(c), new Map(entities.nodes.map((node) => [node.key, node[`f${i}`] as Value])));
    });
    const lookups = cases
      .map(
        (c, i) =>
          `f${i}: entity(key: ${JSON.stringify(sampleKey(c))}) { ... on ${KIND_LABELS[kind]} { value: ${c.spec.name} { key kind __typename } } }`,
      )
      .join(' ');
    const roots = await api.client.request<Record<string, { value: Value }>>(`{ ${lookups} }`);
    cases.forEach((c, i) => {
      looked.set(label(c), roots[`f${i}`]?.value ?? null);
    });
  }

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

  it.each(CASES.map((c) => [label(c), c] as const))('%s matches Cypher for an entity that has such a relationship', (_name, c) => {
    const key = sampleKey(c);
    expect(key).toBeDefined();
    check(c, key as string, looked.get(label(c)) ?? null);
  });

  it.each(CASES.map((c) => [label(c), c] as const))(
    '%s matches Cypher for every entity of the kind, in one batched request',
    (_name, c) => {
      const values = listed.get(label(c));
      expect([...(values?.keys() ?? [])]).toEqual([...(expected.get(label(c))?.keys() ?? [])]);
      for (const [key, value] of values ?? []) check(c, key, value);
    },
  );

  it('list fields never repeat an entity, even when it is linked by several relationship types', () => {
    // e.g. a tool linked to a concept by two of Concept.tools' types must still be listed once.
    const repeats: string[] = [];
    const lists = CASES.filter((candidate) => !candidate.spec.single);
    for (const c of lists) {
      for (const [key, value] of listed.get(label(c)) ?? []) {
        const keys = keysOf(value);
        const twice = keys.filter((other, j) => keys.indexOf(other) !== j);
        if (twice.length > 0) repeats.push(`${label(c)} of ${key}: ${twice.join(', ')}`);
      }
    }
    expect(lists.every((c) => listed.has(label(c)))).toBe(true);
    expect(repeats).toEqual([]);
  });

  it('fields no seed entity has a relationship for still answer [] (or null)', () => {
    const empty = CASES.filter((c) => sample.get(label(c)) === null);
    // Most fields have data; the rest must still resolve cleanly.
    expect(empty.length).toBeLessThan(CASES.length);
    for (const c of empty) expect(looked.get(label(c)), label(c)).toEqual(c.spec.single ? null : []);
  });

  it('answers what the article says, written out by hand (not derived from the field specs)', async () => {
    const keys = (list: { key: string }[]) => list.map((item) => item.key);
    const data = await api.client.request<Record<string, Record<string, { key: string }[]>>>(gql`
      {
        python: entity(key: "python") { ... on Language { frameworks { key } runtimes { key } } }
        node: entity(key: "node-js") { ... on Language { runs { key } frameworks { key } } }
        senior: entity(key: "senior") { ... on SeniorityLevel { mentors { key } drawbacks { key } suits { key } } }
        security: entity(key: "ensuring-security") { ... on Responsibility { skills { key } traits { key } sameAsOf { key } } }
        encryption: entity(key: "encryption") { ... on Concept { partOf { key } } }
        inHouse: entity(key: "in-house") { ... on HiringModel { drawbacks { key } suits { key } } }
      }
    `);
    const answers = Object.fromEntries(
      Object.entries(data).map(([alias, fields]) => [
        alias,
        Object.fromEntries(Object.entries(fields).map(([f, list]) => [f, keys(list)])),
      ]),
    );
    expect(answers).toEqual({
      python: { frameworks: ['django', 'flask'], runtimes: [] },
      node: { runs: ['javascript'], frameworks: ['express-js'] },
      senior: {
        mentors: ['junior'],
        drawbacks: ['high-hiring-cost', 'top-tier-pay'],
        suits: ['complex-projects', 'large-scale-systems', 'mission-critical-projects', 'performance', 'scalability', 'security'],
      },
      security: {
        skills: ['security-awareness'],
        traits: ['attention-to-detail', 'proactive-problem-solving', 'strong-ethics'],
        sameAsOf: ['implementing-robust-security', 'security-measures'],
      },
      encryption: { partOf: ['security'] },
      inHouse: { drawbacks: ['high-hiring-cost'], suits: ['long-term-development'] },
    });
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
