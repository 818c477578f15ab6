import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLClient, gql } from 'graphql-request';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPortFree } from '../../src/local-neo4j/process.js';
import { freePort } from '../helpers/free-port.js';
import { spawnServer } from '../helpers/spawn-server.js';

/** `npm start` with NEO4J_URI unset: bundled Neo4j, seed on an empty graph, data kept across restarts. */

const STATS = gql`{ graphStats { entityCount relationshipCount } }`;
type Stats = { graphStats: { entityCount: number; relationshipCount: number } };

describe('npm start on the bundled Neo4j', () => {
  const store = mkdtempSync(join(tmpdir(), 'kg-start-'));
  afterAll(() => rmSync(store, { recursive: true, force: true }));

  async function runOnce(env: Record<string, string>) {
    const server = spawnServer(env);
    // A failed wait must not leave the service and its JVM running.
    await server.waitFor(/GraphQL ready/).catch((error: unknown) => {
      server.child.kill('SIGKILL');
      throw error;
    });
    const base = `http://127.0.0.1:${env.PORT}`;
    const health = await fetch(`${base}/health`);
    const ready = await fetch(`${base}/ready`);
    const stats = await new GraphQLClient(`${base}/graphql`).request<Stats>(STATS);
    server.child.kill('SIGTERM');
    const code = await server.exited;
    return { health: health.status, ready: ready.status, stats: stats.graphStats, code, output: server.output() };
  }

  it('seeds an empty store, serves GraphQL, stops its Neo4j, and keeps the data for the next start', async () => {
    const env = { NEO4J_LOCAL_DATA: store, NEO4J_LOCAL_PORT: String(await freePort()), PORT: String(await freePort()) };
    const first = await runOnce(env);
    expect(first.output).toContain('The graph is empty: loading the seed');
    expect(first).toMatchObject({ health: 200, ready: 200, code: 0 });
    expect(first.stats.entityCount).toBeGreaterThan(50);
    expect(first.stats.relationshipCount).toBeGreaterThan(first.stats.entityCount);
    // Stopping the service stopped its Neo4j: the Bolt port is free again.
    await expect(assertPortFree(Number(env.NEO4J_LOCAL_PORT))).resolves.toBeUndefined();

    const second = await runOnce(env);
    expect(second.output).not.toContain('The graph is empty');
    expect(second.stats).toEqual(first.stats);
  }, 240_000);
});
