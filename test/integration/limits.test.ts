import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/** Every limit rejects with a coded error before any Cypher runs (0 round-trips). */

interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { queryStats?: { neo4jRoundTrips: number } };
}

describe('query limits', () => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await startSeededServer({ QUERY_STATS: 'true' });
  });
  afterAll(() => server.stop());

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as GraphQLBody };
  }

  const codes = (body: GraphQLBody) => (body.errors ?? []).map((error) => error.extensions?.code);

  function cyclic(levels: number): string {
    let inner = 'key';
    for (let i = 0; i < levels; i += 1) inner = `relations(first: 2) { edges { node { key ${inner} } } }`;
    return `{ entity(key: "python") { ${inner} } }`;
  }

  it('rejects a cyclic relations query 10 levels deep, before touching Neo4j', async () => {
    const { body } = await post({ query: cyclic(10) });
    expect(codes(body)).toContain('DEPTH_LIMIT_EXCEEDED');
    expect(body.data).toEqual({ entity: null });
    expect(body.extensions?.queryStats?.neo4jRoundTrips ?? 0).toBe(0);
  });

  it('accepts the same query two levels deep', async () => {
    const { body } = await post({ query: cyclic(2) });
    expect(body.errors).toBeUndefined();
  });

  it('prices lists by their first: a wide but shallow query exceeds the cost budget', async () => {
    const query = `{ entities(first: 100) { nodes { relations(first: 100) { edges { node { key name summary } } } } } }`;
    const { body } = await post({ query });
    expect(codes(body)).toContain('COST_LIMIT_EXCEEDED');
    expect(body.extensions?.queryStats?.neo4jRoundTrips ?? 0).toBe(0);
    const cheap = await post({ query: query.replaceAll('100', '5') });
    expect(cheap.body.errors).toBeUndefined();
  });

  it('rejects an alias flood', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: graphStats { entityCount }`).join(' ');
    const { body } = await post({ query: `{ ${aliases} }` });
    expect(body.data).toBeUndefined();
    expect(codes(body)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
  });

  it('rejects a document with too many tokens', async () => {
    const kinds = Array.from({ length: 2500 }, () => 'LANGUAGE').join(', ');
    const { body } = await post({ query: `{ search(text: "python", kinds: [${kinds}]) { score } }` });
    expect(body.data).toBeUndefined();
    expect(codes(body)).toEqual(['TOKEN_LIMIT_EXCEEDED']);
  });

  it('rejects too many directives', async () => {
    const directives = Array.from({ length: 60 }, () => '@include(if: true)').join(' ');
    const { body } = await post({ query: `{ graphStats ${directives} { entityCount } }` });
    expect(body.data).toBeUndefined();
    expect(codes(body)).toEqual(['DIRECTIVE_LIMIT_EXCEEDED']);
  });

  it('refuses a multi-megabyte document without reading it', async () => {
    const query = `{ graphStats { entityCount } } # ${'x'.repeat(3 * 1024 * 1024)}`;
    const { status, body } = await post({ query });
    expect(status).toBe(413);
    expect(codes(body)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('refuses a chunked body (no Content-Length) with 411, so no body is read unbounded', async () => {
    const query = JSON.stringify({ query: '{ graphStats { entityCount } }' });
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(query));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
    expect(codes((await response.json()) as GraphQLBody)).toEqual(['LENGTH_REQUIRED']);
  });

  it('answers malformed JSON with a 400 and a message', async () => {
    const { status, body } = await post('{"query": "{ graphStats { entityCount } }"');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBeTruthy();
  });

  it('reports a wrong variable type as a client error', async () => {
    const { status, body } = await post({
      query: 'query Q($first: Int!) { entities(first: $first) { nodes { key } } }',
      variables: { first: 'ten' },
    });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/\$first/);
  });

  it('has batching off: an array of operations is refused', async () => {
    const { status } = await post([{ query: '{ graphStats { entityCount } }' }, { query: '{ graphStats { entityCount } }' }]);
    expect(status).toBeGreaterThanOrEqual(400);
  });

  it('rejects a cross-site GET without a preflight header (CSRF prevention)', async () => {
    const query = encodeURIComponent('{ graphStats { entityCount } }');
    const plain = await fetch(`${server.url}/graphql?query=${query}`, { headers: { accept: 'application/json' } });
    expect(plain.status).toBe(403);
    const refused = (await plain.json()) as GraphQLBody;
    expect(codes(refused)).toEqual(['CSRF_HEADER_REQUIRED']);
    expect(refused.errors?.[0]?.message).toMatch(/CSRF/);
    const withHeader = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
  });
});
