import { LIMITS } from '../../limits.js';
import { entityShape, stepProjection } from './entities.js';

/**
 * Variable-length bounds cannot be parameters, so each allowed hop count or depth has its own
 * prebuilt query text; callers pick one by a validated integer, never by splicing input. Each
 * comes in two shapes: whole entities, or slim ones (key, name, kind) when the client selects
 * nothing else of them.
 */

const shortestPath = (hops: number, slim: boolean) => `
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MATCH p = shortestPath((a)-[*..${hops}]-(b))
WHERE all(r IN relationships(p) WHERE startNode(r):Entity AND endNode(r):Entity)
RETURN [r IN relationships(p) | ${stepProjection('r', slim)}] AS steps
LIMIT 1`;

/** Statement texts by bound and shape, built once (the same text each time, so planned once). */
function prebuilt(max: number, build: (bound: number, slim: boolean) => string) {
  const texts = new Map<string, string>();
  for (let bound = 1; bound <= max; bound += 1) for (const slim of [false, true]) texts.set(`${bound}:${slim}`, build(bound, slim));
  return (bound: number, slim: boolean): string => {
    const text = texts.get(`${bound}:${slim}`);
    if (!text) throw new RangeError(`${bound} has no prebuilt query`);
    return text;
  };
}

export const shortestPathStatement = prebuilt(LIMITS.pathHops.max, shortestPath);

/**
 * Breadth-first over distinct nodes, one level per block, never enumerating paths: each level
 * takes the neighbours of the previous level's nodes that are not in the subgraph yet, nearest
 * levels first and by key within a level, until `$limit` nodes (the centre included). A node's
 * neighbours are sorted and cut at `$limit` before the level is merged, so a hub with thousands
 * of links costs one top-k sort, and a full subgraph skips the remaining levels.
 */
const level = `
CALL (nodes, frontier) {
  UNWIND CASE WHEN size(nodes) < $limit THEN frontier ELSE [] END AS f
  CALL (f, nodes) {
    MATCH (f)--(n:Entity)
    WHERE NOT n IN nodes
    RETURN DISTINCT n ORDER BY n.key LIMIT $limit
  }
  WITH n ORDER BY n.key
  RETURN collect(DISTINCT n) AS found
}
WITH nodes, found[0..$limit - size(nodes)] AS next
WITH nodes + next AS nodes, next AS frontier`;

const neighborhood = (depth: number, slim: boolean) => `
MATCH (center:Entity {key: $key})
WITH [center] AS nodes, [center] AS frontier
${Array.from({ length: depth }, () => level).join('\n')}
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity) WHERE b IN nodes
  RETURN collect({from: a.key, to: b.key, type: type(r)}) AS edges
}
RETURN [n IN nodes | ${entityShape('n', slim)}] AS nodes, edges`;

export const neighborhoodStatement = prebuilt(LIMITS.neighborhoodDepth.max, neighborhood);
