import type { EntityKind } from '../vocabulary.js';

/** Entity lookups and keyset pages over all entities. */

const ENTITY_FIELDS = ['key', 'name', 'kind', 'aliases', 'summary', 'sections', 'yearsMin', 'yearsMax'];

/**
 * The properties every entity row carries, as a map built from any node expression. Seeded
 * entities that no curator has touched have no version yet: they are version 1, by "seed".
 * Entities written before sources existed draw on the article.
 */
export const entityProjection = (node: string) =>
  `{${ENTITY_FIELDS.map((field) => `${field}: ${node}.${field}`).join(', ')}, sources: ${citedSources(node)}, version: coalesce(${node}.version, 1), updatedAt: ${node}.updatedAt, updatedBy: coalesce(${node}.updatedBy, 'seed')}`;

/** Key, name and kind only: what a client that selects no other entity field needs (see resolvers/selection.ts). */
export const slimEntityProjection = (node: string) => `{key: ${node}.key, name: ${node}.name, kind: ${node}.kind}`;

/** The whole projection, or the slim one when `slim`. */
export const entityShape = (node: string, slim: boolean) => (slim ? slimEntityProjection(node) : entityProjection(node));

/** The source keys a node or relationship cites; one written before `sources` existed rests on the article, then the only source. */
export const citedSources = (item: string) => `coalesce(${item}.sources, ['article'])`;

/** One relationship as a path step (from, type, to, and why it holds), from variable `r`; its ends slim when `slim`. */
export const stepProjection = (r: string, slim = false) => `{
  from: ${entityShape(`startNode(${r})`, slim)}, to: ${entityShape(`endNode(${r})`, slim)},
  type: type(${r}), basis: ${r}.basis, scope: coalesce(${r}.scope, 'ENTITY'), evidence: ${r}.evidence, section: ${r}.section
}`;

export interface EntityRow {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  summary: string;
  sections: string[];
  yearsMin: number | null;
  yearsMax: number | null;
  /** Keys of the sources the entity draws on (see queries/sources.ts). */
  sources: string[];
  /** Bumped by every curated write; `updateEntity`/`deleteEntity` compare it (optimistic concurrency). */
  version: number;
  /** ISO time of the last curated write; null for untouched seed data. */
  updatedAt: string | null;
  updatedBy: string;
}

export const ENTITIES_BY_KEYS = `
UNWIND $keys AS key
MATCH (n:Entity {key: key})
RETURN ${entityProjection('n')} AS entity`;

/** The entities of one kind (`$kind`, '' for any) after `$after` ('' from the start), as `n`. */
export const ENTITY_PAGE_FILTER = `($kind = '' OR n.kind = $kind) AND ($after = '' OR n.key > $after)`;

/** Keyset page ordered by key; asks for one extra row to learn whether another page exists. */
export const ENTITY_PAGE = `
MATCH (n:Entity)
WHERE ${ENTITY_PAGE_FILTER}
RETURN ${entityProjection('n')} AS entity
ORDER BY n.key
LIMIT $limit`;

export const COUNT_ENTITIES = `
MATCH (n:Entity) WHERE $kind = '' OR n.kind = $kind
RETURN count(n) AS total`;
