/**
 * Sources: the works facts are drawn from. The seed writes one, `article`; curators add more with
 * `addSource`. Relationships and entities cite sources by key (a `sources` list property), so a
 * citation costs no extra relationship and the seed can write it in the same UNWIND as the link.
 */

export interface SourceRow {
  key: string;
  title: string;
  author: string | null;
  url: string | null;
  published: string | null;
}

const sourceProjection = (s: string) => `${s} {.key, .title, author: ${s}.author, url: ${s}.url, published: ${s}.published}`;

export const SOURCES_BY_KEYS = `
UNWIND $keys AS key
MATCH (s:Source {key: key})
RETURN ${sourceProjection('s')} AS source`;

export const ALL_SOURCES = `
MATCH (s:Source)
RETURN ${sourceProjection('s')} AS source
ORDER BY s.key`;

/** The keys among `$keys` that name no source (a citation must name an existing one). */
export const MISSING_SOURCES = `
UNWIND $keys AS key
OPTIONAL MATCH (s:Source {key: key})
WITH key, s WHERE s IS NULL
RETURN collect(DISTINCT key) AS missing`;

export const CREATE_SOURCE = `
CREATE (s:Source)
SET s = $props
RETURN ${sourceProjection('s')} AS source`;

/** How many relationships and entities cite the source: one still cited cannot be removed. */
export const SOURCE_CITATIONS = `
RETURN COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE $key IN r.sources } + COUNT { MATCH (n:Entity) WHERE $key IN n.sources } AS citations`;

export const DELETE_SOURCE = `
MATCH (s:Source {key: $key})
WITH s, ${sourceProjection('s')} AS source
DELETE s
RETURN source`;
