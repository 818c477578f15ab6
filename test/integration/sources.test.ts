import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '../../src/seed/files.js';
import { post, signToken } from '../helpers/graphql-post.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * Sources over real HTTP: the article as the seed's source, citations on entities and
 * relationships (batched), `addSource` with its checks, links that must cite an existing source,
 * and the revert of an added source. Everything written uses keys starting `cur-src-`; afterAll
 * removes it and every Change made meanwhile.
 */

const SECRET = 'sources-test-secret-that-is-long-enough';
const codeOf = (body: Awaited<ReturnType<typeof post>>) => body.errors?.[0]?.extensions?.code;
const messageOf = (body: Awaited<ReturnType<typeof post>>) => body.errors?.[0]?.message;

const ADD_SOURCE = `mutation ($input: AddSourceInput!) {
  addSource(input: $input) { source { id key title author url published } change { id op target actor after } } }`;
const SOURCE = 'query ($key: String!) { source(key: $key) { key title author url published } }';
const CREATE = `mutation ($input: CreateEntityInput!) {
  createEntity(input: $input) { entity { key sources { section source { key } } } change { id } } }`;
const LINK = `mutation ($input: LinkEntitiesInput!) {
  linkEntities(input: $input) { relation { type sources { key title } } change { id op } } }`;
const UNLINK = 'mutation ($input: UnlinkEntitiesInput!) { unlinkEntities(input: $input) { relation { sources { key } } change { id } } }';
const REVERT = 'mutation ($id: ID!) { revertChange(id: $id) { source { key title } change { op revertOf } } }';
const CHANGES_SINCE = 'query ($since: String) { changes(since: $since, first: 100) { edges { node { op target } } } }';

/** A source with injection-shaped text in every field that takes text. */
const hostile = {
  key: 'cur-src-docs',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template-shaped text on purpose
  title: "Robert'); MATCH (n) DETACH DELETE n; // {{title}} ${title} <script>alert(1)</script>",
  author: 'O\'Brien" OR 1=1 -- `rm -rf /`',
  url: 'https://example.com/docs?q=%27%29%3B+MATCH+(n)+DETACH+DELETE+n&x=<b>',
  published: '2025-01-31',
};

