import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { post, signToken } from '../helpers/graphql-post.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * Every input of the curation API, field by field: over its limit it is BAD_USER_INPUT and
 * nothing is written; injection-shaped text is either stored verbatim, as data (free text), or
 * refused as not a key (keys). Keys written here start `cur-in-`; afterAll removes them and every
 * Change made meanwhile.
 */

const SECRET = 'curation-inputs-secret-that-is-long-enough';
const HOSTILE = 'x\'}) MATCH (n) DETACH DELETE n // $key `label` {props} \\" <script>';
const codeOf = (body: Awaited<ReturnType<typeof post>>) => body.errors?.[0]?.extensions?.code;
const long = (length: number) => 'a'.repeat(length);
const many = (count: number) => Array.from({ length: count }, (_, i) => `item ${i}`);

const CREATE = 'mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { key name summary aliases } } }';
const UPDATE = `mutation ($key: String!, $v: Int!, $input: UpdateEntityInput!) {
  updateEntity(key: $key, expectedVersion: $v, input: $input) { entity { summary version } } }`;
const DELETE = 'mutation ($key: String!) { deleteEntity(key: $key, expectedVersion: 1) { change { id } } }';
const LINK = 'mutation ($input: LinkEntitiesInput!) { linkEntities(input: $input) { relation { evidence section } } }';
const UNLINK = 'mutation ($input: UnlinkEntitiesInput!) { unlinkEntities(input: $input) { change { id } } }';
const ADD_SOURCE = 'mutation ($input: AddSourceInput!) { addSource(input: $input) { source { key } } }';
const REVERT = 'mutation ($id: ID!) { revertChange(id: $id) { change { id } } }';

const entity = { key: 'cur-in-base', kind: 'FRAMEWORK', name: 'Base', summary: 'Made by the input tests.' };
const link = {
  from: 'cur-in-base',
  to: 'python',
  type: 'WRITTEN_IN',
  basis: 'INFERRED',
  evidence: 'Tests say so.',
  source: 'article',
  section: 'Tests',
};
const source = { key: 'cur-in-source', title: 'A source' };
const pair = { from: 'cur-in-base', to: 'python', type: 'WRITTEN_IN' };

