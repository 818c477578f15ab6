import { LIMITS } from '../../limits.js';
import { entityProjection, stepProjection } from './entities.js';

/**
 * Variable-length bounds cannot be parameters, so each allowed hop count or depth has its own
 * prebuilt query text; callers pick one by a validated integer, never by splicing input.
 */

const shortestPath = (hops: number) => `
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MATCH p = shortestPath((a)-[*..${hops}]-(b))
WHERE all(r IN relationships(p) WHERE startNode(r):Entity AND endNode(r):Entity)
RETURN [r IN relationships(p) | ${stepProjection('r')}] AS steps
LIMIT 1`;

export const SHORTEST_PATH: ReadonlyMap<number, string> = new Map(
  Array.from({ length: LIMITS.pathHops.max }, (_, i) => [i + 1, shortestPath(i + 1)]),
);

const neighborhood = (depth: number) => `
MATCH (center:Entity {key: $key})
OPTIONAL MATCH (center)-[*1..${depth}]-(n:Entity)
WITH center, collect(DISTINCT n) AS found
WITH [center] + [n IN found WHERE n <> center][0..$limit - 1] AS nodes
UNWIND nodes AS a
OPTIONAL MATCH (a)-[r]->(b:Entity) WHERE b IN nodes
WITH nodes, collect(DISTINCT {from: a.key, to: b.key, type: type(r)}) AS edges
RETURN [n IN nodes | ${entityProjection('n')}] AS nodes, [e IN edges WHERE e.type IS NOT NULL] AS edges`;

export const NEIGHBORHOOD: ReadonlyMap<number, string> = new Map(
  Array.from({ length: LIMITS.neighborhoodDepth.max }, (_, i) => [i + 1, neighborhood(i + 1)]),
);
