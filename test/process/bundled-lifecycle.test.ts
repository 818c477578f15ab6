import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLClient, gql } from 'graphql-request';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPortFree } from '../../src/local-neo4j/process.js';
import { freePort } from '../helpers/free-port.js';
import { type ServerProcess, spawnServer } from '../helpers/spawn-server.js';

/**
 * `npm start` with NEO4J_URI unset, as one lifecycle on one store (each JVM boot costs seconds,
 * so the scenarios share them):
 * 1. an empty store is seeded, GraphQL serves it;
 * 2. the bundled Neo4j dies (SIGKILL, as the OOM killer would): GraphQL fails fast with
 *    SERVICE_UNAVAILABLE and /ready is 503 while it is down, the supervisor restarts it on the
 *    same port and store, and the same data comes back without restarting the service;
 * 3. SIGTERM stops the (restarted) JVM, exits 0 and frees the Bolt port;
 * 4. the next start keeps the data instead of seeding again.
 *
 * The response cache is off: every answer here must come from Neo4j (a cached answer would
 * hide the outage and the restart).
 */

const STATS = gql`{ graphStats { entityCount relationshipCount } }`;
const QUERY = '{ graphStats { entityCount relationshipCount } entity(key: "python") { name } }';
type Stats = { graphStats: { entityCount: number; relationshipCount: number } };
type Data = Stats & { entity: { name: string } | null };
type Reply = { data?: Data | null; errors?: { message: string; extensions?: { code?: string } }[] };

const store = mkdtempSync(join(tmpdir(), 'kg-bundled-'));
const jvmPids = new Set<number>();
let server: ServerProcess | undefined;

afterAll(async () => {
  // A failed run must not leave a JVM behind, even one the supervisor was still booting.
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    for (const pid of childPids(server.child.pid)) jvmPids.add(pid);
    server.child.kill('SIGTERM');
    const killer = setTimeout(() => server?.child.kill('SIGKILL'), 15_000);
    await server.exited;
    clearTimeout(killer);
  }
  for (const pid of jvmPids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(store, { recursive: true, force: true });
});

function childPids(parent: number | undefined): number[] {
  if (!parent) return [];
  const listed = spawnSync('ps', ['--ppid', String(parent), '-o', 'pid='], { encoding: 'utf8' });
  return (listed.stdout ?? '')
    .split('\n')
    .filter((line) => line.trim())
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid in the last "Bundled Neo4j ready at ... (pid N)" line of the service's log. */
function jvmPid(output: string): number {
  const pids = [...output.matchAll(/Bundled Neo4j ready at \S+ \(pid (\d+)\)/g)].map((match) => Number(match[1]));
  const pid = pids.at(-1);
  if (!pid) throw new Error(`no JVM pid in the output:\n${output}`);
  jvmPids.add(pid);
  return pid;
}

async function query(base: string): Promise<{ reply: Reply; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  const reply = (await response.json()) as Reply;
  return { reply, ms: performance.now() - started };
}

async function ready(base: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const { status } = await fetch(`${base}/ready`);
  return { status, ms: performance.now() - started };
}

async function pollReady(base: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await ready(base)).status === 200) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${base}/ready did not answer 200 within ${timeoutMs} ms`);
}

/** Starts the service on the store and waits for "GraphQL ready"; a failed wait kills it. */
async function start(env: Record<string, string>): Promise<ServerProcess> {
  server = spawnServer({ ...env, SEED_ON_EMPTY: 'true', RESPONSE_CACHE_BYTES: '0' });
  const started = server;
  await started.waitFor(/GraphQL ready/).catch((error: unknown) => {
    started.child.kill('SIGKILL');
    throw error;
  });
  jvmPid(started.output());
  return started;
}

describe('npm start on the bundled Neo4j', () => {
  it('seeds an empty store and serves it; survives its Neo4j dying; stops it on SIGTERM; keeps the data for the next start', async () => {
    const boltPort = await freePort();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { NEO4J_LOCAL_DATA: store, NEO4J_LOCAL_PORT: String(boltPort), PORT: String(port) };

    // 1. First start on an empty store: seeded, healthy, ready, serving.
    const first = await start(env);
    expect(first.output()).toContain('The graph is empty: loading the seed');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await ready(base)).status).toBe(200);
    const stats = (await new GraphQLClient(`${base}/graphql`).request<Stats>(STATS)).graphStats;
    expect(stats.entityCount).toBeGreaterThan(50);
    expect(stats.relationshipCount).toBeGreaterThan(stats.entityCount);
    const firstPid = jvmPid(first.output());

    const before = await query(base);
    expect(before.reply.errors).toBeUndefined();
    expect(before.reply.data?.entity?.name).toBe('Python');
    expect(before.reply.data?.graphStats.entityCount).toBeGreaterThan(50);

    // 2. The JVM dies under the running service.
    process.kill(firstPid, 'SIGKILL');
    await first.waitFor(/exited unexpectedly \(killed by a signal\)/, 5_000);

    // Down: fast SERVICE_UNAVAILABLE, and not ready, while the service itself stays up.
    const down = await query(base);
    expect(down.ms).toBeLessThan(2_000); // the driver alone retries for up to 3 s
    expect(down.reply.errors?.length).toBeGreaterThan(0);
    expect(down.reply.errors?.every((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')).toBe(true);
    const notReady = await ready(base);
    expect(notReady).toMatchObject({ status: 503 });
    expect(notReady.ms).toBeLessThan(2_000);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    await first.waitFor(/Bundled Neo4j restarted \(pid \d+\)/, 90_000);
    const secondPid = jvmPid(first.output());
    expect(secondPid).not.toBe(firstPid);
    expect(first.output()).toMatch(/Restarting the bundled Neo4j in 1 s \(attempt 1\)/);
    await pollReady(base, 10_000);

    const after = await query(base);
    expect(after.reply.errors).toBeUndefined();
    expect(after.reply.data).toEqual(before.reply.data);
    expect(first.child.exitCode).toBeNull();

    // 3. Shutdown after a restart still stops the (new) JVM and exits 0; the Bolt port is free again.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Stopped.');
    expect(alive(secondPid)).toBe(false);
    await expect(assertPortFree(boltPort)).resolves.toBeUndefined();

    // 4. The next start finds the data and does not seed again.
    const second = await start(env);
    expect(second.output()).not.toContain('The graph is empty');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await ready(base)).status).toBe(200);
    expect((await new GraphQLClient(`${base}/graphql`).request<Stats>(STATS)).graphStats).toEqual(stats);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await expect(assertPortFree(boltPort)).resolves.toBeUndefined();
  }, 300_000);
});
