import { entityProjection, stepProjection } from './entities.js';

/** Full-text search over name, aliases and summary (index `entity_search`). */
export const SEARCH = `
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
RETURN ${entityProjection('node')} AS entity, score
ORDER BY score DESC, node.key
LIMIT $limit`;

/** Resolves a concern given as key, name or alias, exactly and case-insensitively. */
export const EXACT_ENTITY = `
MATCH (n:Entity)
WHERE n.key = $text OR toLower(n.name) = $lower OR $lower IN n.aliases
RETURN n.key AS key
ORDER BY CASE WHEN n.kind = 'CONCEPT' THEN 0 ELSE 1 END, n.key
LIMIT 1`;

/**
 * Tools within two hops of a concern, each once, by its best justifying path: direct links
 * first, then links through one concept, task or responsibility (`$bridgeKinds`); among equal
 * paths the one with more STATED links, then the bridge's key. Expands from the concern, and
 * reports the steps from the tool towards the concern.
 */
export const TOOLS_FOR = `
MATCH (c:Entity {key: $key})
MATCH p = (c)-[*1..2]-(t:Entity)
WHERE t.kind IN $toolKinds AND t <> c AND all(n IN nodes(p)[1..-1] WHERE n.kind IN $bridgeKinds)
WITH t, p, [n IN nodes(p)[1..-1] | n.key] AS via
ORDER BY length(p), size([r IN relationships(p) WHERE r.basis = 'STATED']) DESC, via
WITH t, head(collect(p)) AS p
ORDER BY length(p), t.name
LIMIT $limit
RETURN ${entityProjection('t')} AS tool, [r IN reverse(relationships(p)) | ${stepProjection('r')}] AS steps`;
