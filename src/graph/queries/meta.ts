/**
 * `(:GraphMeta {key: 'graph', version})` changes with every write transaction (the seed loader,
 * each curated write, the end of an import), so every server watching it, in any process, knows its caches and
 * cost bounds are stale. A random token, not a counter: a wiped graph starts afresh, and a
 * counter restarting at 1 could look unchanged.
 */
export const BUMP_GRAPH_VERSION = `
MERGE (m:GraphMeta {key: 'graph'})
SET m.version = randomUUID()`;

export const GRAPH_VERSION = `
OPTIONAL MATCH (m:GraphMeta {key: 'graph'})
RETURN m.version AS version`;

/**
 * The largest number of relationships any entity has, per type and direction, and over all
 * types. `toEntity` keeps salary links and other non-entity relationships out.
 */
export const DEGREE_BOUNDS = `
MATCH (n:Entity)
CALL (n) {
  MATCH (n)-[r]->(:Entity) RETURN type(r) AS type, 'OUT' AS direction, count(r) AS degree
  UNION ALL
  MATCH (n)<-[r]-(:Entity) RETURN type(r) AS type, 'IN' AS direction, count(r) AS degree
}
RETURN type, direction, max(degree) AS maxDegree`;

export const MAX_DEGREE = `
MATCH (n:Entity)
RETURN max(COUNT { (n)-->(:Entity) }) AS maxOut, max(COUNT { (n)<--(:Entity) }) AS maxIn,
       max(COUNT { (n)--(:Entity) }) AS maxBoth`;

export const KIND_COUNTS = `
MATCH (n:Entity)
RETURN n.kind AS kind, count(n) AS count`;
