import { ENTITY_KINDS, type EntityKind, KIND_LABELS, type RelationType } from '../vocabulary.js';

/**
 * Cypher for the seed loader. Everything the seed writes carries `seeded: true`, so a reload
 * replaces exactly what an earlier load wrote and never touches data added by other means.
 * Labels and relationship types cannot be parameters: they come from the closed vocabulary.
 */

export const WIPE_GRAPH = 'MATCH (n) DETACH DELETE n';

export const FOREIGN_KEY_CONFLICTS = `
MATCH (n) WHERE (n:Entity AND n.key IN $keys OR n:SalaryRange AND n.key IN $salaryKeys)
  AND coalesce(n.seeded, false) = false
RETURN n.key AS key ORDER BY key`;

const ALL_KIND_LABELS = ENTITY_KINDS.map((kind) => KIND_LABELS[kind]).join(':');

export function upsertEntities(kind: EntityKind): string {
  return `
UNWIND $entities AS e
MERGE (n:Entity {key: e.key})
REMOVE n:${ALL_KIND_LABELS}
SET n:${KIND_LABELS[kind]}, n += e, n.seeded = true`;
}

export const DELETE_STALE_ENTITIES = `
MATCH (n:Entity) WHERE n.seeded = true AND NOT n.key IN $keys
DETACH DELETE n`;

export function upsertRelations(type: RelationType): string {
  return `
UNWIND $relations AS rel
MATCH (a:Entity {key: rel.from}), (b:Entity {key: rel.to})
MERGE (a)-[r:${type}]->(b)
SET r.basis = rel.basis, r.scope = rel.scope, r.evidence = rel.evidence, r.section = rel.section, r.seeded = true`;
}

export const DELETE_STALE_RELATIONS = `
MATCH (a:Entity)-[r]->(b:Entity) WHERE r.seeded = true AND NOT (type(r) + '|' + a.key + '|' + b.key) IN $ids
DELETE r`;

export const UPSERT_SOURCE = `
MERGE (s:Article {key: 'article'})
SET s.title = $title, s.author = $author, s.published = $published, s.seeded = true`;

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
