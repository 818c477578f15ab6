import { entityProjection, entityShape, stepProjection } from './entities.js';

/**
 * A bridge lends the concern its tools only when the link says the bridge is about the concern:
 * it points from the bridge (encryption PART_OF security, a task ADDRESSES it), or names the same
 * work (SAME_AS), or the concern is a task addressing the bridge. Walking up from the concern
 * (NoSQL PART_OF data management) would hand it a sibling's tools (MySQL).
 */
const BRIDGE_SPEAKS_OF_CONCERN = `(startNode(r2) = b OR type(r2) IN ['SAME_AS', 'ADDRESSES'])`;

/**
 * `toolsFor`, in one round-trip: resolve the concern, gather every justifying path of length one
 * or two, score each path by its evidence, and rank tools by their best path. The concern comes back even when no tool is linked to it.
 *
 * Resolving the concern (first match wins):
 *   0. its key, through the unique key index; when an entity has that key, the full-text index
 *      is not consulted at all (it would cost two thirds of the statement's time);
 *   1. a name or alias equal to the normalised text (`$norm`);
 *   2. a name or alias contained in the text as whole words ("tools used for security"), the
 *      longest first, concepts before other kinds;
 *   3. the best full-text hit (typos: "securty").
 * Names and aliases are compared through `n.terms`, the seed's normalised copies of them.
 *
 * Scoring a path (higher is better; the README documents the formula):
 *   weight(r) = 1.0 if STATED, 0.5 if INFERRED; ×0.8 when the evidence speaks of a category;
 *   one hop:  weight(r);
 *   two hops: 0.2 × weight(r1) × weight(r2) × specificity(bridge), or 0.3 × ... when the tool is
 *             an INSTANCE_OF the bridge (a statement about its category); the bridge must speak
 *             of the concern (BRIDGE_SPEAKS_OF_CONCERN). A two-hop path scores below 0.3 and
 *             a one-hop path at least 0.4, so with the bonus below (at most 0.1) every tool
 *             reached in one hop ranks above every tool reached only in two;
 *   specificity(bridge) = 1 − (tools linked to the bridge ÷ all tools): a hub that touches most
 *             tools says little about any of them.
 * A tool's score is its best path's, plus 0.02 per further justifying path (at most 0.1).
 *
 * Bounded on hubs: two-hop paths use at most $maxBridges bridges (LIMITS.toolBridges), those with
 * the strongest link to the concern first, then the least connected (the degree is read from
 * Neo4j's counts, not by walking the links): on a hub concern the paths through the remaining
 * bridges would score lowest anyway.
 */
const RESOLVE_CONCERN = `
OPTIONAL MATCH (exact:Entity {key: $text})
CALL (exact) {
  WITH exact WHERE exact IS NOT NULL
  RETURN exact AS n, 0 AS rank, 0 AS matched, 0.0 AS relevance
  UNION
  WITH exact WHERE exact IS NULL
  CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: 25}) YIELD node, score
  WITH node, score, [t IN coalesce(node.terms, []) WHERE $phrase CONTAINS (' ' + t + ' ') | size(t)] AS found
  RETURN node AS n,
    CASE WHEN $norm IN coalesce(node.terms, []) THEN 1 WHEN size(found) > 0 THEN 2 ELSE 3 END AS rank,
    coalesce(reduce(longest = 0, length IN found | CASE WHEN length > longest THEN length ELSE longest END), 0) AS matched,
    score AS relevance
}
WITH n AS c, rank, matched, relevance
ORDER BY rank, matched DESC, CASE WHEN c.kind = 'CONCEPT' THEN 0 ELSE 1 END, relevance DESC, c.key
LIMIT 1`;

/** The concern `toolsFor` would use for `$text` (see the resolution rules above), alone. */
export const CONCERN = `${RESOLVE_CONCERN}
RETURN ${entityProjection('c')} AS concern`;

/** The concern resolved as above, then the tools linked to it, scored and ranked. */
const toolsFor = (slim: boolean) => `${RESOLVE_CONCERN}
WITH c, toFloat(COUNT { MATCH (x:Entity) WHERE x.kind IN $toolKinds }) AS toolCount
CALL (c, toolCount) {
  CALL (c, toolCount) {
    MATCH (c)-[r1]-(t:Entity)
    WHERE t.kind IN $toolKinds
    RETURN t, r1, null AS r2, 1.0 AS factor
    UNION ALL
    MATCH (c)-[r2]-(b:Entity)
    WHERE b.kind IN $bridgeKinds AND ${BRIDGE_SPEAKS_OF_CONCERN}
    WITH c, toolCount, r2, b
    ORDER BY ${weight('r2')} DESC, COUNT { (b)--() }, b.key
    LIMIT $maxBridges
    WITH c, b, r2, 1.0 - size(COLLECT { MATCH (b)--(x:Entity) WHERE x.kind IN $toolKinds RETURN DISTINCT x }) / toolCount AS specificity
    MATCH (b)-[r1]-(t:Entity)
    WHERE t.kind IN $toolKinds AND t <> c
    RETURN t, r1, r2, CASE WHEN type(r1) = 'INSTANCE_OF' AND startNode(r1) = t THEN 0.3 ELSE 0.2 END * specificity AS factor
  }
  WITH t, r1, r2, factor * ${weight('r1')} * coalesce(${weight('r2')}, 1.0) AS pathScore
  ORDER BY pathScore DESC, r2 IS NULL DESC
  WITH t, collect({r1: r1, r2: r2, score: pathScore}) AS paths
  WITH t, paths[0] AS best, size(paths) - 1 AS others
  WITH t, best, best.score + CASE WHEN others * 0.02 > 0.1 THEN 0.1 ELSE others * 0.02 END AS score
  ORDER BY score DESC, t.name
  LIMIT $limit
  RETURN collect({
    tool: ${entityShape('t', slim)}, score: round(score, 3),
    steps: [r IN [best.r1, best.r2] WHERE r IS NOT NULL | ${stepProjection('r', slim)}]
  }) AS matches
}
RETURN ${entityProjection('c')} AS concern, matches`;

/** The statement, with tools and the ends of their steps slim (key, name, kind) or whole; the concern is always whole. */
const STATEMENTS = { whole: toolsFor(false), slim: toolsFor(true) };
export const toolsForStatement = (slim: boolean) => (slim ? STATEMENTS.slim : STATEMENTS.whole);

/** 1.0 for a STATED link, 0.5 for an INFERRED one; ×0.8 when its evidence speaks of a category. */
function weight(r: string): string {
  return `(CASE ${r}.basis WHEN 'STATED' THEN 1.0 WHEN 'INFERRED' THEN 0.5 END * CASE ${r}.scope WHEN 'CATEGORY' THEN 0.8 ELSE 1.0 END)`;
}
