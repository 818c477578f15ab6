import { gql } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeTerm } from '../../src/graph/search-query.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/** Cypher- and Lucene-looking input is plain text: it finds nothing odd and changes nothing. */

const HOSTILE = [
  `python' OR 1=1 //`,
  `"}) MATCH (n) DETACH DELETE n //`,
  `') CALL db.index.fulltext.drop('entity_search') //`,
  `*:* OR name:/.*/`,
  '$key} RETURN 1 UNION MATCH (n) SET n.hacked = true //',
];

describe('hostile input', () => {
  let server: SeededServer;
  let before: unknown;
  const snapshot = () =>
    server.graph.read(
      'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels, collect(DISTINCT n.hacked) AS hacked',
      {},
    );
  beforeAll(async () => {
    server = await startSeededServer();
    before = await snapshot();
  });
  afterAll(() => server.stop());

  it.each(HOSTILE)('treats %j as plain text everywhere', async (text) => {
    const result = await server.client.request<{
      entity: unknown;
      source: unknown;
      search: { entity: { key: string } }[];
      toolsFor: unknown[];
      path: unknown;
    }>(
      gql`query Hostile($text: String!) {
        entity(key: $text) { key }
        source(key: $text) { key }
        search(text: $text) { entity { key } }
        toolsFor(concern: $text) { tool { key } }
        path(from: $text, to: "python") { length }
      }`,
      { text },
    );
    expect(result.entity).toBeNull();
    expect(result.source).toBeNull();
    expect(result.path).toBeNull();
    // The operators are inert: the same words without them find exactly the same.
    const plain = await server.client.request<typeof result>(
      gql`query Plain($text: String!) {
        search(text: $text) { entity { key } }
        toolsFor(concern: $text) { tool { key } }
      }`,
      { text: normalizeTerm(text) },
    );
    expect(result.search).toEqual(plain.search);
    expect(result.toolsFor).toEqual(plain.toolsFor);
    expect(await snapshot()).toEqual(before);
  });

  it('still has its full-text index afterwards', async () => {
    const result = await server.client.request<{ search: { entity: { key: string } }[] }>(
      gql`{ search(text: "python") { entity { key } } }`,
    );
    expect(result.search[0]?.entity.key).toBe('python');
  });
});
