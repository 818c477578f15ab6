import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/database.js';
import { TrustedDocumentsError } from '../../src/plugins/trusted-documents.js';
import { testGraph } from '../helpers/test-graph.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** NODE_ENV=production behaviour and the switches operators use to expose the service. */

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { response, body: (await response.json()) as Body };
}

describe('production settings', () => {
  const graph = testGraph();
  const servers: TestServer[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kg-prod-'));
  const start = async (env: Record<string, string>, g: Graph = graph) => {
    const server = await startTestServer(g, env);
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of servers) await server.close();
    await graph.driver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('masks unexpected errors without stack traces or internals', async () => {
    // A database that does not exist makes Neo4j fail in a way no resolver expects.
    const broken = new Graph(graph.driver, 'no-such-database', 5_000);
    const server = await start({ NODE_ENV: 'production' }, broken);
    const { body } = await post(server, { query: '{ entity(key: "python") { key } }' });
    expect(body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(body)).not.toMatch(/no-such-database|stack|Neo4j|at .*\.ts/i);
  });

  it('hides field suggestions in production but keeps them in development', async () => {
    const query = { query: '{ entty(key: "python") { key } }' };
    const production = await post(await start({ NODE_ENV: 'production' }), query);
    expect(production.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const development = await post(await start({ NODE_ENV: 'development' }), query);
    expect(development.body.errors?.[0]?.message).toMatch(/Did you mean "entity"/);
  });

  it('serves GraphiQL and introspection by default, and turns each off on request', async () => {
    const open = await start({ NODE_ENV: 'production' });
    const page = await fetch(`${open.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('<html');
    expect((await post(open, { query: '{ __schema { queryType { name } } }' })).body.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });

    const closed = await start({ NODE_ENV: 'production', GRAPHIQL: 'false', INTROSPECTION: 'false' });
    const noPage = await fetch(`${closed.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await noPage.text()).not.toContain('<html');
    const introspection = await post(closed, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await post(closed, { query: '{ graphStats { entityCount } }' })).body.errors).toBeUndefined();
  });

  it('answers CORS preflights only for allowed origins', async () => {
    const server = await start({ CORS_ORIGINS: 'https://app.example.com' });
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight('https://app.example.com')).headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect((await preflight('https://evil.example.net')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
  });

  it('runs only listed operations in trusted-documents mode', async () => {
    const file = join(dir, 'trusted.json');
    writeFileSync(file, JSON.stringify({ stats1: '{ graphStats { entityCount } }' }));
    const server = await start({ TRUSTED_DOCUMENTS_FILE: file });
    const listed = await post(server, { extensions: { persistedQuery: { version: 1, sha256Hash: 'stats1' } } });
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data).toEqual({ graphStats: { entityCount: expect.any(Number) } });
    expect((listed.body.data as { graphStats: { entityCount: number } }).graphStats.entityCount).toBeGreaterThan(0);
    const arbitrary = await post(server, { query: '{ graphStats { entityCount } }' });
    expect(arbitrary.body.data ?? null).toBeNull();
    expect(arbitrary.body.errors?.length).toBeGreaterThan(0);
    const unknown = await post(server, { extensions: { persistedQuery: { version: 1, sha256Hash: 'nope' } } });
    expect(unknown.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('accepts a trusted document by top-level documentId (POST body and GET parameter)', async () => {
    const file = join(dir, 'trusted-document-id.json');
    writeFileSync(file, JSON.stringify({ 'sha256:stats2': '{ graphStats { entityCount } }' }));
    const server = await start({ TRUSTED_DOCUMENTS_FILE: file });
    const listed = await post(server, { documentId: 'sha256:stats2' });
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data).toEqual({ graphStats: { entityCount: expect.any(Number) } });
    const viaGet = await fetch(`${server.url}/graphql?documentId=${encodeURIComponent('sha256:stats2')}`, {
      headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
    });
    expect(((await viaGet.json()) as Body).data).toEqual({ graphStats: { entityCount: expect.any(Number) } });
    const unknown = await post(server, { documentId: 'sha256:nope' });
    expect(unknown.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
  });

  it('refuses to start with a trusted-documents file that is not { id: document }', async () => {
    const nonString = join(dir, 'trusted-bad.json');
    writeFileSync(nonString, JSON.stringify({ ok: '{ graphStats { entityCount } }', bad: 42 }));
    const started = start({ TRUSTED_DOCUMENTS_FILE: nonString });
    await expect(started).rejects.toBeInstanceOf(TrustedDocumentsError);
    await expect(started).rejects.toThrow(/trusted-bad\.json.*"bad"/);

    const notJson = join(dir, 'trusted-broken.json');
    writeFileSync(notJson, '{ "ok": ');
    await expect(start({ TRUSTED_DOCUMENTS_FILE: notJson })).rejects.toThrow(TrustedDocumentsError);
    await expect(start({ TRUSTED_DOCUMENTS_FILE: join(dir, 'missing.json') })).rejects.toThrow(/missing\.json/);
    await expect(start({ TRUSTED_DOCUMENTS_FILE: notJson })).rejects.toThrow(/trusted-broken\.json/);
  });

  it('limits each client per minute with RATE_LIMITED and Retry-After, sparing health checks', async () => {
    const server = await start({ RATE_LIMIT_PER_MINUTE: '3' });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 4; i += 1) {
      last = await post(server, { query: '{ graphStats { entityCount } }' });
      statuses.push(last.response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last?.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last?.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('behind a trusted proxy keys clients by the rightmost X-Forwarded-For entry, which they cannot forge', async () => {
    const server = await start({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'true' });
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const { response } = await post(server, { query: '{ __typename }' }, { 'x-forwarded-for': `7.7.7.${i}, 10.0.0.1` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    // A different address seen by the proxy has its own budget.
    const other = await post(server, { query: '{ __typename }' }, { 'x-forwarded-for': '7.7.7.1, 10.0.0.2' });
    expect(other.response.status).toBe(200);
  });
});
