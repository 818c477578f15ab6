import { entityProjection } from './entities.js';

/** Full-text search over name, aliases and summary (index `entity_search`). */
export const SEARCH = `
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN ${entityProjection('node')} AS entity, score
ORDER BY score DESC, node.key
LIMIT $limit`;
