import { LIMITS } from '../limits.js';
import { ANY, type Graph, type QueryStats } from './database.js';
import { COUNT_ENTITIES, ENTITIES_BY_KEYS, ENTITY_PAGE, type EntityRow } from './queries/entities.js';
import { neighborhoodStatement, shortestPathStatement } from './queries/paths.js';
import { ENTITY_PAGE_WITH_TYPED, ENTITY_WITH_TYPED, type RelationShape, relationPagesStatement } from './queries/relations.js';
import { SALARIES, SALARIES_BY_OWNER, type SalaryRow } from './queries/salaries.js';
import { SEARCH } from './queries/search.js';
import { ALL_SOURCES, SOURCES_BY_KEYS, type SourceRow } from './queries/sources.js';
import { GRAPH_STATS, type GraphStatsRow } from './queries/stats.js';
import { CONCERN, toolsForStatement } from './queries/tools-for.js';
import { normalizeTerm } from './search-query.js';
import { type Basis, type EntityKind, type Region, type RelationType, type Scope, TOOL_KINDS } from './vocabulary.js';

/** Functions over the graph: each is one Cypher round-trip, with user input only as parameters. */

export type { EntityRow, SalaryRow, SourceRow };

export interface StepRow {
  from: EntityRow;
  to: EntityRow;
  type: RelationType;
  basis: Basis;
  scope: Scope;
  evidence: string;
  section: string;
}

export interface EdgeRow {
  sortKey: string;
  type: RelationType;
  direction: 'OUT' | 'IN';
  basis: Basis;
  scope: Scope;
  evidence: string;
  section: string;
  /** Keys of the sources the relationship cites. */
  sources: string[];
  /** Only key, name and kind when the query asked for slim nodes (RelationShape). */
  node: EntityRow;
}

export interface RelationPage {
  /** The entity whose relationships these are, when the query asked for it (withParent); null otherwise, or when no entity has the key. */
  parent: EntityRow | null;
  edges: EdgeRow[];
  totalCount: number;
}

/**
 * One question about relationships, asked of many parents at once; the same type from resolver
 * to Cypher. Its shape (RelationShape) says what to ship: the total, edge details, whole nodes.
 */
export interface RelationQuery extends RelationShape {
  /** Only these relationship types (null: all). */
  types: RelationType[] | null;
  direction: 'OUT' | 'IN' | 'BOTH';
  /** Only edges to entities of these kinds (null: all). */
  kinds: EntityKind[] | null;
  /** Rows to fetch per parent (callers ask for one more than they show, to detect a next page). */
  limit: number;
  /** The sort key of the last edge already seen (keyset paging). */
  after: string | null;
}

export async function graphStats(graph: Graph, stats?: QueryStats): Promise<GraphStatsRow> {
  const [row] = await graph.read<GraphStatsRow>(GRAPH_STATS, {}, stats);
  return row ?? { entityCount: 0, relationshipCount: 0 };
}

/** Entities for `keys`, in the same order, `null` where a key is unknown. */
export async function entitiesByKeys(graph: Graph, keys: readonly string[], stats?: QueryStats): Promise<(EntityRow | null)[]> {
  const rows = await graph.read<{ entity: EntityRow }>(ENTITIES_BY_KEYS, { keys }, stats);
  const byKey = new Map(rows.map(({ entity }) => [entity.key, entity]));
  return keys.map((key) => byKey.get(key) ?? null);
}

export async function entityPage(graph: Graph, args: { kind: EntityKind | null; after: string | null; limit: number }, stats?: QueryStats) {
  const params = { kind: args.kind ?? ANY.text, after: args.after ?? ANY.text, limit: args.limit };
  const rows = await graph.read<{ entity: EntityRow }>(ENTITY_PAGE, params, stats);
  return rows.map((row) => row.entity);
}

/** A typed relationship field (Framework.language ...): the kind it belongs to, and its filter. */
export interface TypedFieldFilter {
  parentKind: EntityKind;
  types: RelationType[];
  direction: 'OUT' | 'IN';
  kinds: EntityKind[];
}

/** The typed fields to load with entities, and how many edges each may return per entity. */
export interface TypedFields {
  fields: TypedFieldFilter[];
  limit: number;
}

/** An entity with, per field of TypedFields, the page the relations loader would return for it. */
export interface EntityWithTyped {
  entity: EntityRow;
  pages: RelationPage[];
}

/** entityPage, with the typed fields in `typed` loaded for every entity of the page in the same round-trip. */
export async function entityPageWithTyped(
  graph: Graph,
  args: { kind: EntityKind | null; after: string | null; limit: number },
  typed: TypedFields,
  stats?: QueryStats,
): Promise<EntityWithTyped[]> {
  const params = { kind: args.kind ?? ANY.text, after: args.after ?? ANY.text, limit: args.limit };
  return withTyped(await graph.read<TypedRow>(ENTITY_PAGE_WITH_TYPED, { ...params, ...typedParams(typed) }, stats), typed);
}

/** One entity by key (null: none has it), with the typed fields in `typed`, in one round-trip. */
export async function entityWithTyped(graph: Graph, key: string, typed: TypedFields, stats?: QueryStats): Promise<EntityWithTyped | null> {
  return withTyped(await graph.read<TypedRow>(ENTITY_WITH_TYPED, { key, ...typedParams(typed) }, stats), typed)[0] ?? null;
}

type TypedRow = { entity: EntityRow; typed: { index: number; edges: EdgeRow[] }[] };
const typedParams = (typed: TypedFields) => ({ typed: typed.fields, typedLimit: typed.limit });

