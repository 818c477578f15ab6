import { ENTITY_KINDS, KIND_LABELS, RELATION_TYPES } from '../vocabulary.js';

/**
 * Cypher for backups (`npm run export` / `npm run import`, src/backup). Labels and relationship
 * types cannot be parameters, so the statements that need them are built only from the closed
 * lists below (checked again here, whatever the caller did); every value arrives as a parameter.
 */

/**
 * Node labels a backup carries, each with the property that identifies its nodes (links name
 * their ends by it). An entity also carries its kind label. `Source` is listed beside `Article`
 * so a backup taken before or after the article becomes a source node both load.
 * `GraphMeta` is absent on purpose: its version is a cache token, and an import writes a new one.
 */
export const NODE_IDENTITY: Readonly<Record<string, string>> = {
  Entity: 'key',
  SalaryRange: 'key',
  Article: 'key',
  Source: 'key',
  Change: 'id',
};

export const KIND_LABEL_SET: ReadonlySet<string> = new Set(ENTITY_KINDS.map((kind) => KIND_LABELS[kind]));

/** Relationship types a backup carries, with the identity label allowed at each end. */
export const LINK_ENDS: Readonly<Record<string, { from: string; to: string }>> = {
  ...Object.fromEntries(RELATION_TYPES.map((type) => [type, { from: 'Entity', to: 'Entity' }])),
  HAS_SALARY: { from: 'Entity', to: 'SalaryRange' },
};

/** The graph-version token is not exported (see NODE_IDENTITY). */
const META_LABEL = 'GraphMeta';

/**
 * A property map as `[key, valueType, value]` triples, so the export can tell a float 2.0 from
 * an integer 2 (the driver returns both as JavaScript numbers). Integers travel as strings, so
 * ones beyond 2^53 stay exact.
 */
const typedProperties = (x: string) => `[k IN keys(${x}) | [k, valueType(${x}[k]), CASE
    WHEN valueType(${x}[k]) STARTS WITH 'INTEGER' THEN toString(${x}[k])
    WHEN valueType(${x}[k]) STARTS WITH 'LIST<INTEGER' THEN [i IN ${x}[k] | toString(i)]
    ELSE ${x}[k] END]]`;

export const EXPORT_NODES = `
MATCH (n) WHERE NOT n:${META_LABEL}
RETURN labels(n) AS labels, ${typedProperties('n')} AS props`;

/** `$identity` is NODE_IDENTITY: each end is named by its identity label and property. */
export const EXPORT_LINKS = `
MATCH (a)-[r]->(b) WHERE NOT a:${META_LABEL} AND NOT b:${META_LABEL}
WITH a, r, b, [l IN labels(a) WHERE l IN keys($identity)][0] AS fromLabel, [l IN labels(b) WHERE l IN keys($identity)][0] AS toLabel
RETURN type(r) AS type, labels(a) AS fromLabels, a[coalesce($identity[fromLabel], 'key')] AS fromId,
       labels(b) AS toLabels, b[coalesce($identity[toLabel], 'key')] AS toId, ${typedProperties('r')} AS props`;

/**
 * What is in the store besides the version token: an import refuses a non-empty store. Each
 * count is answered from Neo4j's count store, without scanning, whatever the graph's size.
 */
export const STORE_COUNTS = `
CALL () { MATCH (n) RETURN count(n) AS all }
CALL () { MATCH (m:${META_LABEL}) RETURN count(m) AS meta }
CALL () { MATCH ()-[r]->() RETURN count(r) AS links }
RETURN all - meta AS nodes, links`;

/** Wiping in slices: one DETACH DELETE of a large graph can exhaust Neo4j's heap. */
export const DELETE_SOME_LINKS = `
MATCH ()-[r]->() WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted`;

export const DELETE_SOME_NODES = `
MATCH (n) WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted`;

function assertLabel(label: string, allowed: (label: string) => boolean): string {
  if (!allowed(label)) throw new Error(`Refusing to build Cypher with the label or type ${JSON.stringify(label)}: not in the vocabulary.`);
  return label;
}

const isIdentityLabel = (label: string) => Object.hasOwn(NODE_IDENTITY, label);

/**
 * Statements that pick a label or type by a row's value: one FOREACH per candidate, each
 * spliced from the closed vocabulary and run only for the rows that name it. One statement text
 * per identity label (or pair of link ends) instead of one per kind or type: Neo4j plans each
 * text once, and on a cold server planning 40 small statements costs more than the data.
 */
const forEachMatching = (field: string, value: string, clause: string) =>
  `FOREACH (_ IN CASE WHEN row.${field} = '${value}' THEN [1] ELSE [] END | ${clause})`;

/**
 * Writes a slice of nodes with one identity label; an entity's `row.kindLabel` picks its kind
 * label. MERGE on the identity property (backed by the schema's unique constraints) makes a
 * batch safe to repeat: a resumed import may replay the batch whose commit it did not record.
 */
export function importNodes(identityLabel: string): string {
  const label = assertLabel(identityLabel, isIdentityLabel);
  const kinds = label === 'Entity' ? [...KIND_LABEL_SET].map((kind) => `\n${forEachMatching('kindLabel', kind, `SET n:${kind}`)}`) : [];
  return `
UNWIND $rows AS row
MERGE (n:${label} {${NODE_IDENTITY[label]}: row.id})
SET n = row.props${kinds.join('')}`;
}

/** The link types that join nodes of these two identity labels. */
export function linkTypesBetween(from: string, to: string): string[] {
  return Object.entries(LINK_ENDS)
    .filter(([, ends]) => ends.from === from && ends.to === to)
    .map(([type]) => type);
}

/** Writes a slice of links between two identity labels, `row.type` picking the type; MERGE keeps a replayed batch from doubling them. */
export function importLinks(from: string, to: string): string {
  const [a, b] = [assertLabel(from, isIdentityLabel), assertLabel(to, isIdentityLabel)];
  const types = linkTypesBetween(a, b).map((type) => forEachMatching('type', type, `MERGE (a)-[r:${type}]->(b) SET r = row.props`));
  return `
UNWIND $rows AS row
MATCH (a:${a} {${NODE_IDENTITY[a]}: row.from})
MATCH (b:${b} {${NODE_IDENTITY[b]}: row.to})
${types.join('\n')}`;
}
