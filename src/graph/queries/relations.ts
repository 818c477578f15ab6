import { citedSources, entityProjection } from './entities.js';

/**
 * One page of relationships for each parent key, in one round-trip. Types and kinds arrive as
 * list parameters (already checked against the closed vocabulary). Paging is keyset: edges sort
 * by `direction:type:otherKey`, `$after` is the last sort key seen, and LIMIT applies per parent
 * inside the subquery, so a parent with many edges never ships more than a page. An empty
 * `$types`, `$kinds` or `$after` means "any" (see ANY in repository.ts). Each row carries its
 * parent entity too, so `entity(key) { relations }` is answered in one round-trip.
 */
const EDGE_FILTER = `
    (size($types) = 0 OR type(r) IN $types)
    AND (size($kinds) = 0 OR o.kind IN $kinds)
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = p))`;

const COUNT_ALL = `
CALL (p) {
  MATCH (p)-[r]-(o:Entity)
  WHERE ${EDGE_FILTER}
  RETURN count(r) AS totalCount
}`;

const relationPages = (totalCount: string) => `
UNWIND $keys AS key
MATCH (p:Entity {key: key})
CALL (p) {
  MATCH (p)-[r]-(o:Entity)
  WHERE ${EDGE_FILTER}
  WITH r, o, CASE WHEN startNode(r) = p THEN 'OUT' ELSE 'IN' END AS direction
  WITH r, o, direction, direction + ':' + type(r) + ':' + o.key AS sortKey
  WHERE $after = '' OR sortKey > $after
  ORDER BY sortKey
  LIMIT $limit
  RETURN collect({
    sortKey: sortKey, type: type(r), direction: direction, basis: r.basis, scope: coalesce(r.scope, 'ENTITY'),
    evidence: r.evidence, section: r.section, sources: ${citedSources('r')}, node: ${entityProjection('o')}
  }) AS edges
}
${totalCount}
RETURN key, ${entityProjection('p')} AS parent, edges, totalCount`;

export const RELATION_PAGES = relationPages(COUNT_ALL);
/** For typed fields, which show no total: no counting subquery (totalCount is -1). */
export const RELATION_LISTS = relationPages('WITH key, p, edges, -1 AS totalCount');
