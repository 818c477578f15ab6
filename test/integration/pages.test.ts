import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_PATH } from '../../src/yoga.js';
import { testGraph } from '../helpers/test-graph.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * What the service answers outside GraphQL itself: `/` leads to the explorer, unknown paths are 404s
 * (a local page for browsers, JSON for API clients), and nothing a browser is served reaches
 * outside the machine.
 */

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** Where a page or asset makes the browser load something: attributes, CSS, JS fetches and imports. */
const REFERENCE = [
  /\b(?:src|href|action|poster|data)\s*=\s*["']?([^\s"'<>]+)/gi,
  /\burl\(\s*["']?([^\s"')]+)/gi,
  /@import\s+["']([^"']+)/gi,
  /\bfetch\(\s*["'`]([^"'`]+)/gi,
  /\bimport\s*\(\s*["'`]([^"'`]+)/gi,
  /\b(?:import|from)\s*["'`]([^"'`]+)/gi,
  /\bnew\s+(?:Shared)?Worker\(\s*["'`]([^"'`]+)/gi,
];

function references(text: string): string[] {
  const found = new Set<string>();
  for (const pattern of REFERENCE) for (const match of text.matchAll(pattern)) found.add(match[1] as string);
  return [...found];
}

/**
 * Fetches `start` pages as a browser would, follows every same-origin reference found in HTML,
 * CSS and JavaScript, and returns the references that point to another host.
 */
async function crawl(base: string, start: string[]): Promise<{ external: string[]; visited: Map<string, number> }> {
  const origin = new URL(base).origin;
  const external: string[] = [];
  const visited = new Map<string, number>();
  const queue = start.map((path) => new URL(path, base).href);
  while (queue.length > 0 && visited.size < 100) {
    const url = queue.shift() as string;
    if (visited.has(url)) continue;
    const response = await fetch(url, { headers: BROWSER });
    visited.set(url, response.status);
    const type = response.headers.get('content-type') ?? '';
    if (!/html|css|javascript/.test(type)) {
      await response.body?.cancel();
      continue;
    }
    const page = new URL(response.url);
    for (const ref of references(await response.text())) {
      if (/^(data|blob|javascript|mailto|about):|^#/i.test(ref)) continue;
      if (!/^(https?:)?\/\/|^[./]|^[\w-]+(\.[\w-]+)*(\/|$)/i.test(ref)) continue; // not a URL
      let target: URL;
      try {
        target = new URL(ref, page);
      } catch {
        continue;
      }
      if (target.origin !== origin) external.push(`${url} -> ${ref}`);
      else if (!visited.has(target.href)) queue.push(target.href.replace(/#.*$/, ''));
    }
  }
  return { external, visited };
}

describe('pages and unknown paths', () => {
  const graph = testGraph();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(graph);
  });
  afterAll(async () => {
    await server.close();
    await graph.driver.close();
  });

  it('redirects / to the start page', async () => {
    for (const method of ['GET', 'HEAD']) {
      const response = await fetch(`${server.url}/`, { method, headers: BROWSER, redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(HOME_PATH);
    }
    const followed = await fetch(`${server.url}/`, { headers: BROWSER });
    expect(followed.url).toBe(`${server.url}${HOME_PATH}`);
    expect(await followed.text()).toContain('<html');
  });

  it.each([
    '/no-such-page',
    // Paths ending in the endpoint, where yoga would serve GraphiQL to a browser.
    '/api/graphql',
    '/x/y/graphql',
  ])('answers %s with a short local 404 page for browsers, linking to GraphiQL', async (path) => {
    const response = await fetch(`${server.url}${path}`, { headers: BROWSER });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).not.toContain('Yoga');
    expect(html).toContain('href="/graphql"');
    expect(html).toContain(`<code>${path}</code>`);
    expect(html.length).toBeLessThan(2000);
  });

  it('escapes the requested path in the 404 page', async () => {
    const response = await fetch(`${server.url}/%3Cscript%3Ealert(1)%3C/script%3E`, { headers: BROWSER });
    const html = await response.text();
    expect(response.status).toBe(404);
    expect(html).not.toMatch(/<script/i);
  });

  it('answers unknown paths with a JSON error for API clients, whatever the method', async () => {
    const requests: [string, RequestInit][] = [
      ['/explorer', { headers: { accept: 'application/json' } }],
      ['/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }],
      ['/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }],
      ['/favicon.ico', {}],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${server.url}${path}`, init);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code, path).toBe('NOT_FOUND');
      expect(body.errors[0]?.message, path).toContain('/graphql');
    }
  });

  it('still serves GraphQL, GraphiQL, health, readiness and metrics', async () => {
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(await graphql.json()).toMatchObject({ data: { __typename: 'Query' } });
    const graphiql = await fetch(`${server.url}/graphql`, { headers: BROWSER });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('Backend knowledge graph');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('graphql_requests_total');
  });

  it('finds external references in the places a browser loads them from', () => {
    // Checks the checker: yoga's own landing page failed it with its favicon.
    const sample = [
      '<link rel=icon href=https://raw.githubusercontent.com/x/favicon.ico>',
      '<script src="//cdn.example.com/a.js"></script>',
      '<style>@font-face{src:url(https://fonts.gstatic.com/f.woff2)}</style>',
      '<script>fetch("https://telemetry.example.com/e"); import("https://esm.sh/react")</script>',
    ].join('');
    expect(references(sample)).toEqual(
      expect.arrayContaining([
        'https://raw.githubusercontent.com/x/favicon.ico',
        '//cdn.example.com/a.js',
        'https://fonts.gstatic.com/f.woff2',
        'https://telemetry.example.com/e',
        'https://esm.sh/react',
      ]),
    );
  });

  it('serves browsers nothing that loads from outside the machine', async () => {
    // Every page a browser may open, and what they link to and load in turn.
    const { external, visited } = await crawl(server.url, ['/', '/graphql', '/explore', '/no-such-page', '/graphql/']);
    expect(external).toEqual([]);
    expect(visited.get(`${server.url}/graphql`)).toBe(200);
    expect([...visited.values()].every((status) => status < 500)).toBe(true);
  });

  it("sends the explorer's assets compressed (brotli, else gzip) to clients that accept it", async () => {
    const html = await (await fetch(`${server.url}/explore`)).text();
    const script = /src="(\/explore\/assets\/[\w-]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const plain = await rawGet(`${server.url}${script}`, 'identity');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(10_000);
    const brotli = await rawGet(`${server.url}${script}`, 'gzip, deflate, br');
    expect(brotli).toMatchObject({ encoding: 'br', vary: 'accept-encoding' });
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    const gzip = await rawGet(`${server.url}${script}`, 'gzip;q=1, br;q=0');
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  });
});

/** A GET whose body is not decoded (fetch would undo the content encoding). */
function rawGet(url: string, acceptEncoding: string): Promise<{ body: Buffer; encoding?: string; vary?: string }> {
  return new Promise((done, fail) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        done({
          body: Buffer.concat(chunks),
          encoding: response.headers['content-encoding'],
          vary: response.headers.vary as string | undefined,
        }),
      );
      response.on('error', fail);
    }).on('error', fail);
  });
}