describe('sources', () => {
  let api: SeededServer;
  let editor: string;
  let admin: string;
  const started = new Date().toISOString();
  const seed = loadSeedData();

  beforeAll(async () => {
    api = await startSeededServer({ AUTH_JWT_SECRET: SECRET, QUERY_STATS: 'true' });
    [editor, admin] = await Promise.all([signToken(SECRET, { sub: 'sam' }), signToken(SECRET, { sub: 'root', roles: ['admin'] })]);
  });

  afterAll(async () => {
    await api.graph.writeTransaction(async (run) => {
      await run("MATCH (n:Entity) WHERE n.key STARTS WITH 'cur-src-' DETACH DELETE n", {});
      await run("MATCH (:Entity)-[r]->(:Entity) WHERE any(key IN r.sources WHERE key STARTS WITH 'cur-src-') DELETE r", {});
      await run("MATCH (s:Source) WHERE s.key STARTS WITH 'cur-src-' DELETE s", {});
      await run('MATCH (c:Change) WHERE c.at >= $started DELETE c', { started });
    });
    await api.stop();
  });

  describe('reading', () => {
    it('the article is the source `article`, a Node with a global id', async () => {
      const article = { key: 'article', title: seed.source.title, author: seed.source.author, url: null, published: seed.source.published };
      const body = await post(api.url, '{ sources { id key title author url published } }');
      expect(body.data?.sources).toEqual([{ id: Buffer.from('Source:article').toString('base64'), ...article }]);
      expect((await post(api.url, SOURCE, { key: 'article' })).data?.source).toEqual(article);
      expect((await post(api.url, SOURCE, { key: 'no-such-source' })).data?.source).toBeNull();
      const node = await post(api.url, 'query ($id: ID!) { node(id: $id) { id ... on Source { key title } } }', {
        id: Buffer.from('Source:article').toString('base64'),
      });
      expect(node.data?.node).toEqual({ id: Buffer.from('Source:article').toString('base64'), key: 'article', title: seed.source.title });
    });

    it('every entity lists the article with each of its sections; every relationship cites it', async () => {
      const body = await post(
        api.url,
        '{ entity(key: "django") { sources { section source { key } articleTitle } relations(first: 100) { edges { sources { key } } } } }',
      );
      const django = seed.entities.find((entity) => entity.key === 'django');
      expect(body.data?.entity.sources).toEqual(
        django?.sections.map((section) => ({ section, source: { key: 'article' }, articleTitle: seed.source.title })),
      );
      const edges = body.data?.entity.relations.edges as { sources: { key: string }[] }[];
      expect(edges.length).toBeGreaterThan(1);
      expect(edges.every((edge) => JSON.stringify(edge.sources) === '[{"key":"article"}]')).toBe(true);
    });

    it('loads the sources of a whole page in one round-trip, however many entities and edges cite them', async () => {
      const query = `query ($first: Int!) { entities(first: $first) { nodes { key sources { source { title } }
        relations(first: 3) { edges { sources { title } } } } } }`;
      const cost = async (first: number) => {
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: { first } }),
        });
        const body = (await response.json()) as { extensions: { queryStats: { neo4jRoundTrips: number } } };
        return body.extensions.queryStats.neo4jRoundTrips;
      };
      // entities page + relations + sources (entities and edges share one loader)
      expect(await cost(2)).toBe(3);
      expect(await cost(30)).toBe(3);
    });
  });

  describe('addSource', () => {
    it('is for editors: no token is UNAUTHENTICATED, a token without a role FORBIDDEN', async () => {
      expect(codeOf(await post(api.url, ADD_SOURCE, { input: hostile }))).toBe('UNAUTHENTICATED');
      const reader = await signToken(SECRET, { roles: [] });
      expect(codeOf(await post(api.url, ADD_SOURCE, { input: hostile }, reader))).toBe('FORBIDDEN');
      expect((await post(api.url, SOURCE, { key: hostile.key })).data?.source).toBeNull();
    });

    it.each([
      ['a taken key', { ...hostile, key: 'article' }, /already taken/],
      ['a key that is not a slug', { ...hostile, key: "x') DETACH DELETE n //" }, /lowercase slug/],
      ['an empty title', { ...hostile, title: '   ' }, /must not be empty/],
      ['a title over its limit', { ...hostile, title: 't'.repeat(301) }, /at most 300/],
      ['an author over its limit', { ...hostile, author: 'a'.repeat(201) }, /at most 200/],
      ['a javascript: url', { ...hostile, url: 'javascript:alert(1)' }, /http or https/],
      ['an ftp url', { ...hostile, url: 'ftp://example.com/file' }, /http or https/],
      ['a file url', { ...hostile, url: 'file:///etc/passwd' }, /http or https/],
      ['a url over its limit', { ...hostile, url: `https://example.com/${'p'.repeat(2000)}` }, /at most 2000/],
      ['a date that is not ISO', { ...hostile, published: '31/01/2025' }, /ISO date/],
    ])('with %s is BAD_USER_INPUT and adds nothing', async (_label, input, message) => {
      const body = await post(api.url, ADD_SOURCE, { input }, editor);
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(messageOf(body)).toMatch(message);
      expect((await post(api.url, '{ sources { key } }')).data?.sources).toEqual([{ key: 'article' }]);
    });

    it('stores injection-shaped text verbatim, as data, and records an ADD_SOURCE change', async () => {
      const body = await post(api.url, ADD_SOURCE, { input: hostile }, editor);
      expect(body.errors).toBeUndefined();
      expect(body.data?.addSource.source).toEqual({ id: Buffer.from(`Source:${hostile.key}`).toString('base64'), ...hostile });
      expect(body.data?.addSource.change).toMatchObject({ op: 'ADD_SOURCE', target: hostile.key, actor: 'sam' });
      expect(JSON.parse(body.data?.addSource.change.after)).toEqual(hostile);
      expect((await post(api.url, SOURCE, { key: hostile.key })).data?.source).toEqual(hostile);
      // The graph is all still there.
      expect((await post(api.url, '{ graphStats { entityCount } }')).data?.graphStats.entityCount).toBe(seed.entities.length);
    });

    it('optional fields may be left out', async () => {
      const body = await post(api.url, ADD_SOURCE, { input: { key: 'cur-src-book', title: 'A Book' } }, editor);
      expect(body.data?.addSource.source).toMatchObject({ key: 'cur-src-book', title: 'A Book', author: null, url: null, published: null });
    });
  });

  describe('citations', () => {
    const link = {
      from: 'django',
      to: 'testing',
      type: 'SUPPORTS',
      basis: 'INFERRED',
      evidence: 'The docs say so.',
      source: 'cur-src-docs',
      section: 'Security',
    };

    it('linkEntities must name an existing source; otherwise BAD_USER_INPUT and nothing is written', async () => {
      const before = (await post(api.url, CHANGES_SINCE, { since: started })).data?.changes.edges.length;
      for (const [source, message] of [
        ['cur-src-unknown', /No source has the key "cur-src-unknown"/],
        ['', /lowercase slug/],
        ["article' OR 1=1", /lowercase slug/],
      ] as const) {
        const body = await post(api.url, LINK, { input: { ...link, source } }, editor);
        expect(codeOf(body), source).toBe('BAD_USER_INPUT');
        expect(messageOf(body)).toMatch(message);
      }
      expect((await post(api.url, CHANGES_SINCE, { since: started })).data?.changes.edges.length).toBe(before);
      const edges = await post(
        api.url,
        '{ entity(key: "django") { relations(types: [SUPPORTS], direction: OUT) { edges { node { key } } } } }',
      );
      expect(edges.data?.entity.relations.edges.map((edge: { node: { key: string } }) => edge.node.key)).not.toContain('testing');
    });

    it('a curated link cites its source, on the write and when read back', async () => {
      const body = await post(api.url, LINK, { input: link }, editor);
      expect(body.data?.linkEntities.relation).toEqual({ type: 'SUPPORTS', sources: [{ key: hostile.key, title: hostile.title }] });
      const read = await post(
        api.url,
        '{ entity(key: "django") { relations(types: [SUPPORTS], direction: OUT) { edges { node { key } sources { key } } } } }',
      );
      expect(read.data?.entity.relations.edges).toContainEqual({ node: { key: 'testing' }, sources: [{ key: hostile.key }] });
    });

    it('createEntity cites the article unless told otherwise, and only existing sources', async () => {
      const input = { key: 'cur-src-tool', kind: 'FRAMEWORK', name: 'Tool', summary: 'A tool from the docs.', sources: [hostile.key] };
      const bad = await post(api.url, CREATE, { input: { ...input, sources: ['cur-src-unknown'] } }, editor);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect((await post(api.url, SOURCE, { key: 'cur-src-tool' })).data?.source).toBeNull();
      const many = await post(api.url, CREATE, { input: { ...input, sources: Array(31).fill('article') } }, editor);
      expect(messageOf(many)).toMatch(/at most 30 sources/);
      const body = await post(api.url, CREATE, { input }, editor);
      expect(body.data?.createEntity.entity.sources).toEqual([{ section: '', source: { key: hostile.key } }]);
      const plain = await post(
        api.url,
        CREATE,
        { input: { ...input, key: 'cur-src-plain', sources: undefined, sections: ['Frameworks'] } },
        editor,
      );
      expect(plain.data?.createEntity.entity.sources).toEqual([{ section: 'Frameworks', source: { key: 'article' } }]);
    });

    it('updateEntity corrects the sources an entity cites, only to existing ones', async () => {
      const UPDATE = `mutation ($key: String!, $v: Int!, $input: UpdateEntityInput!) {
        updateEntity(key: $key, expectedVersion: $v, input: $input) { entity { version sources { source { key } } } } }`;
      const input = { key: 'cur-src-fix', kind: 'FRAMEWORK', name: 'Fix', summary: 'Cited wrongly at first.' };
      expect((await post(api.url, CREATE, { input }, editor)).errors).toBeUndefined();
      const bad = await post(api.url, UPDATE, { key: 'cur-src-fix', v: 1, input: { sources: ['cur-src-unknown'] } }, editor);
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(messageOf(bad)).toMatch(/cur-src-unknown/);
      const fixed = await post(api.url, UPDATE, { key: 'cur-src-fix', v: 1, input: { sources: [hostile.key] } }, editor);
      expect(fixed.data?.updateEntity.entity).toEqual({ version: 2, sources: [{ source: { key: hostile.key } }] });
    });

    it('reverting addSource removes the source only once nothing cites it (admin), and can be reverted in turn', async () => {
      const added = await post(api.url, ADD_SOURCE, { input: { key: 'cur-src-temp', title: 'Temporary' } }, editor);
      const id = added.data?.addSource.change.id;
      const cites = await post(api.url, LINK, { input: { ...link, to: 'reliability', source: 'cur-src-temp' } }, editor);
      expect(cites.errors).toBeUndefined();
      const cited = await post(api.url, REVERT, { id }, admin);
      expect(codeOf(cited)).toBe('CONFLICT');
      expect(messageOf(cited)).toMatch(/cited/);
      const unlinked = await post(api.url, UNLINK, { input: { from: 'django', to: 'reliability', type: 'SUPPORTS' } }, editor);
      expect(unlinked.data?.unlinkEntities.relation.sources).toEqual([{ key: 'cur-src-temp' }]);
      const removed = await post(api.url, REVERT, { id }, admin);
      expect(removed.data?.revertChange).toEqual({ source: null, change: { op: 'REMOVE_SOURCE', revertOf: id } });
      expect((await post(api.url, SOURCE, { key: 'cur-src-temp' })).data?.source).toBeNull();
      const history = await post(api.url, 'query { history(key: "cur-src-temp", first: 1) { edges { node { id } } } }');
      const back = await post(api.url, REVERT, { id: history.data?.history.edges[0].node.id }, admin);
      expect(back.data?.revertChange.source).toEqual({ key: 'cur-src-temp', title: 'Temporary' });
    });
  });
});
