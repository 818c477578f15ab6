import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLClient, gql } from 'graphql-request';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalNeo4j, startLocalNeo4j } from '../../src/local-neo4j/process.js';
import { freePort } from '../helpers/free-port.js';
import { type ServerProcess, spawnServer } from '../helpers/spawn-server.js';

/**
 * Neo4j going away while the service runs, and the service starting before Neo4j: it stays up,
 * answers /health, reports not ready, fails GraphQL fast with SERVICE_UNAVAILABLE, and recovers
 * on its own once Neo4j is back, without a restart. One bundled Neo4j, stopped and started again
 * once, serves both: a service that was running when it went away, and one started while it was away.
 */

const STATS = gql`{ graphStats { entityCount relationshipCount } }`;
const STATS_AND_PYTHON = '{ graphStats { entityCount relationshipCount } entity(key: "python") { name } }';
type Stats = { graphStats: { entityCount: number; relationshipCount: number } };

const servers: ServerProcess[] = [];
const neo4js: LocalNeo4j[] = [];
const tempDirs: string[] = [];

afterAll(async () => {
  await Promise.all(servers.map(stopProcess));
  await Promise.all(neo4js.map((local) => local.stop()));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function stopProcess(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const killer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.exited;
  clearTimeout(killer);
}

function tempStore(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-outage-'));
  tempDirs.push(dir);
  return dir;
}

async function startNeo4j(port: number, dataDir: string): Promise<LocalNeo4j> {
  const local = await startLocalNeo4j({ port, dataDir, log: () => {} });
  neo4js.push(local);
  return local;
}

function spawn(env: Record<string, string>): ServerProcess {
  // LOG_LEVEL info: the "GraphQL ready" line is logged at info.
  const server = spawnServer({ LOG_LEVEL: 'info', SEED_ON_EMPTY: 'true', ...env });
  servers.push(server);
  return server;
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

/** Polls `url` until it answers `expected`, or fails after `timeoutMs`. */
async function pollStatus(url: string, expected: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    try {
      last = await status(url);
      if (last === expected) return Date.now();
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} did not answer ${expected} within ${timeoutMs} ms (last status ${last})`);
}

describe('Neo4j down while the service runs', () => {
  it('stays up, fails fast with SERVICE_UNAVAILABLE, and recovers when Neo4j is back; one started before Neo4j is up reports not ready, then boots once Neo4j appears', async () => {
    const boltPort = await freePort();
    const store = tempStore();
    const first = await startNeo4j(boltPort, store);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = spawn({ NEO4J_URI: first.uri, PORT: String(port), NEO4J_STARTUP_WAIT_MS: '20000' });
    await server.waitFor(/GraphQL ready/);
    expect(server.output()).toContain('The graph is empty: loading the seed');

    const client = new GraphQLClient(`${base}/graphql`);
    const before = (await client.request<Stats>(STATS)).graphStats;
    expect(before.entityCount).toBeGreaterThan(0);
    expect(await status(`${base}/ready`)).toBe(200);

    await first.stop();

    expect(server.child.exitCode).toBeNull();
    expect(await status(`${base}/health`)).toBe(200);
    expect(await status(`${base}/ready`)).toBe(503);

    const started = performance.now();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: STATS_AND_PYTHON }),
    });
    const elapsed = performance.now() - started;
    expect(response.headers.get('content-type')).toMatch(/json/);
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(elapsed).toBeLessThan(10_000);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    // Still alive after serving failures.
    expect(server.child.exitCode).toBeNull();

    // A second service started while Neo4j is away: up (health), not ready, waiting.
    const latePort = await freePort();
    const lateBase = `http://127.0.0.1:${latePort}`;
    const late = spawn({ NEO4J_URI: `bolt://127.0.0.1:${boltPort}`, PORT: String(latePort), NEO4J_STARTUP_WAIT_MS: '60000' });
    await pollStatus(`${lateBase}/health`, 200, 30_000);
    expect(await status(`${lateBase}/ready`)).toBe(503);
    expect(late.child.exitCode).toBeNull();

    // Neo4j back on the same store and the same port; the first service reconnects by itself,
    // the second finishes booting.
    await startNeo4j(boltPort, store);
    await pollStatus(`${base}/ready`, 200, 60_000);
    const after = await client.request<Stats & { entity: { name: string } | null }>(STATS_AND_PYTHON);
    expect(after.graphStats).toEqual(before);
    expect(after.entity?.name).toBe('Python');
    expect(server.child.exitCode).toBeNull();

    await late.waitFor(/GraphQL ready/, 90_000);
    expect(await status(`${lateBase}/ready`)).toBe(200);
    const stats = (await new GraphQLClient(`${lateBase}/graphql`).request<Stats>(STATS)).graphStats;
    expect(stats.entityCount).toBeGreaterThan(0);
  }, 240_000);
});
