import { ENTITY_KINDS, KIND_LABELS } from '../vocabulary.js';

/**
 * Cypher for the seed loader. Everything the seed writes carries `seeded: true`, so a reload
 * replaces exactly what an earlier load wrote and never touches data added by other means.
 * Labels and relationship types cannot be parameters: they come from the closed vocabulary.
 */

export const WIPE_GRAPH = 'MATCH (n) DETACH DELETE n';

/** What `--reset` would destroy that the seed cannot bring back: curated data and the history. */
export const CURATED_DATA = `
RETURN COUNT { MATCH (n:Entity) WHERE n.seeded = false } AS entities,
       COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE r.seeded = false } AS links,
       COUNT { MATCH (s:Source) WHERE s.seeded = false } AS sources,
       COUNT { MATCH (c:Change) } AS changes`;

/** Nodes under a seed key that the seed did not write (curated, or added by other means): kept as they are. */
export const KEPT_NODES = `
MATCH (n) WHERE (n:Entity AND n.key IN $keys OR n:SalaryRange AND n.key IN $salaryKeys)
  AND coalesce(n.seeded, false) = false
RETURN n.key AS key, n:Entity AS entity ORDER BY key`;

/** Seed links that exist as curated links (a curator added or restored them): kept as they are. */
export const KEPT_LINKS = `
UNWIND $relations AS rel
MATCH (:Entity {key: rel.from})-[r]->(:Entity {key: rel.to})
WHERE type(r) = rel.type AND coalesce(r.seeded, false) = false
RETURN rel.target AS target ORDER BY target`;

/**
 * Seed entities and links whose latest curated change removed them (DELETE_ENTITY, UNLINK). The
 * Change records, written in the same transaction as each removal, serve as the tombstones: no
 * second bookkeeping to keep in step, and a revert (a newer change that puts it back) lifts it.
 */
export const REMOVED_BY_CURATORS = `
UNWIND $targets AS target
MATCH (c:Change {target: target})
WITH target, c ORDER BY c.at DESC, c.id DESC
WITH target, collect(c.op)[0] AS last
WHERE last IN ['DELETE_ENTITY', 'UNLINK']
RETURN target ORDER BY target`;

/** Every kind label, so a reload that changes an entity's kind drops the old one. */
export const KIND_LABEL_LIST = ENTITY_KINDS.map((kind) => KIND_LABELS[kind]);

/**
 * Every seed entity in one statement: `row.label` is its kind's label, taken from the closed
 * vocabulary by the writer and set with Neo4j 5.26's dynamic labels. One statement to plan
 * instead of one per kind: on a fresh Neo4j, planning is most of a first seed load.
 */
export const UPSERT_ENTITIES = `
UNWIND $entities AS row
MERGE (n:Entity {key: row.entity.key})
REMOVE n:$($kindLabels)
SET n:$(row.label), n += row.entity, n.seeded = true`;

export const DELETE_STALE_ENTITIES = `
MATCH (n:Entity) WHERE n.seeded = true AND NOT n.key IN $keys
DETACH DELETE n`;

/** Every seed relationship in one statement; `rel.type` comes from the closed vocabulary (dynamic type, Neo4j 5.26). */
export const UPSERT_RELATIONS = `
UNWIND $relations AS rel
MATCH (a:Entity {key: rel.from}), (b:Entity {key: rel.to})
MERGE (a)-[r:$(rel.type)]->(b)
SET r.basis = rel.basis, r.scope = rel.scope, r.evidence = rel.evidence, r.section = rel.section,
    r.sources = rel.sources, r.seeded = true`;

export const DELETE_STALE_RELATIONS = `
MATCH (a:Entity)-[r]->(b:Entity) WHERE r.seeded = true AND NOT (type(r) + '|' + a.key + '|' + b.key) IN $ids
DELETE r`;

/** The article was an (:Article) node before sources existed; it is a (:Source) now. */
export const DELETE_LEGACY_ARTICLE = 'MATCH (a:Article) DETACH DELETE a';

/** The seed's own source; a curated source under its key is left alone (and reported). */
export const UPSERT_SOURCE = `
MERGE (s:Source {key: $key})
ON CREATE SET s.seeded = true
WITH s WHERE s.seeded = true
SET s.title = $title, s.author = $author, s.url = $url, s.published = $published
RETURN s.key AS key`;

export const UPSERT_SALARIES = `
UNWIND $salaries AS s
MATCH (owner:Entity {key: s.appliesTo})
MERGE (range:SalaryRange {key: s.key})
SET range.region = s.region, range.currency = s.currency, range.period = s.period,
    range.min = s.min, range.max = s.max, range.typical = s.typical, range.section = s.section,
    range.seeded = true
WITH owner, range
OPTIONAL MATCH (range)<-[old:HAS_SALARY]-(other) WHERE other <> owner
DELETE old
MERGE (owner)-[link:HAS_SALARY]->(range)
SET link.seeded = true`;

export const DELETE_STALE_SALARIES = `
MATCH (range:SalaryRange) WHERE range.seeded = true AND NOT range.key IN $keys
DETACH DELETE range`;

export const COUNT_BY_KIND = `
MATCH (n:Entity) WHERE n.seeded = true RETURN n.kind AS name, count(*) AS count ORDER BY name`;

export const COUNT_BY_TYPE = `
MATCH (:Entity)-[r]->(:Entity) WHERE r.seeded = true RETURN type(r) AS name, count(*) AS count ORDER BY name`;
