import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, signToken } from '../helpers/graphql-post.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * The curation write API over real HTTP: roles and tokens, every mutation and error code,
 * optimistic concurrency, history and revert, and live events. Everything it writes uses keys
 * starting `cur-test-`, and afterAll removes those entities and every Change made meanwhile, so
 * later files see the pristine seed.
 */

const SECRET = 'curation-test-secret-that-is-long-enough';
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'kg-api';
const token = (claims: Parameters<typeof signToken>[1] = {}) => signToken(SECRET, { iss: ISSUER, aud: AUDIENCE, ...claims });

const CREATE = `mutation ($input: CreateEntityInput!) {
  createEntity(input: $input) { entity { key name kind version updatedBy updatedAt } change { id op target actor } } }`;
const UPDATE = `mutation ($key: String!, $v: Int!, $input: UpdateEntityInput!) {
  updateEntity(key: $key, expectedVersion: $v, input: $input) { entity { key summary version updatedBy } change { id op before after } } }`;
const DELETE = `mutation ($key: String!, $v: Int!) { deleteEntity(key: $key, expectedVersion: $v) { entity { key } change { id op } } }`;
const LINK = `mutation ($input: LinkEntitiesInput!) {
  linkEntities(input: $input) { relation { from { key } to { key } type basis evidence createdBy } change { id op target } } }`;
const UNLINK = `mutation ($input: UnlinkEntitiesInput!) { unlinkEntities(input: $input) { relation { type evidence } change { id op } } }`;
const REVERT = `mutation ($id: ID!) { revertChange(id: $id) { entity { key summary version } relation { type } change { id op revertOf actor } } }`;
const HISTORY = `query ($key: String!, $first: Int, $after: String) {
  history(key: $key, first: $first, after: $after) { edges { cursor node { id op actor } } pageInfo { hasNextPage endCursor } } }`;
const ENTITY = 'query ($key: String!) { entity(key: $key) { key summary version updatedBy relations(direction: OUT) { totalCount } } }';

const entityInput = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind: 'FRAMEWORK',
  name: `Test ${key}`,
  summary: 'A framework added by the curation tests.',
  aliases: [`${key}-alias`],
  ...extra,
});
const codeOf = (body: Awaited<ReturnType<typeof post>>) => body.errors?.[0]?.extensions?.code;

