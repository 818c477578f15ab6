import { type EntityKind, KIND_LABELS, type RelationType } from '../vocabulary.js';
import { entityProjection } from './entities.js';

/**
 * Cypher for curated writes. Each runs inside one write transaction together with its
 * `(:Change)` record and the graph-version bump (src/graph/curation.ts). User input arrives
 * only as parameters; labels and relationship types come from the closed vocabulary.
 */

/**
 * Takes the entity's write lock before its version is read. Neo4j reads committed data without
 * locks, so "read version, compare, write" could let two writers both see version 1; a write
 * (even of the same value) makes the second writer wait for the first to commit, and what it
 * reads next is the first one's result.
 */
export const LOCK_ENTITY = `
MATCH (n:Entity {key: $key})
SET n.version = coalesce(n.version, 1)
RETURN n.key AS key`;

/** The entity as stored (properties a revert needs to put it back) and as the API shows it. */
export const ENTITY_STATE = `
MATCH (n:Entity {key: $key})
RETURN ${entityProjection('n')} AS entity`;

export function createEntity(kind: EntityKind): string {
  return `
CREATE (n:Entity:${KIND_LABELS[kind]})
SET n = $props
RETURN ${entityProjection('n')} AS entity`;
}

export const UPDATE_ENTITY = `
MATCH (n:Entity {key: $key})
SET n += $props, n.version = n.version + 1, n.updatedAt = $at, n.updatedBy = $actor, n.seeded = false
RETURN ${entityProjection('n')} AS entity`;

/** Every relationship of the entity, so a delete can be reverted whole. */
export const ENTITY_LINKS = `
MATCH (n:Entity {key: $key})-[r]-(:Entity)
RETURN {from: startNode(r).key, to: endNode(r).key, type: type(r), props: properties(r)} AS link`;

export const DELETE_ENTITY = `
MATCH (n:Entity {key: $key})
DETACH DELETE n`;

export const ENDPOINT_KINDS = `
UNWIND $keys AS key
MATCH (n:Entity {key: key})
RETURN n.key AS key, n.kind AS kind`;

/**
 * MERGE locks both ends, so two concurrent identical links make one relationship. `changeId`
 * tells whether this call created it (and stays on the link as its provenance).
 */
export function mergeLink(type: RelationType): string {
  return `
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MERGE (a)-[r:${type}]->(b)
ON CREATE SET r = $props
RETURN r.changeId = $props.changeId AS created, properties(r) AS props`;
}

/**
 * Deletes the link, but when `$changeId` is set only if that change made it (a revert must not
 * remove the same link made again since by someone else); `deleted` says which happened.
 */
export function deleteLink(type: RelationType): string {
  return `
MATCH (:Entity {key: $from})-[r:${type}]->(:Entity {key: $to})
WITH r, properties(r) AS props, ($changeId = '' OR coalesce(r.changeId = $changeId, false)) AS deleted
CALL (r, deleted) {
  WITH r WHERE deleted
  DELETE r
}
RETURN props, deleted`;
}

export interface ChangeRow {
  id: string;
  at: string;
  actor: string;
  op: string;
  target: string;
  keys: string[];
  before: string | null;
  after: string | null;
  revertOf: string | null;
}

const changeProjection = (c: string) => `${c} {.id, .at, .actor, .op, .target, .keys, .before, .after, revertOf: ${c}.revertOf}`;

export const RECORD_CHANGE = `
CREATE (c:Change)
SET c = $change
RETURN ${changeProjection('c')} AS change`;

export const CHANGE_BY_ID = `
MATCH (c:Change {id: $id})
RETURN ${changeProjection('c')} AS change`;

/** Newest first; `$afterAt`/`$afterId` is the last change already seen (keyset paging; '' for none). */
export const HISTORY = `
MATCH (c:Change)
WHERE $key IN c.keys AND ($afterAt = '' OR c.at < $afterAt OR (c.at = $afterAt AND c.id < $afterId))
RETURN ${changeProjection('c')} AS change
ORDER BY c.at DESC, c.id DESC
LIMIT $limit`;

/** Oldest first from `$since`: a feed a client can follow. */
export const CHANGES = `
MATCH (c:Change)
WHERE ($since = '' OR c.at >= $since)
  AND ($afterAt = '' OR c.at > $afterAt OR (c.at = $afterAt AND c.id > $afterId))
RETURN ${changeProjection('c')} AS change
ORDER BY c.at, c.id
LIMIT $limit`;