describe('curation inputs, field by field', () => {
  let api: SeededServer;
  let editor: string;
  let admin: string;
  const started = new Date().toISOString();
  const changeCount = async () => Number((await api.graph.read<{ n: number }>('MATCH (c:Change) RETURN count(c) AS n', {}))[0]?.n ?? 0);

  beforeAll(async () => {
    api = await startSeededServer({ AUTH_JWT_SECRET: SECRET });
    [editor, admin] = await Promise.all([signToken(SECRET, { sub: 'ines' }), signToken(SECRET, { sub: 'root', roles: ['admin'] })]);
    expect((await post(api.url, CREATE, { input: entity }, editor)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await api.graph.writeTransaction(async (run) => {
      await run("MATCH (n:Entity) WHERE n.key STARTS WITH 'cur-in-' DETACH DELETE n", {});
      await run("MATCH (s:Source) WHERE s.key STARTS WITH 'cur-in-' DELETE s", {});
      await run('MATCH (c:Change) WHERE c.at >= $started DELETE c', { started });
    });
    await api.stop();
  });

  const { curatedName, curatedSummary, curatedEvidence, curatedListItems, curatedTitle, curatedUrl, textLength } = LIMITS;
  it.each<[string, string, Record<string, unknown>]>([
    ['createEntity key', CREATE, { input: { ...entity, key: long(textLength + 1) } }],
    ['createEntity name', CREATE, { input: { ...entity, key: 'cur-in-x', name: long(curatedName + 1) } }],
    ['createEntity summary', CREATE, { input: { ...entity, key: 'cur-in-x', summary: long(curatedSummary + 1) } }],
    ['createEntity aliases (count)', CREATE, { input: { ...entity, key: 'cur-in-x', aliases: many(curatedListItems + 1) } }],
    ['createEntity aliases (length)', CREATE, { input: { ...entity, key: 'cur-in-x', aliases: [long(curatedName + 1)] } }],
    ['createEntity sections (count)', CREATE, { input: { ...entity, key: 'cur-in-x', sections: many(curatedListItems + 1) } }],
    ['createEntity sections (length)', CREATE, { input: { ...entity, key: 'cur-in-x', sections: [long(curatedName + 1)] } }],
    [
      'createEntity sources (count)',
      CREATE,
      { input: { ...entity, key: 'cur-in-x', sources: Array(curatedListItems + 1).fill('article') } },
    ],
    ['updateEntity key', UPDATE, { key: long(textLength + 1), v: 1, input: { summary: 'x' } }],
    ['updateEntity name', UPDATE, { key: entity.key, v: 1, input: { name: long(curatedName + 1) } }],
    ['updateEntity summary', UPDATE, { key: entity.key, v: 1, input: { summary: long(curatedSummary + 1) } }],
    ['updateEntity aliases', UPDATE, { key: entity.key, v: 1, input: { aliases: many(curatedListItems + 1) } }],
    ['updateEntity sections', UPDATE, { key: entity.key, v: 1, input: { sections: [long(curatedName + 1)] } }],
    ['updateEntity sources', UPDATE, { key: entity.key, v: 1, input: { sources: Array(curatedListItems + 1).fill('article') } }],
    ['updateEntity expectedVersion', UPDATE, { key: entity.key, v: 0, input: { summary: 'x' } }],
    ['deleteEntity key', DELETE, { key: long(textLength + 1) }],
    ['linkEntities from', LINK, { input: { ...link, from: long(textLength + 1) } }],
    ['linkEntities to', LINK, { input: { ...link, to: long(textLength + 1) } }],
    ['linkEntities evidence', LINK, { input: { ...link, evidence: long(curatedEvidence + 1) } }],
    ['linkEntities section', LINK, { input: { ...link, section: long(curatedName + 1) } }],
    ['linkEntities source', LINK, { input: { ...link, source: long(textLength + 1) } }],
    ['unlinkEntities from', UNLINK, { input: { ...pair, from: long(textLength + 1) } }],
    ['unlinkEntities to', UNLINK, { input: { ...pair, to: long(textLength + 1) } }],
    ['addSource key', ADD_SOURCE, { input: { ...source, key: long(textLength + 1) } }],
    ['addSource title', ADD_SOURCE, { input: { ...source, title: long(curatedTitle + 1) } }],
    ['addSource author', ADD_SOURCE, { input: { ...source, author: long(curatedName + 1) } }],
    ['addSource url', ADD_SOURCE, { input: { ...source, url: `https://example.org/${long(curatedUrl)}` } }],
    ['addSource published', ADD_SOURCE, { input: { ...source, published: 'last spring' } }],
    ['revertChange id', REVERT, { id: long(textLength + 1) }],
  ])('%s over its limit is BAD_USER_INPUT and writes nothing', async (_label, mutation, variables) => {
    const before = await changeCount();
    const body = await post(api.url, mutation, variables, admin);
    expect(codeOf(body), JSON.stringify(body.errors)).toBe('BAD_USER_INPUT');
    expect(await changeCount()).toBe(before);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['createEntity key', CREATE, { input: { ...entity, key: HOSTILE } }],
    ['updateEntity key', UPDATE, { key: HOSTILE, v: 1, input: { summary: 'x' } }],
    ['deleteEntity key', DELETE, { key: HOSTILE }],
    ['linkEntities from', LINK, { input: { ...link, from: HOSTILE } }],
    ['linkEntities source', LINK, { input: { ...link, source: HOSTILE } }],
    ['unlinkEntities to', UNLINK, { input: { ...pair, to: HOSTILE } }],
    ['addSource key', ADD_SOURCE, { input: { ...source, key: HOSTILE } }],
    ['createEntity sources', CREATE, { input: { ...entity, key: 'cur-in-y', sources: [HOSTILE] } }],
  ])('%s with injection-shaped text is refused or not found, and nothing is written', async (_label, mutation, variables) => {
    const [before, entities] = [await changeCount(), await api.graph.read<{ n: number }>('MATCH (n) RETURN count(n) AS n', {})];
    const body = await post(api.url, mutation, variables, admin);
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(codeOf(body));
    expect(await changeCount()).toBe(before);
    expect(await api.graph.read<{ n: number }>('MATCH (n) RETURN count(n) AS n', {})).toEqual(entities);
  });

  it('stores injection-shaped text verbatim in every free-text field, as data', async () => {
    const input = { ...entity, key: 'cur-in-hostile', name: HOSTILE, summary: HOSTILE, aliases: [HOSTILE], sections: [HOSTILE] };
    const created = await post(api.url, CREATE, { input }, editor);
    expect(created.data?.createEntity.entity).toEqual({ key: 'cur-in-hostile', name: HOSTILE, summary: HOSTILE, aliases: [HOSTILE] });
    const updated = await post(api.url, UPDATE, { key: 'cur-in-hostile', v: 1, input: { summary: `${HOSTILE} again` } }, editor);
    expect(updated.data?.updateEntity.entity).toEqual({ summary: `${HOSTILE} again`, version: 2 });
    const linked = await post(api.url, LINK, { input: { ...link, from: 'cur-in-hostile', evidence: HOSTILE, section: HOSTILE } }, editor);
    expect(linked.data?.linkEntities.relation).toEqual({ evidence: HOSTILE, section: HOSTILE });
    const added = await post(api.url, ADD_SOURCE, { input: { key: 'cur-in-hostile-src', title: HOSTILE, author: HOSTILE } }, editor);
    expect(added.errors).toBeUndefined();
    const [stored] = await api.graph.read<{ title: string; author: string }>(
      "MATCH (s:Source {key: 'cur-in-hostile-src'}) RETURN s.title AS title, s.author AS author",
      {},
    );
    expect(stored).toEqual({ title: HOSTILE, author: HOSTILE });
    // The seed's entities are all still there.
    const [count] = await api.graph.read<{ n: number }>('MATCH (n:Entity) WHERE n.seeded RETURN count(n) AS n', {});
    expect(Number(count?.n)).toBeGreaterThan(100);
  });

  it('graphChanged keys over their limit are BAD_USER_INPUT', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription ($keys: [String!]) { graphChanged(keys: $keys) { change { id } } }',
        variables: { keys: many(LIMITS.nodeIds + 1) },
      }),
    });
    const text = await response.text();
    expect(text).toContain('BAD_USER_INPUT');
  });
});