describe('curation API', () => {
  let api: SeededServer;
  let open: SeededServer;
  let editor: string;
  let admin: string;
  const started = new Date().toISOString();

  beforeAll(async () => {
    [api, open] = await Promise.all([
      startSeededServer({ AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE }),
      startSeededServer(),
    ]);
    [editor, admin] = await Promise.all([token({ sub: 'alice' }), token({ sub: 'root', roles: ['admin'] })]);
  });

  afterAll(async () => {
    await api.graph.writeTransaction(async (run) => {
      await run("MATCH (n:Entity) WHERE n.key STARTS WITH 'cur-test-' DETACH DELETE n", {});
      await run('MATCH (c:Change) WHERE c.at >= $started DELETE c', { started });
    });
    await Promise.all([api.stop(), open.stop()]);
  });

  describe('authentication and roles', () => {
    it('without configured auth, writes are FORBIDDEN and say how to enable them; reads still work', async () => {
      const body = await post(open.url, CREATE, { input: entityInput('cur-test-x') }, editor);
      expect(codeOf(body)).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toMatch(/AUTH_JWT_SECRET/);
      expect((await post(open.url, ENTITY, { key: 'python' })).data?.entity.key).toBe('python');
    });

    it('reads stay anonymous; a write without a token is UNAUTHENTICATED', async () => {
      expect((await post(api.url, ENTITY, { key: 'python' })).data?.entity).toMatchObject({ version: 1, updatedBy: 'seed' });
      expect(codeOf(await post(api.url, CREATE, { input: entityInput('cur-test-x') }))).toBe('UNAUTHENTICATED');
    });

    it('a token without a curation role is FORBIDDEN; an editor may not delete or revert', async () => {
      const reader = await token({ roles: [] });
      expect(codeOf(await post(api.url, CREATE, { input: entityInput('cur-test-x') }, reader))).toBe('FORBIDDEN');
      const denied = await post(api.url, DELETE, { key: 'python', v: 1 }, editor);
      expect(codeOf(denied)).toBe('FORBIDDEN');
      expect(denied.errors?.[0]?.message).toMatch(/admin role/);
      expect(codeOf(await post(api.url, REVERT, { id: 'x' }, editor))).toBe('FORBIDDEN');
    });

    const secret = new TextEncoder().encode(SECRET);
    const now = Math.floor(Date.now() / 1000);
    const base = () => new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory');
    it.each([
      [
        'expired',
        () =>
          base()
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setExpirationTime(now - 60)
            .sign(secret),
        /expired/,
      ],
      [
        'not yet valid',
        () =>
          base()
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .setNotBefore(now + 600)
            .sign(secret),
        /not valid yet/,
      ],
      [
        'badly signed',
        () =>
          base()
            .setIssuer(ISSUER)
            .setAudience(AUDIENCE)
            .sign(new TextEncoder().encode(`${SECRET}-other`)),
        /signature/,
      ],
      ['from another issuer', () => base().setIssuer('https://evil.test').setAudience(AUDIENCE).sign(secret), /issuer/],
      ['for another audience', () => base().setIssuer(ISSUER).setAudience('other-api').sign(secret), /audience/],
      [
        'unsigned (alg: none)',
        async () => new UnsecuredJWT({ roles: ['admin'], sub: 'mallory', iss: ISSUER, aud: AUDIENCE }).encode(),
        /algorithm/,
      ],
      ['garbage', async () => 'not.a.jwt', /malformed/],
    ])('a token %s is UNAUTHENTICATED, for writes and reads', async (_label, make, message) => {
      const bad = await make();
      const body = await post(api.url, DELETE, { key: 'python', v: 1 }, bad);
      expect(codeOf(body)).toBe('UNAUTHENTICATED');
      expect(body.errors?.[0]?.message).toMatch(message);
      expect(codeOf(await post(api.url, ENTITY, { key: 'python' }, bad))).toBe('UNAUTHENTICATED');
    });

    it('READ_REQUIRES_AUTH=true makes reads need a token', async () => {
      // With the response cache on (test servers run without it), which must not bypass the check.
      const closed = await startSeededServer({
        AUTH_JWT_SECRET: SECRET,
        READ_REQUIRES_AUTH: 'true',
        RESPONSE_CACHE_BYTES: String(1 << 20),
      });
      try {
        expect(codeOf(await post(closed.url, ENTITY, { key: 'python' }))).toBe('UNAUTHENTICATED');
        const reader = await signToken(SECRET, { roles: [] });
        expect((await post(closed.url, ENTITY, { key: 'python' }, reader)).data?.entity.key).toBe('python');
        // The answer is cached now; the cache must not hand it to an anonymous caller.
        expect((await post(closed.url, ENTITY, { key: 'python' }, reader)).data?.entity.key).toBe('python');
        const anonymous = await post(closed.url, ENTITY, { key: 'python' });
        expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
        expect(anonymous.data?.entity ?? null).toBeNull();
      } finally {
        await closed.stop();
      }
    });
  });

  describe('entities', () => {
    it('createEntity writes version 1 by the actor and records the change', async () => {
      const body = await post(api.url, CREATE, { input: entityInput('cur-test-a') }, editor);
      expect(body.errors).toBeUndefined();
      expect(body.data?.createEntity.entity).toMatchObject({ key: 'cur-test-a', kind: 'FRAMEWORK', version: 1, updatedBy: 'alice' });
      expect(body.data?.createEntity.change).toMatchObject({ op: 'CREATE_ENTITY', target: 'cur-test-a', actor: 'alice' });
      // Found by search at once: the derived search fields are written too.
      const search = await post(api.url, '{ search(text: "cur-test-a-alias") { entity { key } } }');
      expect(search.data?.search.map((hit: { entity: { key: string } }) => hit.entity.key)).toContain('cur-test-a');
    });

    it.each([
      ['a taken key', entityInput('python'), /already taken/],
      ['a key that is not a slug', entityInput('Not A Slug'), /lowercase slug/],
      ['an empty summary', entityInput('cur-test-y', { summary: '  ' }), /must not be empty/],
      ['a summary over its limit', entityInput('cur-test-y', { summary: 's'.repeat(2001) }), /at most 2000/],
      ['too many aliases', entityInput('cur-test-y', { aliases: Array.from({ length: 31 }, (_, i) => `a${i}`) }), /at most 30/],
    ])('createEntity with %s is BAD_USER_INPUT', async (_label, input, message) => {
      const body = await post(api.url, CREATE, { input }, editor);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(message);
    });

    it('updateEntity bumps the version; a stale expectedVersion is CONFLICT with the current version', async () => {
      const ok = await post(api.url, UPDATE, { key: 'cur-test-a', v: 1, input: { summary: 'Second summary.' } }, editor);
      expect(ok.data?.updateEntity.entity).toMatchObject({ summary: 'Second summary.', version: 2 });
      expect(JSON.parse(ok.data?.updateEntity.change.before).version).toBe(1);
      const stale = await post(api.url, UPDATE, { key: 'cur-test-a', v: 1, input: { summary: 'Lost.' } }, editor);
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
      expect(codeOf(await post(api.url, UPDATE, { key: 'cur-test-nope', v: 1, input: { name: 'x' } }, editor))).toBe('NOT_FOUND');
      // An empty input would change nothing but the version: refused, and the version stays.
      const empty = await post(api.url, UPDATE, { key: 'cur-test-a', v: 2, input: {} }, editor);
      expect(codeOf(empty)).toBe('BAD_USER_INPUT');
      expect((await post(api.url, ENTITY, { key: 'cur-test-a' })).data?.entity.version).toBe(2);
    });

    it('two concurrent updates of the same version: one wins, the other is CONFLICT', async () => {
      const results = await Promise.all(
        ['From A.', 'From B.'].map((summary) => post(api.url, UPDATE, { key: 'cur-test-a', v: 2, input: { summary } }, editor)),
      );
      const outcomes = results.map((body) => codeOf(body) ?? 'OK').sort();
      expect(outcomes).toEqual(['CONFLICT', 'OK']);
      const winner = results.find((body) => body.data?.updateEntity)?.data?.updateEntity.entity;
      const now = (await post(api.url, ENTITY, { key: 'cur-test-a' })).data?.entity;
      expect(now).toMatchObject({ version: 3, summary: winner.summary });
    });
  });

  describe('relationships', () => {
    const link = {
      from: 'cur-test-a',
      to: 'python',
      type: 'WRITTEN_IN',
      basis: 'INFERRED',
      evidence: 'Tests say so.',
      source: 'article',
      section: 'Tests',
    };

    it.each([
      ['kinds the vocabulary does not allow', { ...link, type: 'MENTORS' }, 'BAD_USER_INPUT', /MENTORS links SENIORITY_LEVEL/],
      ['empty evidence', { ...link, evidence: ' ' }, 'BAD_USER_INPUT', /must not be empty/],
      ['a self-link', { ...link, to: 'cur-test-a', type: 'BUILT_ON' }, 'BAD_USER_INPUT', /itself/],
      ['an unknown key', { ...link, to: 'cur-test-nope' }, 'NOT_FOUND', /cur-test-nope/],
      ['an unknown source', { ...link, source: 'cur-test-nope' }, 'BAD_USER_INPUT', /No source has the key "cur-test-nope"/],
      ['an empty source', { ...link, source: '' }, 'BAD_USER_INPUT', /lowercase slug/],
    ])('linkEntities with %s fails', async (_label, input, code, message) => {
      const body = await post(api.url, LINK, { input }, editor);
      expect(codeOf(body)).toBe(code);
      expect(body.errors?.[0]?.message).toMatch(message);
    });

    it('links, refuses a duplicate, unlinks, and an unknown link is NOT_FOUND', async () => {
      const body = await post(api.url, LINK, { input: link }, editor);
      expect(body.data?.linkEntities.relation).toMatchObject({ from: { key: 'cur-test-a' }, to: { key: 'python' }, createdBy: 'alice' });
      expect(body.data?.linkEntities.change).toMatchObject({ op: 'LINK', target: 'cur-test-a WRITTEN_IN python' });
      expect((await post(api.url, ENTITY, { key: 'cur-test-a' })).data?.entity.relations.totalCount).toBe(1);
      expect(codeOf(await post(api.url, LINK, { input: link }, editor))).toBe('BAD_USER_INPUT');
      const key = { from: link.from, to: link.to, type: link.type };
      expect((await post(api.url, UNLINK, { input: key }, editor)).data?.unlinkEntities.relation.evidence).toBe('Tests say so.');
      expect(codeOf(await post(api.url, UNLINK, { input: key }, editor))).toBe('NOT_FOUND');
      // Reverting a LINK removes the link it made.
      const made = await post(api.url, LINK, { input: link }, editor);
      const undone = await post(api.url, REVERT, { id: made.data?.linkEntities.change.id }, admin);
      expect(undone.data?.revertChange.change).toMatchObject({ op: 'UNLINK', revertOf: made.data?.linkEntities.change.id });
      expect((await post(api.url, ENTITY, { key: 'cur-test-a' })).data?.entity.relations.totalCount).toBe(0);
      // Bob makes the same link again (and it stays for the delete/revert test below): reverting
      // Alice's first LINK must not remove Bob's.
      const bob = await token({ sub: 'bob' });
      expect((await post(api.url, LINK, { input: link }, bob)).errors).toBeUndefined();
      const revert = await post(api.url, REVERT, { id: body.data?.linkEntities.change.id }, admin);
      expect(codeOf(revert)).toBe('CONFLICT');
      expect(revert.errors?.[0]?.message).toMatch(/made again since by bob/);
      const still = await post(api.url, 'query { entity(key: "cur-test-a") { relations(direction: OUT) { edges { type } } } }');
      expect(still.data?.entity.relations.edges).toEqual([{ type: 'WRITTEN_IN' }]);
    });
  });

  describe('history and revert', () => {
    it('history pages the changes of a key, newest first', async () => {
      const first = (await post(api.url, HISTORY, { key: 'cur-test-a', first: 2 })).data?.history;
      expect(first.edges.map((edge: { node: { op: string } }) => edge.node.op)).toEqual(['LINK', 'UNLINK']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = (await post(api.url, HISTORY, { key: 'cur-test-a', first: 50, after: first.pageInfo.endCursor })).data?.history;
      expect(rest.edges.map((edge: { node: { op: string } }) => edge.node.op)).toEqual([
        // Alice's link, its revert (an UNLINK), her unlink, her first link; then the updates.
        'LINK',
        'UNLINK',
        'LINK',
        'UPDATE_ENTITY',
        'UPDATE_ENTITY',
        'CREATE_ENTITY',
      ]);
      const feed = await post(api.url, 'query ($since: String) { changes(since: $since, first: 100) { edges { node { target } } } }', {
        since: started,
      });
      expect(feed.data?.changes.edges.at(0).node.target).toBe('cur-test-a');
      // A time without milliseconds still includes the changes made within that second.
      const FEED = 'query ($since: String) { changes(since: $since, first: 100) { edges { node { id at } } } }';
      const oldest = (await post(api.url, FEED, { since: started })).data?.changes.edges.at(0).node;
      const wholeSecond = `${oldest.at.slice(0, 19)}Z`;
      const ids = (await post(api.url, FEED, { since: wholeSecond })).data?.changes.edges.map(
        (edge: { node: { id: string } }) => edge.node.id,
      );
      expect(ids).toContain(oldest.id);
    });

    it('revertChange (admin) undoes an update as a new change, and a delete with its links', async () => {
      const before = (await post(api.url, ENTITY, { key: 'cur-test-a' })).data?.entity;
      const updated = await post(api.url, UPDATE, { key: 'cur-test-a', v: before.version, input: { summary: 'To be reverted.' } }, editor);
      const reverted = await post(api.url, REVERT, { id: updated.data?.updateEntity.change.id }, admin);
      expect(reverted.data?.revertChange.entity).toMatchObject({ summary: before.summary, version: before.version + 2 });
      expect(reverted.data?.revertChange.change).toMatchObject({
        op: 'UPDATE_ENTITY',
        revertOf: updated.data?.updateEntity.change.id,
        actor: 'root',
      });

      const deleted = await post(api.url, DELETE, { key: 'cur-test-a', v: before.version + 2 }, admin);
      expect(deleted.data?.deleteEntity).toMatchObject({ entity: null, change: { op: 'DELETE_ENTITY' } });
      expect((await post(api.url, ENTITY, { key: 'cur-test-a' })).data?.entity).toBeNull();
      const restored = await post(api.url, REVERT, { id: deleted.data?.deleteEntity.change.id }, admin);
      expect(restored.data?.revertChange.change.op).toBe('CREATE_ENTITY');
      const back = (await post(api.url, ENTITY, { key: 'cur-test-a' })).data?.entity;
      expect(back).toMatchObject({ summary: before.summary, relations: { totalCount: 1 } });
      expect(codeOf(await post(api.url, REVERT, { id: 'no-such-change' }, admin))).toBe('NOT_FOUND');
    });
  });

  describe('live updates', () => {
    it('a graphChanged subscriber (SSE) receives another client’s write, filtered by keys', async () => {
      const controller = new AbortController();
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        signal: controller.signal,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { graphChanged(keys: ["cur-test-b"]) { change { op target actor } } }' }),
      });
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const events: unknown[] = [];
      const reading = (async () => {
        let buffer = '';
        while (events.length === 0) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += new TextDecoder().decode(value);
          for (const line of buffer.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
        }
      })();
      await new Promise((done) => setTimeout(done, 100));
      // A change to another key is filtered out; the one to cur-test-b arrives.
      await post(api.url, CREATE, { input: entityInput('cur-test-c') }, editor);
      await post(api.url, CREATE, { input: entityInput('cur-test-b') }, editor);
      await reading;
      controller.abort();
      expect(events[0]).toEqual({ data: { graphChanged: { change: { op: 'CREATE_ENTITY', target: 'cur-test-b', actor: 'alice' } } } });
    });
  });
});
