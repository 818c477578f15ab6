import { citedSources, ENTITY_PAGE_FILTER, entityProjection, entityShape } from './entities.js';

/**
 * One page of relationships for each parent key, in one round-trip. Types and kinds arrive as
 * list parameters (already checked against the closed vocabulary). Paging is keyset: edges sort
 * by `direction:type:otherKey`, `$after` is the last sort key seen, and LIMIT applies per parent
 * inside the subquery, so a parent with many edges never ships more than a page. An empty
 * `$types`, `$kinds` or `$after` means "any" (see ANY in repository.ts). Rows carry their
 * parent entity when asked (withParent), so `entity(key) { relations }` is one round-trip. Edges and
 * the nodes they reach ship only what the client selected (RelationShape): decoding rows was the
 * service's largest cost on relationship pages.
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

/** What a relations statement ships per edge; see RelationQuery in repository.ts. */
export interface RelationShape {
  withTotal: boolean;
  /** Edges carry only sort key, type and direction (no basis, scope, evidence, section, sources). */
  slimEdges: boolean;
  /** Nodes at the other end carry only key, name and kind. */
  slimNodes: boolean;
  /** Each page also carries its parent entity, whole: `entity(key)` folds its lookup into its first page. */
  withParent: boolean;
}

/** What each edge of a page carries. */
type EdgeShape = Pick<RelationShape, 'slimEdges' | 'slimNodes'>;

const edgeDetail = `basis: r.basis, scope: coalesce(r.scope, 'ENTITY'), evidence: r.evidence, section: r.section, sources: ${citedSources('r')}, `;

/** One edge as relations statements return it, from `r`, its `direction` and `sortKey`, and `o` at the other end. */
const edgeProjection = ({ slimEdges, slimNodes }: EdgeShape) =>
  `{sortKey: sortKey, type: type(r), direction: direction, ${slimEdges ? '' : edgeDetail}node: ${entityShape('o', slimNodes)}}`;

/**
 * The body of a subquery collecting one page of `parent`'s edges as `edges`: those matching
 * `filter` (over `r` and `o`) and, when given, `after`, sorted by sort key, at most `limit`.
 */
const edgePage = (parent: string, page: { filter: string; after?: string; limit: string; shape: EdgeShape }) => `
  MATCH (${parent})-[r]-(o:Entity)
  WHERE ${page.filter}
  WITH r, o, CASE WHEN startNode(r) = ${parent} THEN 'OUT' ELSE 'IN' END AS direction
  WITH r, o, direction, direction + ':' + type(r) + ':' + o.key AS sortKey${page.after ? `\n  WHERE ${page.after}` : ''}
  ORDER BY sortKey
  LIMIT ${page.limit}
  RETURN collect(${edgeProjection(page.shape)}) AS edges`;

const relationStatement = ({ withTotal, slimEdges, slimNodes, withParent }: RelationShape) => `
UNWIND $keys AS key
MATCH (p:Entity {key: key})
CALL (p) {${edgePage('p', { filter: EDGE_FILTER, after: "$after = '' OR sortKey > $after", limit: '$limit', shape: { slimEdges, slimNodes } })}
}
${withTotal ? COUNT_ALL : 'WITH key, p, edges, -1 AS totalCount'}
RETURN key, ${withParent ? entityProjection('p') : 'null'} AS parent, edges, totalCount`;

const flags = [false, true];
/** Every shape, built once: the same text each time, so Neo4j plans each shape once. */
export const RELATION_SHAPES: RelationShape[] = flags.flatMap((withTotal) =>
  flags.flatMap((slimEdges) => flags.flatMap((slimNodes) => flags.map((withParent) => ({ withTotal, slimEdges, slimNodes, withParent })))),
);
const STATEMENTS = new Map(RELATION_SHAPES.map((shape) => [shapeId(shape), relationStatement(shape)]));

function shapeId({ withTotal, slimEdges, slimNodes, withParent }: RelationShape): number {
  return Number(withTotal) * 8 + Number(slimEdges) * 4 + Number(slimNodes) * 2 + Number(withParent);
}

export const relationPagesStatement = (shape: RelationShape): string => STATEMENTS.get(shapeId(shape)) as string;

/**
 * Per entity `n`, the typed relationship fields (Framework.language ...) listed in `$typed`, each
 * as the kind of entity it belongs to and its filter: per field index, the edges the relations
 * statement would return for that filter (none for entities of other kinds).
 */
const TYPED_FILTER = `n.kind = field.parentKind AND type(r) IN field.types AND o.kind IN field.kinds
    AND (field.direction = 'OUT') = (startNode(r) = n)`;

const TYPED_FIELDS = `
CALL (n) {
  UNWIND range(0, size($typed) - 1) AS index
  WITH index, $typed[index] AS field
  CALL (n, field) {${edgePage('n', { filter: TYPED_FILTER, limit: '$typedLimit', shape: { slimEdges: true, slimNodes: false } })}
  }
  RETURN collect({index: index, edges: edges}) AS typed
}`;

/** ENTITY_PAGE (queries/entities.ts) with the typed fields selected on its entities, in one round-trip. */
export const ENTITY_PAGE_WITH_TYPED = `
MATCH (n:Entity)
WHERE ${ENTITY_PAGE_FILTER}
WITH n ORDER BY n.key LIMIT $limit
${TYPED_FIELDS}
RETURN ${entityProjection('n')} AS entity, typed
ORDER BY n.key`;

/** One entity by key with the typed fields selected on it, in one round-trip. */
export const ENTITY_WITH_TYPED = `
MATCH (n:Entity {key: $key})
${TYPED_FIELDS}
RETURN ${entityProjection('n')} AS entity, typed`;
