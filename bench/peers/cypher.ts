/**
 * Hand-written Cypher for the peer benchmark: one statement per question, returning the same
 * JSON shape as the service's GraphQL `data`. Shared by the raw neo4j-driver server and by the
 * `@cypher` fields of the @neo4j/graphql schema, so both peers run the same statement where
 * @neo4j/graphql cannot express a question natively.
 */

const entity = (n: string) => `{key: ${n}.key, name: ${n}.name, kind: ${n}.kind}`;

export const RAW = {
  entity: `
MATCH (n:Entity {key: $key})
RETURN {key: n.key, name: n.name, kind: n.kind, summary: n.summary, aliases: n.aliases} AS entity`,

  /** Incoming relationships (first 50 by type, key), each neighbour's outgoing ones (first 50). */
  incomingOutgoing: `
MATCH (p:Entity {key: $key})
CALL (p) {
  MATCH (p)<-[r]-(o:Entity)
  WITH r, o ORDER BY type(r), o.key LIMIT 50
  CALL (o) {
    MATCH (o)-[r2]->(x:Entity)
    WITH r2, x ORDER BY type(r2), x.key LIMIT 50
    RETURN collect({type: type(r2), node: {key: x.key, name: x.name}}) AS outs
  }
  RETURN collect({type: type(r), node: {key: o.key, name: o.name, relations: {edges: outs}}}) AS ins
}
RETURN {key: p.key, name: p.name, relations: {edges: ins}} AS entity`,

  frameworks: `
MATCH (f:Entity {kind: 'FRAMEWORK'})
WITH f ORDER BY f.key LIMIT 100
CALL (f) {
  OPTIONAL MATCH (f)-[:WRITTEN_IN]->(l:Entity {kind: 'LANGUAGE'})
  WITH l ORDER BY l.name LIMIT 1
  RETURN CASE WHEN l IS NULL THEN null ELSE {key: l.key, name: l.name} END AS language
}
RETURN collect({key: f.key, name: f.name, language: language}) AS nodes`,

  search: `
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
RETURN {score: score, entity: ${entity('node')}} AS hit
ORDER BY score DESC, node.key
LIMIT $first`,

  /**
   * toolsFor with the concern given by key, name or alias (the service also resolves free text and
   * typos, which costs it a full-text lookup this statement skips). Same scoring as the service.
   */
  toolsFor: `
MATCH (c:Entity) WHERE c.key = $concern OR $concern IN c.terms
WITH c ORDER BY CASE WHEN c.key = $concern THEN 0 ELSE 1 END LIMIT 1
WITH c, toFloat(COUNT { MATCH (x:Entity) WHERE x.kind IN $toolKinds }) AS toolCount
CALL (c, toolCount) {
  MATCH (c)-[r1]-(t:Entity)
  WHERE t.kind IN $toolKinds
  RETURN t, r1, null AS r2, 1.0 AS factor
  UNION ALL
  MATCH (c)-[r2]-(b:Entity)
  WHERE b.kind IN ['CONCEPT', 'TASK', 'RESPONSIBILITY'] AND (startNode(r2) = b OR type(r2) IN ['SAME_AS', 'ADDRESSES'])
  WITH b, r2, 1.0 - size(COLLECT { MATCH (b)--(x:Entity) WHERE x.kind IN $toolKinds RETURN DISTINCT x }) / toolCount AS specificity
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
LIMIT $first
WITH t, score, [r IN [best.r1, best.r2] WHERE r IS NOT NULL] AS rels
RETURN {
  score: round(score, 3), tool: ${entity('t')},
  path: {length: size(rels), steps: [r IN rels | {from: {key: startNode(r).key}, type: type(r), to: {key: endNode(r).key}}]}
} AS match`,

  path: `
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MATCH p = shortestPath((a)-[*..4]-(b))
WHERE all(r IN relationships(p) WHERE startNode(r):Entity AND endNode(r):Entity)
RETURN {length: length(p), steps: [r IN relationships(p) | {from: {key: startNode(r).key}, type: type(r), to: {key: endNode(r).key}}]} AS path
LIMIT 1`,

  /** Breadth-first over distinct nodes, then the relationships among them. */
  neighborhood2: `
MATCH (center:Entity {key: $key})
CALL (center) {
  MATCH (center)--(n1:Entity) WHERE n1 <> center
  WITH collect(DISTINCT n1) AS level1
  UNWIND level1 AS n1
  OPTIONAL MATCH (n1)--(n2:Entity) WHERE n2 <> center AND NOT n2 IN level1
  WITH level1, collect(DISTINCT n2) AS level2
  RETURN (level1 + level2)[0..$limit - 1] AS found
}
WITH [center] + found AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity) WHERE b IN nodes
  RETURN collect({from: a.kind + ':' + a.key, to: b.kind + ':' + b.key, type: type(r)}) AS edges
}
RETURN {nodes: [n IN nodes | ${entity('n')}], edges: edges} AS neighborhood`,

  relationsPage: `
MATCH (p:Entity {key: $key})
CALL (p) {
  MATCH (p)-[r]-(o:Entity)
  WITH r, o, CASE WHEN startNode(r) = p THEN 'OUT' ELSE 'IN' END AS direction
  WITH r, o, direction, direction + ':' + type(r) + ':' + o.key AS sortKey
  ORDER BY sortKey
  LIMIT $first + 1
  RETURN collect({sortKey: sortKey, type: type(r), direction: direction, basis: r.basis, evidence: r.evidence,
    section: r.section, node: ${entity('o')}}) AS edges
}
RETURN COUNT { (p)-[]-(:Entity) } AS totalCount, edges`,
} as const;

/** 1.0 for a STATED link, 0.5 for an INFERRED one; ×0.8 when its evidence speaks of a category. */
function weight(r: string): string {
  return `(CASE ${r}.basis WHEN 'STATED' THEN 1.0 WHEN 'INFERRED' THEN 0.5 END * CASE ${r}.scope WHEN 'CATEGORY' THEN 0.8 ELSE 1.0 END)`;
}
