import { describe, expect, it } from 'vitest';
import { changesSince, history } from '../../src/graph/curation.js';
import type { Graph, Params } from '../../src/graph/database.js';
import { countEntities, entityPage, relationPages, salaries, searchEntities } from '../../src/graph/repository.js';

/**
 * Neo4j caches one plan per query text and parameter types: a filter sent as null one time and as
 * a list the next is planned twice. Every read therefore sends each parameter with one type,
 * filtered or not ("any" is an empty list or string). The graph here only records what it is asked.
 */
function recordingGraph() {
  const calls: { cypher: string; params: Params }[] = [];
  const read = async (cypher: string, params: Params) => {
    calls.push({ cypher, params });
    return [];
  };
  const graph = { read } as unknown as Graph;
  return { graph, calls };
}

/** The shape Neo4j keys its plan cache on: each parameter's type, lists and strings as such. */
const typesOf = (params: Params) =>
  Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value]),
  );

/** Each read twice: with no filter, then with every filter set. */
const READS: [string, (graph: Graph, filtered: boolean) => Promise<unknown>][] = [
  ['entityPage', (g, f) => entityPage(g, { kind: f ? 'LANGUAGE' : null, after: f ? 'java' : null, limit: 5 })],
  ['countEntities', (g, f) => countEntities(g, f ? 'LANGUAGE' : null)],
  [
    'relationPages',
    (g, f) =>
      relationPages(g, ['python'], {
        types: f ? ['USED_FOR'] : null,
        kinds: f ? ['CONCEPT'] : null,
        direction: 'BOTH',
        limit: 5,
        after: f ? 'OUT:USED_FOR:x' : null,
        withTotal: true,
        slimEdges: false,
        slimNodes: false,
        withParent: false,
      }),
  ],
  ['searchEntities', (g, f) => searchEntities(g, 'python', f ? ['LANGUAGE'] : null, 5)],
  ['salaries', (g, f) => salaries(g, f ? 'US' : null, f ? 'senior' : null)],
  ['history', (g, f) => history(g, 'python', f ? { at: '2026-11-01T00:00:00Z', id: 'c1' } : null, 5)],
  ['changesSince', (g, f) => changesSince(g, f ? '2026-11-01T00:00:00Z' : null, f ? { at: '2026-11-01T00:00:00Z', id: 'c1' } : null, 5)],
];

describe('read parameters', () => {
  it.each(READS)('%s sends the same parameter types with and without filters, never null', async (_name, read) => {
    const { graph, calls } = recordingGraph();
    await read(graph, false);
    await read(graph, true);
    const [plain, filtered] = calls;
    expect(plain?.cypher).toBe(filtered?.cypher);
    expect(Object.values(typesOf(plain?.params ?? {}))).not.toContain('null');
    expect(typesOf(plain?.params ?? {})).toEqual(typesOf(filtered?.params ?? {}));
  });
});
