import { RELATION_TYPES } from '../../src/graph/vocabulary.js';
import { RAW } from './cypher.js';

/**
 * Type definitions for @neo4j/graphql over the same labels and relationship types as the
 * service. Every relationship type is a field in both directions (`out_SUPPORTS`,
 * `in_SUPPORTS`): @neo4j/graphql binds one type per relationship field, so "all relationships
 * of any type" is a selection of all of them. What it cannot express natively (a relationship
 * page across types, toolsFor ranking, shortest path, neighbourhood) is a `@cypher` field over
 * the same hand-written statement the raw-Cypher peer runs.
 */

const relationFields = (target: string) =>
  RELATION_TYPES.flatMap((type) => [
    `  out_${type}: [${target}!]! @relationship(type: "${type}", direction: OUT)`,
    `  in_${type}: [${target}!]! @relationship(type: "${type}", direction: IN)`,
  ]).join('\n');

/** A @cypher statement for a Query field: the shared statement, returning its single column. */
const cypher = (statement: string, column: string) => `@cypher(statement: """${statement}""", columnName: "${column}")`;

/** In a field on Entity, `this` is the parent node. */
const RELATIONS_PAGE = `
CALL (this) {
  MATCH (this)-[r]-(o:Entity)
  WITH r, o, CASE WHEN startNode(r) = this THEN 'OUT' ELSE 'IN' END AS direction
  WITH r, o, direction, direction + ':' + type(r) + ':' + o.key AS sortKey
  ORDER BY sortKey
  LIMIT $first
  RETURN {type: type(r), direction: direction, basis: r.basis, evidence: r.evidence, section: r.section,
    node: {key: o.key, name: o.name, kind: o.kind}} AS edge
}
RETURN edge`;

const NO_WRITES = '@mutation(operations: []) @subscription(events: [])';

export const NEO4J_GRAPHQL_TYPEDEFS = /* GraphQL */ `
type Entity @node(labels: ["Entity"]) ${NO_WRITES}
  @fulltext(indexes: [{ indexName: "entity_search", queryName: "searchEntities", fields: ["name", "aliasText", "summary"] }]) {
  key: String!
  name: String!
  kind: String!
  aliases: [String!]!
  aliasText: String
  summary: String!
${relationFields('Entity')}
  relationsPage(first: Int!): [RelationEdge!]! ${cypher(RELATIONS_PAGE, 'edge')}
  relationCount: Int! ${cypher('RETURN COUNT { (this)-[]-(:Entity) } AS total', 'total')}
}

type Framework @node(labels: ["Framework", "Entity"]) ${NO_WRITES} {
  key: String!
  name: String!
  language: [Language!]! @relationship(type: "WRITTEN_IN", direction: OUT)
}

type Language @node(labels: ["Language", "Entity"]) ${NO_WRITES} {
  key: String!
  name: String!
}

type EntityInfo { key: String! name: String kind: String }
type RelationEdge { type: String! direction: String! basis: String! evidence: String! section: String! node: EntityInfo! }
type Step { from: EntityInfo! type: String! to: EntityInfo! }
type PathInfo { length: Int! steps: [Step!]! }
type ToolMatch { score: Float! tool: EntityInfo! path: PathInfo! }
type GraphEdge { from: String! to: String! type: String! }
type Subgraph { nodes: [EntityInfo!]! edges: [GraphEdge!]! }

type Query {
  toolsFor(concern: String!, first: Int!, toolKinds: [String!]!): [ToolMatch!]! ${cypher(RAW.toolsFor, 'match')}
  path(from: String!, to: String!): PathInfo ${cypher(RAW.path, 'path')}
  neighborhood(key: String!, limit: Int!): Subgraph ${cypher(RAW.neighborhood2, 'neighborhood')}
}
`;
