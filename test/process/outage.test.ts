import { GraphQLClient, gql } from 'graphql-request';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDriver } from '../../src/graph/driver.js';
import { freePort } from '../../src/local-neo4j/process.js';
import { type ServerProcess, spawnServer } from '../helpers/spawn-server.js';
import { boltTarget, startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

/**
 * Neo4j going away while the service runs, and the service starting before Neo4j: it stays up,
 * answers /health, reports not ready, fails GraphQL fast with SERVICE_UNAVAILABLE, and recovers
 * on its own once Neo4j is back, without a restart. Both services reach the tier's Neo4j through
 * a TCP proxy that the test cuts and restores: to the driver that is Neo4j dying (connections
 * reset, then refused) and coming back, in milliseconds instead of two JVM boots. A real JVM
 * killed under a running service, in the middle of curated writes, is bundled-lifecycle.test.ts.
 */

const STATS = gql`{ graphStats { entityCount relationshipCount } }`;
const STATS_AND_MARKER = '{ graphStats { entityCount relationshipCount } entity(key: "outage-marker") { name } }';
type Stats = { graphStats: { entityCount: number; relationshipCount: number } };

const servers: ServerProcess[] = [];
let proxy: TcpProxy | undefined;

afterAll(async () => {
  await Promise.all(servers.map(stopProcess));
  await proxy?.close();
});

async function stopProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const killer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.exited;
  clearTimeout(killer);
}

/**
 * One entity in the tier's Neo4j, so that neither service seeds it (seeding an empty graph costs
 * seconds, and a start on a graph holding data must not seed it anyway).
 */
async function addMarker(): Promise<void> {
  const driver = createDriver({ uri: inject('neo4jUri'), user: 'neo4j', password: '' });
  try {
    await driver.executeQuery(
      "MERGE (n:Entity:ServerTool {key: 'outage-marker'}) SET n.kind = 'SERVER_TOOL', n.name = 'Outage marker', n.summary = 'Test data.', n.aliases = [], n.sections = []",
    );
  } finally {
    await driver.close();
  }
}

function spawn(env: Record<string, string>): ServerProcess {
  // LOG_LEVEL info: the "GraphQL ready" line is logged at info.
  const server = spawnServer({ LOG_LEVEL: 'info', SEED_ON_EMPTY: 'true', RESPONSE_CACHE_BYTES: '0', ...env });
  servers.push(server);
  return server;
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

/** Polls `url` until it answers `expected`, or fails after `timeoutMs`. */
async function pollStatus(url: string, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    try {
      last = await status(url);
      if (last === expected) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not answer ${expected} within ${timeoutMs} ms (last status ${last})`);
}

describe('Neo4j down while the service runs', () => {
  it('stays up, fails fast with SERVICE_UNAVAILABLE, and recovers when Neo4j is back; one started before Neo4j is up reports not ready, then boots once Neo4j appears', async () => {
    await addMarker();
    proxy = await startTcpProxy(boltTarget(inject('neo4jUri')));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawn({ NEO4J_URI: proxy.uri, PORT: String(port), NEO4J_STARTUP_WAIT_MS: '20000' });
    await server.waitFor(/GraphQL ready/);
    expect(server.output()).not.toContain('The graph is empty');

    const client = new GraphQLClient(`${base}/graphql`);
    const before = await client.request<Stats & { entity: { name: string } | null }>(STATS_AND_MARKER);
    expect(before.graphStats.entityCount).toBeGreaterThan(0);
    expect(before.entity?.name).toBe('Outage marker');
    expect(await status(`${base}/ready`)).toBe(200);

    await proxy.cut();

    expect(server.child.exitCode).toBeNull();
    expect(await status(`${base}/health`)).toBe(200);
    // At once: the readiness probe does not retry.
    const cutAt = performance.now();
    await pollStatus(`${base}/ready`, 503, 5_000);
    expect(performance.now() - cutAt).toBeLessThan(1_500);

    const started = performance.now();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: STATS_AND_MARKER }),
    });
    const elapsed = performance.now() - started;
    expect(response.headers.get('content-type')).toMatch(/json/);
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(elapsed).toBeLessThan(10_000);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors?.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // Still alive after serving failures.
    expect(server.child.exitCode).toBeNull();

    // A second service started while Neo4j is away: up (health), not ready, waiting.
    const latePort = await freePort();
    const lateBase = `http://127.0.0.1:${latePort}`;
    const late = spawn({ NEO4J_URI: proxy.uri, PORT: String(latePort), NEO4J_STARTUP_WAIT_MS: '60000' });
    await pollStatus(`${lateBase}/health`, 200, 30_000);
    expect(await status(`${lateBase}/ready`)).toBe(503);
    expect(late.child.exitCode).toBeNull();

    // Neo4j back: the first service reconnects by itself, the second finishes booting (and, the
    // graph holding data, does not seed it).
    await proxy.restore();
    await pollStatus(`${base}/ready`, 200, 60_000);
    expect(await client.request(STATS_AND_MARKER)).toEqual(before);
    expect(server.child.exitCode).toBeNull();

    await late.waitFor(/GraphQL ready/, 90_000);
    expect(await status(`${lateBase}/ready`)).toBe(200);
    expect(late.output()).not.toContain('The graph is empty');
    expect((await new GraphQLClient(`${lateBase}/graphql`).request<Stats>(STATS)).graphStats).toEqual(before.graphStats);
  }, 180_000);
});
