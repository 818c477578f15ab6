import { ClientError, gql, type Variables } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * Bad arguments are the caller's mistake: each must come back as BAD_USER_INPUT with a message
 * that says what is wrong (never yoga's masked "Unexpected error."). Documents that do not
 * validate against the schema fail before execution, with no data.
 */

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const LONG_KEY = 'k'.repeat(201);

describe('argument bounds and errors', () => {
  let api: SeededServer;

  /** Sends a request that must fail, and returns the ClientError graphql-request throws. */
  async function failure(query: string, variables?: Variables): Promise<ClientError> {
    const error = await api.client.request(query, variables).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, 'the request should have failed').toBeInstanceOf(ClientError);
    return error as ClientError;
  }

  /** The request fails with BAD_USER_INPUT, unmasked, and the message matches `message`. */
  async function expectBadInput(query: string, variables: Variables | undefined, message: RegExp) {
    const error = await failure(query, variables);
    const errors = error.response.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    const [first] = errors;
    expect(first?.extensions?.code, JSON.stringify(errors)).toBe('BAD_USER_INPUT');
    expect(first?.message).not.toMatch(/unexpected error/i);
    expect(first?.message).toMatch(message);
  }

  beforeAll(async () => {
    api = await startSeededServer();
  });

  afterAll(async () => {
    await api.stop();
  });

  describe('first must be 1..100', () => {
    const fields: [string, string][] = [
      ['entities', 'query ($first: Int) { entities(first: $first) { totalCount } }'],
      ['relations', 'query ($first: Int) { entity(key: "python") { relations(first: $first) { totalCount } } }'],
      ['search', 'query ($first: Int) { search(text: "python", first: $first) { score } }'],
      ['toolsFor', 'query ($first: Int) { toolsFor(concern: "security", first: $first) { tool { key } } }'],
    ];
    const cases = fields.flatMap(([name, query]) => [
      [name, query, 0, /first must be at least 1/] as const,
      [name, query, 101, /first must be at most 100/] as const,
    ]);

    it.each(cases)('%s with first %i is BAD_USER_INPUT', async (_name, query, first, message) => {
      await expectBadInput(query, { first }, message);
    });

    it.each(fields)('%s accepts the bounds 1 and 100', async (_name, query) => {
      // graphql-request rejects on any error; the root field must also have answered.
      for (const first of [1, 100]) {
        const data = await api.client.request<Record<string, unknown>>(query, { first });
        expect(Object.values(data)[0], `first: ${first}`).not.toBeNull();
      }
    });

    it('also when given inline rather than as a variable', async () => {
      await expectBadInput('{ entities(first: 0) { totalCount } }', undefined, /first must be at least 1/);
      await expectBadInput('{ search(text: "python", first: 101) { score } }', undefined, /first must be at most 100/);
    });
  });

  describe('path and neighborhood bounds', () => {
    const PATH = 'query ($maxHops: Int) { path(from: "docker", to: "scalability", maxHops: $maxHops) { length } }';
    const NEIGHBORHOOD = 'query ($depth: Int, $limit: Int) { neighborhood(key: "docker", depth: $depth, limit: $limit) { nodes { key } } }';

    it.each([
      [0, /maxHops must be at least 1/],
      [7, /maxHops must be at most 6/],
    ])('path with maxHops %i is BAD_USER_INPUT', async (maxHops, message) => {
      await expectBadInput(PATH, { maxHops }, message);
    });

    it.each([
      [0, /depth must be at least 1/],
      [4, /depth must be at most 3/],
    ])('neighborhood with depth %i is BAD_USER_INPUT', async (depth, message) => {
      await expectBadInput(NEIGHBORHOOD, { depth }, message);
    });

    it.each([
      [0, /limit must be at least 1/],
      [501, /limit must be at most 500/],
    ])('neighborhood with limit %i is BAD_USER_INPUT', async (limit, message) => {
      await expectBadInput(NEIGHBORHOOD, { limit }, message);
    });

    it('accepts the edges of each range', async () => {
      // Docker supports scalability directly, so every maxHops finds the one-step path.
      await expect(api.client.request(PATH, { maxHops: 1 })).resolves.toEqual({ path: { length: 1 } });
      await expect(api.client.request(PATH, { maxHops: 6 })).resolves.toEqual({ path: { length: 1 } });
      const wide = await api.client.request<{ neighborhood: { nodes: unknown[] } }>(NEIGHBORHOOD, { depth: 3, limit: 500 });
      expect(wide.neighborhood.nodes.length).toBeGreaterThan(1);
      expect(wide.neighborhood.nodes.length).toBeLessThanOrEqual(500);
      await expect(api.client.request(NEIGHBORHOOD, { depth: 1, limit: 1 })).resolves.toEqual({
        neighborhood: { nodes: [{ key: 'docker' }] },
      });
    });
  });

  describe('text arguments', () => {
    const SEARCH = 'query ($text: String!) { search(text: $text) { score } }';
    const TOOLS_FOR = 'query ($concern: String!) { toolsFor(concern: $concern) { tool { key } } }';

    it.each([
      ['empty', ''],
      ['whitespace-only', ' \t\n '],
    ])('search with %s text is BAD_USER_INPUT', async (_label, text) => {
      await expectBadInput(SEARCH, { text }, /must not be empty/);
    });

    it.each([
      ['empty', ''],
      ['whitespace-only', ' \t\n '],
    ])('toolsFor with %s concern is BAD_USER_INPUT', async (_label, concern) => {
      await expectBadInput(TOOLS_FOR, { concern }, /must not be empty/);
    });

    it('search with text of only punctuation is BAD_USER_INPUT', async () => {
      await expectBadInput(SEARCH, { text: '!!! ?? -- ***' }, /letter or digit/);
    });

    it('search and toolsFor reject text longer than 200 characters', async () => {
      await expectBadInput(SEARCH, { text: 'a'.repeat(201) }, /at most 200/);
      await expectBadInput(TOOLS_FOR, { concern: 'a'.repeat(201) }, /at most 200/);
    });
  });

  describe('ids and cursors', () => {
    const NODE = 'query ($id: ID!) { node(id: $id) { id } }';

    it.each([
      ['not base64', '%%%'],
      ['base64 with no colon', 'bm9wZQ'],
      ['empty', ''],
    ])('node with a malformed id (%s) is BAD_USER_INPUT', async (_label, id) => {
      await expectBadInput(NODE, { id }, /not a valid id/);
    });

    it('nodes with one malformed id among good ones is BAD_USER_INPUT', async () => {
      await expectBadInput(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        { ids: [base64('Framework:django'), '%%%'] },
        /not a valid id/,
      );
    });

    it.each([
      ['no type', 'NoSuchType:django'],
      ['an interface', 'Entity:django'],
      ['a type that is not a node', 'SalaryRange:django'],
    ])('a well-formed id naming %s is null or BAD_USER_INPUT, never an uncoded error', async (_label, raw) => {
      const outcome = await api.client.request<{ node: unknown }>(NODE, { id: base64(raw) }).then(
        (data) => ({ data, error: null }),
        (error: unknown) => ({ data: null, error: error as ClientError }),
      );
      if (outcome.error) {
        expect(outcome.error).toBeInstanceOf(ClientError);
        expect(outcome.error.response.errors?.[0]?.extensions?.code, JSON.stringify(outcome.error.response.errors)).toBe('BAD_USER_INPUT');
      } else {
        expect(outcome.data).toEqual({ node: null });
      }
    });

    const cursors = [
      ['short garbage', 'abc'],
      ['base64 of a payload with spaces', base64('entity:x OR 1=1')],
      ['base64url of a payload with a newline', base64url('entity:x\nRETURN 1')],
      ['base64url with no scope', base64url('python')],
      ['an empty sort key', base64url('entity:')],
    ];

    it.each(cursors)('entities with a forged cursor (%s) is BAD_USER_INPUT', async (_label, after) => {
      await expectBadInput('query ($after: String) { entities(after: $after) { totalCount } }', { after }, /not a valid cursor/);
    });

    it.each(cursors)('relations with a forged cursor (%s) is BAD_USER_INPUT', async (_label, after) => {
      await expectBadInput(
        'query ($after: String) { entity(key: "python") { relations(after: $after) { totalCount } } }',
        { after },
        /not a valid cursor/,
      );
    });
  });

  describe('keys longer than 200 characters', () => {
    it.each([
      ['entity', 'query ($key: String!) { entity(key: $key) { key } }'],
      ['path from', 'query ($key: String!) { path(from: $key, to: "python") { length } }'],
      ['path to', 'query ($key: String!) { path(from: "python", to: $key) { length } }'],
      ['neighborhood', 'query ($key: String!) { neighborhood(key: $key) { nodes { key } } }'],
      ['salaries appliesTo', 'query ($key: String!) { salaries(appliesTo: $key) { min } }'],
      [
        'expectedBeyond level',
        'query ($key: String!) { entity(key: "senior") { ... on SeniorityLevel { expectedBeyond(level: $key) { key } } } }',
      ],
    ])('%s is BAD_USER_INPUT', async (_label, query) => {
      await expectBadInput(query, { key: LONG_KEY }, /at most 200/);
    });

    it('a key of exactly 200 characters is fine (and unknown)', async () => {
      const data = await api.client.request<{ entity: unknown }>('query ($key: String!) { entity(key: $key) { key } }', {
        key: 'k'.repeat(200),
      });
      expect(data.entity).toBeNull();
    });
  });

  describe('documents that do not validate', () => {
    /** Rejected before execution: HTTP 400, or errors with no data at all. */
    function expectValidationFailure(error: ClientError) {
      expect(error.response.errors?.length ?? 0).toBeGreaterThan(0);
      expect(error.response.status === 400 || error.response.data == null).toBe(true);
      expect(error.response.data ?? null).toBeNull();
      expect(error.response.errors?.[0]?.extensions?.code).not.toBe('BAD_USER_INPUT');
    }

    it('an unknown enum value inline', async () => {
      const error = await failure('{ entities(kind: NOT_A_KIND) { totalCount } }');
      expectValidationFailure(error);
      expect(error.response.errors?.[0]?.message).toMatch(/EntityKind/);
    });

    it('an unknown enum value in a variable', async () => {
      const error = await failure(gql`query ($kind: EntityKind) { entities(kind: $kind) { totalCount } }`, { kind: 'NOT_A_KIND' });
      expectValidationFailure(error);
      expect(error.response.errors?.[0]?.message).toMatch(/\$kind/);
    });

    it('a variable of the wrong type (first: "ten")', async () => {
      const error = await failure(gql`query ($first: Int) { entities(first: $first) { totalCount } }`, { first: 'ten' });
      expectValidationFailure(error);
      expect(error.response.errors?.[0]?.message).toMatch(/\$first/);
    });

    it('a missing required argument', async () => {
      expectValidationFailure(await failure('{ search { score } }'));
    });

    it('a syntax error', async () => {
      expectValidationFailure(await failure('{ entities(first: ) { totalCount }'));
    });
  });
});
