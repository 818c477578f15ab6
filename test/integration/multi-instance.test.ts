import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { Graph } from '../../src/graph/database.js';
import { createDriver } from '../../src/graph/driver.js';
import { freePort } from '../../src/local-neo4j/process.js';
import { signToken } from '../helpers/graphql-post.js';
import { type RedisServer, startRedisServer } from '../helpers/redis-server.js';
import { type ServerProcess, spawnServer } from '../helpers/spawn-server.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Several instances on one Neo4j (through a neo4j:// routing URI) sharing one Redis: events,
 * cache invalidation and the rate limit hold across them, reads go on while Redis is down, and
 * sharing resumes when it returns. Instance A runs in this process; instance B is a separate
 * process (`src/server.ts` bundled, as deployed), so nothing but Redis can carry A's writes to B
 * (two servers in one process would also share the in-process change listeners). B polls the
 * graph version only every 10 minutes, so a prompt invalidation there can only come through
 * Redis. Entities it writes start `mi-test-`; afterAll removes them and the Change records made
 * meanwhile.
 */

const SECRET = 'multi-instance-test-secret-long-enough';
/** Requests per client per minute, across all instances. */
const LIMIT = 6;

const CREATE = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { key version } } }`;
const UPDATE = `mutation ($key: String!, $v: Int!, $summary: String!) {
  updateEntity(key: $key, expectedVersion: $v, input: { summary: $summary }) { entity { version } } }`;
const ENTITY = 'query ($key: String!) { entity(key: $key) { name summary version } }';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely, checking shapes with expect.
type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[]; extensions?: any };

/** Each request comes from a client of its own (instances trust X-Forwarded-For), unless a test names one. */
let clients = 0;
const nextClient = () => {
  clients += 1;
  return `10.0.${clients >> 8}.${clients & 255}`;
};

async function gql(base: string, query: string, variables: Record<string, unknown> = {}, { token = '', client = nextClient() } = {}) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

const roundTrips = (body: Body) => body.extensions?.queryStats?.neo4jRoundTrips as number | undefined;
const statusOf = async (url: string) => (await fetch(url)).status;
const gauge = async (base: string, name: string) => {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1]);
};
const poll = { interval: 50, timeout: 8000 };

/**
 * A `graphChanged` subscription over SSE; `events` fills as they arrive. Returns once the first
 * bytes (yoga's opening ping) arrived: the server reads the subscription's first event right
 * after sending them, which is when the subscription registers with the instance's event target.
 */
async function subscribe(base: string, keys: string[]) {
  const controller = new AbortController();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    signal: controller.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-forwarded-for': nextClient() },
    body: JSON.stringify({
      query: `subscription ($keys: [String!]) { graphChanged(keys: $keys) { change { op target } } }`,
      variables: { keys },
    }),
  });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: { op: string; target: string }[] = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = decoder.decode((await reader.read()).value, { stream: true });
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      const messages = buffer.split('\n\n');
      buffer = messages.pop() ?? '';
      for (const message of messages) {
        const data = message.split('\n').find((line) => line.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)).data.graphChanged.change);
      }
    }
  })();
  return { events, close: () => controller.abort() };
}

describe('several instances sharing one Redis', () => {
  let redis: RedisServer;
  let graph: Graph;
  let a: TestServer;
  /** Like A, but REDIS_REQUIRED=true: its /ready follows Redis. */
  let strict: TestServer;
  let b: ServerProcess;
  let bUrl: string;
  let token: string;
  const logsA: string[] = [];
  const started = new Date().toISOString();

  beforeAll(async () => {
    redis = await startRedisServer();
    // The bundled single Neo4j 5 answers routing requests too, as a cluster or Aura would.
    const routingUri = inject('neo4jUri').replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
    expect(routingUri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
    graph = new Graph(
      createDriver({ uri: routingUri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' }),
      process.env.NEO4J_DATABASE ?? 'neo4j',
      5000,
    );
    const env = {
      REDIS_URL: redis.url,
      AUTH_JWT_SECRET: SECRET,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      RESPONSE_CACHE_BYTES: String(1024 * 1024),
      TRUST_PROXY: 'true',
      QUERY_STATS: 'true',
    };
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawnServer({
      ...env,
      NEO4J_URI: routingUri,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_ON_EMPTY: 'false',
      GRAPH_WATCH_MS: '600000',
      SHUTDOWN_GRACE_MS: '500',
      LOG_FORMAT: 'json',
    });
    [a, strict, token] = await Promise.all([
      startTestServer(graph, env, logsA),
      startTestServer(graph, { ...env, REDIS_REQUIRED: 'true' }),
      signToken(SECRET, { sub: 'mi-tester' }),
      b.waitFor(/GraphQL ready at/, 60_000),
    ]);
    for (const base of [a.url, bUrl, strict.url]) await vi.waitFor(async () => expect(await gauge(base, 'redis_up')).toBe(1), poll);
  });

  afterAll(async () => {
    await graph?.writeTransaction(async (run) => {
      await run("MATCH (n:Entity) WHERE n.key STARTS WITH 'mi-test-' DETACH DELETE n", {});
      await run('MATCH (c:Change) WHERE c.at >= $started DELETE c', { started });
    });
    b?.child.kill('SIGTERM');
    await Promise.all([b?.exited, a?.close(), strict?.close()]);
    await graph?.driver.close();
    await redis?.stop();
  });

  it('without REDIS_URL an instance has nothing to do with Redis', async () => {
    const alone = await startTestServer(graph);
    try {
      expect(await (await fetch(`${alone.url}/metrics`)).text()).not.toMatch(/redis_up|shared_state_fallback/);
      expect(await statusOf(`${alone.url}/ready`)).toBe(200);
    } finally {
      await alone.close();
    }
  });

  it('a write on A reaches a subscriber on B at once, and B never answers from its cache of before', async () => {
    const subscriber = await subscribe(bUrl, ['mi-test-a']);
    try {
      // B's SUBSCRIBE reached Redis (a subscription starts when its stream is first read).
      await expect.poll(() => redis.subscribers('kg:graphChanged'), poll).toBe(1);
      // B caches the answer "no such entity".
      expect((await gql(bUrl, ENTITY, { key: 'mi-test-a' })).body.data?.entity).toBeNull();
      const cached = await gql(bUrl, ENTITY, { key: 'mi-test-a' });
      expect(roundTrips(cached.body)).toBe(0);

      const input = { key: 'mi-test-a', kind: 'FRAMEWORK', name: 'MI test A', summary: 'Written through instance A.' };
      const created = await gql(a.url, CREATE, { input }, { token });
      expect(created.body.errors).toBeUndefined();
      // Asked right after A answered, with no waiting: B already dropped its cached answer.
      expect((await gql(bUrl, ENTITY, { key: 'mi-test-a' })).body.data?.entity).toMatchObject({ name: 'MI test A', version: 1 });
      await expect.poll(() => subscriber.events, poll).toEqual([{ op: 'CREATE_ENTITY', target: 'mi-test-a' }]);
    } finally {
      subscriber.close();
    }
  });

  it('the rate limit holds across instances: one client gets LIMIT requests in all', async () => {
    const client = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i += 1) statuses.push((await gql(i % 2 ? bUrl : a.url, '{ __typename }', {}, { client })).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
    for (const base of [a.url, bUrl]) {
      const over = await gql(base, '{ __typename }', {}, { client });
      expect(over.status).toBe(429);
      expect(over.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
  });

  describe('when Redis goes away and comes back', () => {
    let subscriberOnB: Awaited<ReturnType<typeof subscribe>>;

    beforeAll(async () => {
      subscriberOnB = await subscribe(bUrl, ['mi-test-a']);
      await vi.waitFor(async () => expect(await redis.subscribers('kg:graphChanged')).toBe(1), poll);
      expect(await statusOf(`${strict.url}/ready`)).toBe(200);
      await redis.stop();
    });
    afterAll(() => subscriberOnB?.close());

    it('reads go on, /metrics says Redis is down, and only REDIS_REQUIRED turns /ready to 503', async () => {
      for (const base of [a.url, bUrl]) {
        await expect.poll(() => gauge(base, 'redis_up'), poll).toBe(0);
        expect(await gauge(base, 'shared_state_fallback')).toBe(1);
        const read = await gql(base, ENTITY, { key: 'python' });
        expect(read.status).toBe(200);
        expect(read.body.data?.entity?.name).toBe('Python');
        expect(await statusOf(`${base}/ready`)).toBe(200);
      }
      await expect.poll(() => statusOf(`${strict.url}/ready`), poll).toBe(503);
      // Said once, not once per failed reconnect.
      expect(logsA.filter((line) => /Redis at .* lost/.test(line))).toHaveLength(1);
      expect(b.output().match(/Redis at \S+ lost/g)).toHaveLength(1);
    });

    it('rate limits fall back to per-instance counters', async () => {
      const client = '203.0.113.8';
      for (let i = 0; i < LIMIT; i += 1) expect((await gql(a.url, '{ __typename }', {}, { client })).status).toBe(200);
      expect((await gql(a.url, '{ __typename }', {}, { client })).status).toBe(429);
      expect((await gql(bUrl, '{ __typename }', {}, { client })).status).toBe(200);
    });

    it('a write still reaches subscribers of the instance that made it', async () => {
      const own = await subscribe(a.url, ['mi-test-b']);
      try {
        const input = { key: 'mi-test-b', kind: 'FRAMEWORK', name: 'MI test B', summary: 'Written while Redis was down.' };
        expect((await gql(a.url, CREATE, { input }, { token })).body.errors).toBeUndefined();
        await expect.poll(() => own.events, poll).toEqual([{ op: 'CREATE_ENTITY', target: 'mi-test-b' }]);
      } finally {
        own.close();
      }
    });

    it('once Redis is back, sharing resumes: events and cache invalidation reach B again', async () => {
      await redis.start();
      for (const base of [a.url, bUrl]) await expect.poll(() => gauge(base, 'redis_up'), poll).toBe(1);
      await expect.poll(() => statusOf(`${strict.url}/ready`), poll).toBe(200);
      // B's subscriber from before the outage is subscribed again.
      await expect.poll(() => redis.subscribers('kg:graphChanged'), poll).toBe(1);
      expect(logsA.filter((line) => /Redis at .* is back/.test(line))).toHaveLength(1);

      const before = (await gql(bUrl, ENTITY, { key: 'mi-test-a' })).body.data?.entity;
      expect(roundTrips((await gql(bUrl, ENTITY, { key: 'mi-test-a' })).body)).toBe(0);
      const updated = await gql(a.url, UPDATE, { key: 'mi-test-a', v: before.version, summary: 'Updated after the outage.' }, { token });
      expect(updated.body.errors).toBeUndefined();
      expect((await gql(bUrl, ENTITY, { key: 'mi-test-a' })).body.data?.entity.summary).toBe('Updated after the outage.');
      await expect.poll(() => subscriberOnB.events, poll).toEqual([{ op: 'UPDATE_ENTITY', target: 'mi-test-a' }]);
    });
  });
});
