import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/local-neo4j/process.js';
import { type ServerProcess, spawnServer } from '../helpers/spawn-server.js';

/**
 * SIGTERM: the service stops accepting, finishes the request in flight, closes the driver,
 * says "Stopped." and exits 0 within SHUTDOWN_GRACE_MS.
 *
 * That SIGTERM also stops the bundled Neo4j (its Bolt port is free afterwards) is covered by
 * start-bundled.test.ts, so it is not repeated here.
 */

const GRACE_MS = 5_000;
// A query that goes to Neo4j but does not depend on what the shared graph holds.
const QUERY = JSON.stringify({ query: '{ graphStats { entityCount } }' });

const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const server of servers) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) continue;
    server.child.kill('SIGKILL');
    await server.exited;
  }
});

interface Reply {
  status: number;
  body: string;
}

/**
 * Sends the headers and the first half of the body, resolves `sentHead` once they are written,
 * and sends the rest when `finish` is called: a request the server has certainly accepted and
 * is still reading when the signal arrives.
 */
function slowRequest(port: number) {
  const bytes = Buffer.from(QUERY);
  const half = Math.floor(bytes.length / 2);
  const req = request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(bytes.length) },
  });
  const reply = new Promise<Reply | Error>((done) => {
    const fail = (error: Error) => done(error);
    req.on('error', fail);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      res.on('error', fail);
    });
  });
  req.flushHeaders();
  const sentHead = new Promise<void>((done) => req.write(bytes.subarray(0, half), () => done()));
  return { sentHead, reply, finish: () => req.end(bytes.subarray(half)) };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** Polls until the port refuses connections, for the moment between close() and the listener going away. */
async function refusedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await accepts(port))) return true;
    await sleep(50);
  }
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

describe('SIGTERM', () => {
  it('finishes the in-flight request, then exits 0 with "Stopped." and frees the port', async () => {
    const port = await freePort();
    const server = spawnServer({
      NEO4J_URI: inject('neo4jUri'),
      PORT: String(port),
      SEED_ON_EMPTY: 'false',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    servers.push(server);
    await server.waitFor(/GraphQL ready/, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);

    const inFlight = slowRequest(port);
    await inFlight.sentHead;
    await sleep(300); // let the server parse the headers and start the request
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    await server.waitFor(/Shutting down/, 5_000);
    // New connections are refused (the listener closes within a moment) while the in-flight request is still open.
    expect(await refusedWithin(port, 2_000)).toBe(true);
    expect(server.child.exitCode).toBeNull();

    inFlight.finish();
    const reply = await inFlight.reply;
    if (reply instanceof Error) throw reply;
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body) as { data?: { graphStats: { entityCount: number } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.graphStats.entityCount).toBeTypeOf('number');

    const exit = await Promise.race([server.exited, sleep(GRACE_MS + 5_000).then(() => 'timeout' as const)]);
    expect(exit).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(GRACE_MS + 5_000);
    expect(server.output()).toContain('Stopped.');
    expect(await accepts(port)).toBe(false);
  }, 90_000);

  it('exits 0 soon after a request dispatched just before the signal completes', async () => {
    const port = await freePort();
    const server = spawnServer({
      NEO4J_URI: inject('neo4jUri'),
      PORT: String(port),
      SEED_ON_EMPTY: 'false',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    servers.push(server);
    await server.waitFor(/GraphQL ready/, 60_000);

    // A keep-alive client (fetch) with a response already read: its idle connection must not
    // hold the process open until the grace period runs out.
    const warm = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: QUERY,
    });
    expect(warm.status).toBe(200);
    await warm.text();

    const pending = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: QUERY,
    });
    await sleep(50);
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    const response = await pending;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data?: unknown }).data).toBeTruthy();

    expect(await server.exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(GRACE_MS + 5_000);
    expect(server.output()).toContain('Stopped.');
    expect(await accepts(port)).toBe(false);
  }, 90_000);
});
