import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLClient, gql } from 'graphql-request';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPortFree, freePort } from '../../src/local-neo4j/process.js';
import { expectNoHalfWrittenChange, startWrites, WRITES_SECRET } from '../helpers/curated-writes.js';
import { type ServerProcess, spawnServer } from '../helpers/spawn-server.js';

/**
 * `npm start` with NEO4J_URI unset, as one lifecycle on one store (each JVM boot costs seconds,
 * so the scenarios share them):
 * 1. signals while the first start is loading the seed: it exits 0 and stops its JVM, and the
 *    interrupted seed leaves nothing behind (the next start finds the store empty again);
 * 2. that next start seeds the store and serves it;
 * 3. the bundled Neo4j dies (SIGKILL, as the OOM killer would) in the middle of a stream of
 *    curated writes, none of which is left half-written: GraphQL fails fast with
 *    SERVICE_UNAVAILABLE and /ready is 503 while it is down, the supervisor restarts it on the
 *    same port and store, and the same data comes back without restarting the service;
 * 4. SIGTERM stops the (restarted) JVM, exits 0 and frees the Bolt port.
 * That a start on a store holding data does not seed again is checked by outage.test.ts.
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

/** Starts the service on the store; a failed wait for `until` kills it. */
async function start(env: Record<string, string>, until = /GraphQL ready/): Promise<ServerProcess> {
  // Writes on (for the crash below), unthrottled: four writers make hundreds of requests.
  server = spawnServer({
    ...env,
    SEED_ON_EMPTY: 'true',
    RESPONSE_CACHE_BYTES: '0',
    AUTH_JWT_SECRET: WRITES_SECRET,
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const started = server;
  await started.waitFor(until).catch((error: unknown) => {
    started.child.kill('SIGKILL');
    throw error;
  });
  jvmPid(started.output());
  return started;
}

describe('npm start on the bundled Neo4j', () => {
  it('stops cleanly when signalled while seeding; seeds an empty store and serves it; survives its Neo4j dying; stops it on SIGTERM', async () => {
    const boltPort = await freePort();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { NEO4J_LOCAL_DATA: store, NEO4J_LOCAL_PORT: String(boltPort), PORT: String(port) };

    // 1. Signals while the seed loads (repeated, as an impatient Ctrl-C would): exit 0, JVM stopped.
    const interrupted = await start(env, /The graph is empty: loading the seed/);
    interrupted.child.kill('SIGINT');
    interrupted.child.kill('SIGTERM');
    interrupted.child.kill('SIGINT');
    expect(await interrupted.exited).toBe(0);
    expect(interrupted.output()).toContain('Stopped.');
    await expect(assertPortFree(boltPort)).resolves.toBeUndefined();

    // 2. The next start finds the store empty again (the seed is one transaction), seeds it and serves.
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

    // 3. The JVM dies under the running service, while curated writes are flowing.
    const writes = await startWrites(base);
    await writes.flowing;
    await new Promise((done) => setTimeout(done, 300));
    process.kill(firstPid, 'SIGKILL');
    await first.waitFor(/exited unexpectedly \(killed by a signal\)/, 5_000);
    // The writes in flight fail (or not) while the checks below run; they are awaited further down.
    const stopped = writes.stop();

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

    const landed = await expectNoHalfWrittenChange(`bolt://127.0.0.1:${boltPort}`, await stopped);
    const after = await query(base);
    expect(after.reply.errors).toBeUndefined();
    const { graphStats } = before.reply.data as Data;
    expect(after.reply.data).toEqual({
      ...before.reply.data,
      graphStats: { entityCount: graphStats.entityCount + landed.entities, relationshipCount: graphStats.relationshipCount + landed.links },
    });
    expect(first.child.exitCode).toBeNull();

    // 4. Shutdown after a restart still stops the (new) JVM and exits 0; the Bolt port is free again.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Stopped.');
    expect(alive(secondPid)).toBe(false);
    await expect(assertPortFree(boltPort)).resolves.toBeUndefined();
  }, 300_000);
});
