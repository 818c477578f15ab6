import { expect } from 'vitest';
import { createDriver } from '../../src/graph/driver.js';
import { post, signToken } from './graphql-post.js';

/**
 * A stream of curated writes (create an entity, then link it) to aim a Neo4j crash at, and the
 * check that none of them was half-written: a write and its Change are one transaction.
 */

/** The HS256 secret the servers under these writes are started with (AUTH_JWT_SECRET). */
export const WRITES_SECRET = 'crash-test-secret-that-is-long-enough';
const ACTOR = 'crash-writer';
const PREFIX = 'crash-';

const CREATE = 'mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';
const LINK = 'mutation ($input: LinkEntitiesInput!) { linkEntities(input: $input) { change { id } } }';

interface WriteStream {
  /** Resolves once a write (entity and link) has been acknowledged: the query plans are warm. */
  flowing: Promise<void>;
  /** Ends the stream: no new writes; resolves, once those in flight are answered, with the keys whose writes were acknowledged. */
  stop(): Promise<{ entities: string[]; links: string[]; failures: number }>;
}

/** Four writers, each creating an entity and then linking it, until stopped. */
export async function startWrites(base: string): Promise<WriteStream> {
  const token = await signToken(WRITES_SECRET, { sub: ACTOR, roles: ['editor'], ttl: '10m' });
  let running = true;
  const entities: string[] = [];
  const links: string[] = [];
  let failures = 0;
  let flowing = () => {};
  const writer = async (id: number) => {
    for (let n = 0; running; n++) {
      const key = `${PREFIX}${id}-${n}`;
      const input = { key, kind: 'FRAMEWORK', name: key, summary: 'Written while Neo4j was killed.' };
      const created = await post(base, CREATE, { input }, token).catch(() => null);
      if (!created?.data?.createEntity) {
        failures++;
        continue;
      }
      entities.push(key);
      const link = {
        from: key,
        to: 'python',
        type: 'WRITTEN_IN',
        basis: 'INFERRED',
        evidence: 'Outage test.',
        source: 'article',
        section: 'Frameworks',
      };
      const linked = await post(base, LINK, { input: link }, token).catch(() => null);
      if (linked?.data?.linkEntities) {
        links.push(key);
        flowing();
      } else failures++;
    }
  };
  const started = new Promise<void>((resolve, reject) => {
    flowing = resolve;
    setTimeout(() => reject(new Error(`no curated write was acknowledged within 60 s (${failures} failed)`)), 60_000).unref();
  });
  const done = Promise.all([0, 1, 2, 3].map(writer));
  return {
    flowing: started,
    stop: async () => {
      running = false;
      await done;
      return { entities, links, failures };
    },
  };
}

/** The curated writes as Neo4j holds them: each Change, and each entity and link the writers made. */
async function curatedState(uri: string) {
  const driver = createDriver({ uri, user: 'neo4j', password: '' });
  try {
    const params = { actor: ACTOR, prefix: PREFIX };
    const read = async <T>(cypher: string) => (await driver.executeQuery(cypher, params)).records.map((record) => record.toObject() as T);
    return {
      changes: await read<{ id: string; op: string; target: string }>(
        'MATCH (c:Change {actor: $actor}) RETURN c.id AS id, c.op AS op, c.target AS target',
      ),
      entities: await read<{ key: string }>('MATCH (n:Entity) WHERE n.key STARTS WITH $prefix RETURN n.key AS key'),
      links: await read<{ key: string; changeId: string }>(
        "MATCH (n:Entity)-[r:WRITTEN_IN]->(:Entity {key: 'python'}) WHERE n.key STARTS WITH $prefix RETURN n.key AS key, r.changeId AS changeId",
      ),
    };
  } finally {
    await driver.close();
  }
}

const sorted = (items: string[]) => [...items].sort();

/**
 * No half-written change: every Change has its effect, every entity and link the writers made
 * has its Change, and every write the client saw succeed is there. Returns how many landed.
 */
export async function expectNoHalfWrittenChange(
  uri: string,
  acknowledged: Awaited<ReturnType<WriteStream['stop']>>,
): Promise<{ entities: number; links: number }> {
  expect(acknowledged.entities.length).toBeGreaterThan(0);
  expect(acknowledged.failures).toBeGreaterThan(0);
  const state = await curatedState(uri);
  const targets = (op: string) => state.changes.filter((change) => change.op === op);
  expect(sorted(targets('CREATE_ENTITY').map((change) => change.target))).toEqual(sorted(state.entities.map((row) => row.key)));
  expect(sorted(targets('LINK').map((change) => change.id))).toEqual(sorted(state.links.map((row) => row.changeId)));
  expect(sorted(targets('LINK').map((change) => change.target))).toEqual(sorted(state.links.map((row) => `${row.key} WRITTEN_IN python`)));
  expect(state.changes.length).toBe(state.entities.length + state.links.length);
  expect(state.entities.map((row) => row.key)).toEqual(expect.arrayContaining(acknowledged.entities));
  expect(state.links.map((row) => row.key)).toEqual(expect.arrayContaining(acknowledged.links));
  return { entities: state.entities.length, links: state.links.length };
}