function withTyped(rows: TypedRow[], typed: TypedFields): EntityWithTyped[] {
  return rows.map(({ entity, typed: found }) => {
    const edges = new Map(found.map(({ index, edges: list }) => [index, list]));
    return { entity, pages: typed.fields.map((_, index) => ({ parent: entity, edges: edges.get(index) ?? [], totalCount: -1 })) };
  });
}

export async function countEntities(graph: Graph, kind: EntityKind | null, stats?: QueryStats): Promise<number> {
  const [row] = await graph.read<{ total: number }>(COUNT_ENTITIES, { kind: kind ?? ANY.text }, stats);
  return row?.total ?? 0;
}

/** One page of relationships per parent key, for all keys in one round-trip. */
export async function relationPages(graph: Graph, keys: readonly string[], query: RelationQuery, stats?: QueryStats) {
  const { types, kinds, direction, limit, after } = query;
  const params = { keys, types: types ?? ANY.list, kinds: kinds ?? ANY.list, direction, limit, after: after ?? ANY.text };
  const rows = await graph.read<{ key: string } & RelationPage>(relationPagesStatement(query), params, stats);
  const byKey = new Map(rows.map(({ key, ...page }) => [key, page]));
  return keys.map((key): RelationPage => byKey.get(key) ?? { parent: null, edges: [], totalCount: 0 });
}

export async function searchEntities(graph: Graph, query: string, kinds: EntityKind[] | null, limit: number, stats?: QueryStats) {
  return graph.read<{ entity: EntityRow; score: number }>(SEARCH, { query, kinds: kinds ?? ANY.list, limit }, stats);
}

/** What may stand between a tool and a concern in `toolsFor`: the ideas and the work they serve. */
const BRIDGE_KINDS: readonly EntityKind[] = ['CONCEPT', 'TASK', 'RESPONSIBILITY'];

export interface ToolMatchRow {
  tool: EntityRow;
  score: number;
  steps: StepRow[];
}

/**
 * Resolves `text` to a concern and ranks the tools linked to it (see queries/tools-for.ts).
 * Null when nothing matches; `lucene` is the full-text form of `text`. With `slim`, tools and
 * the ends of their steps carry only key, name and kind.
 */
export async function toolsFor(graph: Graph, ask: { text: string; lucene: string; limit: number; slim: boolean }, stats?: QueryStats) {
  const params = { ...concernParams(ask), limit: ask.limit };
  const [row] = await graph.read<{ concern: EntityRow; matches: ToolMatchRow[] }>(
    toolsForStatement(ask.slim),
    { ...params, toolKinds: TOOL_KINDS, bridgeKinds: BRIDGE_KINDS, maxBridges: LIMITS.toolBridges },
    stats,
  );
  return row ?? null;
}

/** The concern `toolsFor` would use for `text` (null: none); `lucene` is its full-text form. */
export async function resolveConcern(graph: Graph, ask: { text: string; lucene: string }, stats?: QueryStats) {
  const [row] = await graph.read<{ concern: EntityRow }>(CONCERN, concernParams(ask), stats);
  return row?.concern ?? null;
}

/** The forms of the text the resolution compares: as given, full-text, normalised, and padded for whole-word matches. */
function concernParams({ text, lucene }: { text: string; lucene: string }) {
  const norm = normalizeTerm(text);
  return { text, lucene, norm, phrase: ` ${norm} ` };
}

/** The shortest chain of at most `maxHops` relationships; with `slim`, its ends carry only key, name and kind. */
export async function shortestPath(graph: Graph, ask: { from: string; to: string; maxHops: number; slim: boolean }, stats?: QueryStats) {
  const query = shortestPathStatement(ask.maxHops, ask.slim);
  const [row] = await graph.read<{ steps: StepRow[] }>(query, { from: ask.from, to: ask.to }, stats);
  return row?.steps ?? null;
}

/** The subgraph around `key`, breadth-first; with `slim`, nodes carry only key, name and kind. */
export async function neighborhood(graph: Graph, ask: { key: string; depth: number; limit: number; slim: boolean }, stats?: QueryStats) {
  const [row] = await graph.read<{ nodes: EntityRow[]; edges: { from: string; to: string; type: RelationType }[] }>(
    neighborhoodStatement(ask.depth, ask.slim),
    { key: ask.key, limit: ask.limit },
    stats,
  );
  return row ?? null;
}

export async function salaries(graph: Graph, region: Region | null, appliesTo: string | null, stats?: QueryStats) {
  const rows = await graph.read<{ salary: SalaryRow }>(SALARIES, { region: region ?? ANY.text, appliesTo: appliesTo ?? ANY.text }, stats);
  return rows.map((row) => row.salary);
}

/** Every salary range of each owner key, in the same order as `keys`. */
export async function salariesByOwner(graph: Graph, keys: readonly string[], stats?: QueryStats): Promise<SalaryRow[][]> {
  const rows = await graph.read<{ key: string; salary: SalaryRow }>(SALARIES_BY_OWNER, { keys }, stats);
  const byOwner = new Map<string, SalaryRow[]>();
  for (const { key, salary } of rows) byOwner.set(key, [...(byOwner.get(key) ?? []), salary]);
  return keys.map((key) => byOwner.get(key) ?? []);
}

/** Sources for `keys`, in the same order, `null` where a key is unknown. */
export async function sourcesByKeys(graph: Graph, keys: readonly string[], stats?: QueryStats): Promise<(SourceRow | null)[]> {
  const rows = await graph.read<{ source: SourceRow }>(SOURCES_BY_KEYS, { keys }, stats);
  const byKey = new Map(rows.map(({ source }) => [source.key, source]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Every source, by key (a handful: they are works cited, not facts). */
export async function allSources(graph: Graph, stats?: QueryStats): Promise<SourceRow[]> {
  return (await graph.read<{ source: SourceRow }>(ALL_SOURCES, {}, stats)).map((row) => row.source);
}
