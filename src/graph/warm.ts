import { LIMITS } from '../limits.js';
import type { Graph } from './database.js';
import { RELATION_SHAPES } from './queries/relations.js';
import type { TypedFields } from './repository.js';
import {
  allSources,
  countEntities,
  entitiesByKeys,
  entityPage,
  entityPageWithTyped,
  entityWithTyped,
  graphStats,
  neighborhood,
  relationPages,
  resolveConcern,
  salaries,
  salariesByOwner,
  searchEntities,
  shortestPath,
  sourcesByKeys,
  toolsFor,
} from './repository.js';

/** A key no entity has: every warm-up query plans fully and finds nothing. */
const NO_KEY = '~warm-up~';
const TYPED_WARM_UP = {
  fields: [{ parentKind: 'FRAMEWORK', types: ['WRITTEN_IN'], direction: 'OUT', kinds: ['LANGUAGE'] }],
  limit: 1,
} satisfies TypedFields;

/**
 * Runs every query shape once. Neo4j plans a query text on first use (0.3-3 s for the nested
 * ones); doing it at start-up keeps that cost off the first requests. Plans are cached per query
 * text, so parameters do not matter and nothing is read or written. Best effort: a shape that
 * fails to warm (a timeout on a very busy machine) is reported and planned on first use instead.
 */
export async function warmQueryPlans(graph: Graph, warn: (line: string) => void): Promise<void> {
  const page = { types: null, direction: 'BOTH', kinds: null, limit: 1, after: null } as const;
  const shapes: (() => Promise<unknown>)[] = [
    () => entitiesByKeys(graph, [NO_KEY]),
    () => entityPage(graph, { kind: null, after: NO_KEY, limit: 1 }),
    () => countEntities(graph, null),
    () => entityPageWithTyped(graph, { kind: null, after: NO_KEY, limit: 1 }, TYPED_WARM_UP),
    () => entityWithTyped(graph, NO_KEY, TYPED_WARM_UP),
    () => sourcesByKeys(graph, [NO_KEY]),
    () => allSources(graph),
    () => graphStats(graph),
    ...RELATION_SHAPES.map((shape) => () => relationPages(graph, [NO_KEY], { ...page, ...shape })),
    () => searchEntities(graph, NO_KEY.replace(/\W/g, ''), null, 1),
    ...[false, true].map((slim) => () => toolsFor(graph, { text: NO_KEY, lucene: 'warm', limit: 1, slim })),
    () => resolveConcern(graph, { text: NO_KEY, lucene: 'warm' }),
    () => salaries(graph, null, NO_KEY),
    () => salariesByOwner(graph, [NO_KEY]),
    ...[false, true].flatMap((slim) => [
      ...range(LIMITS.pathHops.max).map((maxHops) => () => shortestPath(graph, { from: NO_KEY, to: `${NO_KEY}2`, maxHops, slim })),
      ...range(LIMITS.neighborhoodDepth.max).map((depth) => () => neighborhood(graph, { key: NO_KEY, depth, limit: 1, slim })),
    ]),
  ];
  let failed = 0;
  for (const shape of shapes) await shape().catch(() => failed++);
  if (failed > 0) warn(`${failed} of ${shapes.length} query shapes could not be warmed up; they are planned on first use.`);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
