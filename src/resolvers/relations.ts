import { type FieldNode, type GraphQLResolveInfo, getArgumentValues, getNamedType, isInterfaceType, isObjectType } from 'graphql';
import type { Context } from '../context.js';
import type { RelationShape } from '../graph/queries/relations.js';
import type { EdgeRow, EntityRow, RelationPage, RelationQuery, TypedFieldFilter } from '../graph/repository.js';
import type { EntityKind, RelationType } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { type PageInfoShape, pageInfo } from './page-info.js';
import { fieldNames, fieldsAt, fieldsByParentType, needsOnlyKeyNameKind, subfields, unconditionalFields } from './selection.js';

/** `Entity.relations` pages and the named relationship fields (Language.frameworks ...). */

export interface RelationConnectionShape {
  totalCount: number;
  edges: EdgeRow[];
  pageInfo: PageInfoShape;
}

export interface RelationArgs {
  types?: RelationType[] | null;
  direction?: 'OUT' | 'IN' | 'BOTH' | null;
  kinds?: EntityKind[] | null;
  first?: number | null;
  after?: string | null;
}

/**
 * One keyset page of an entity's relationships; parents asking the same question share a
 * round-trip. All matching relationships are counted only when `totalCount` is selected.
 */
export async function relationConnection(
  ctx: Context,
  entity: EntityRow,
  args: RelationArgs,
  info: GraphQLResolveInfo,
): Promise<RelationConnectionShape> {
  const query = relationQuery(args, shapeOf(info));
  const page = await ctx.loaders.relations(query).load(entity.key);
  const first = query.limit - 1;
  const edges = page.edges.slice(0, first);
  return { totalCount: page.totalCount, edges, pageInfo: pageInfo(edges, page.edges.length, first, query.after, relationCursor) };
}

/** An edge's cursor, encoded only when a client selects it. */
export const relationCursor = (edge: EdgeRow): string => encodeCursor('relation', edge.sortKey);

/** The loader question for `relations(args)`: one more row than shown, to learn whether a next page exists. */
function relationQuery(args: RelationArgs, shape: RelationShape): RelationQuery {
  return {
    types: args.types?.length ? args.types : null,
    direction: args.direction ?? 'BOTH',
    kinds: args.kinds?.length ? args.kinds : null,
    limit: (args.first ?? LIMITS.page.default) + 1,
    after: decodeCursor('relation', args.after),
    ...shape,
  };
}

/** Edge fields answered without the edge's details. */
const SLIM_EDGE_FIELDS = new Set(['__typename', 'cursor', 'type', 'direction', 'node']);

/**
 * What the selection under `relations` needs shipped: the total only when `totalCount` is
 * selected, edge details only when one is, whole nodes only when a field beyond key, name and
 * kind is (their own `relations` need only the key).
 */
function relationShape(relations: readonly FieldNode[], fragments: GraphQLResolveInfo['fragments']): RelationShape {
  const edges = subfields(relations, 'edges', fragments);
  return {
    withTotal: fieldNames(relations, fragments).has('totalCount'),
    // Only entity(key) asks for the parent (relationsAhead); every other page has it already.
    withParent: false,
    slimEdges: [...fieldNames(edges, fragments)].every((name) => SLIM_EDGE_FIELDS.has(name)),
    slimNodes: needsOnlyKeyNameKind(subfields(edges, 'node', fragments), fragments),
  };
}

/**
 * relationShape of the field being resolved, read once per selection: the executor hands every
 * parent in a list the same `fieldNodes` array, so fifty parents do not walk the selection fifty times.
 */
const shapes = new WeakMap<readonly FieldNode[], RelationShape>();
function shapeOf(info: GraphQLResolveInfo): RelationShape {
  let shape = shapes.get(info.fieldNodes);
  if (!shape) {
    shape = relationShape(info.fieldNodes, info.fragments);
    shapes.set(info.fieldNodes, shape);
  }
  return shape;
}

/**
 * The relations page the client selects under the entity being resolved, as the question its
 * resolver will ask, when there is exactly one that applies to every entity (no directives,
 * valid arguments); otherwise null. `entity(key:)` loads that page at once, and with it the
 * entity, so the lookup costs no round-trip of its own.
 */
export function relationsAhead(info: GraphQLResolveInfo): RelationQuery | null {
  const entityType = getNamedType(info.returnType);
  const field = isInterfaceType(entityType) ? entityType.getFields().relations : undefined;
  const [node, ...others] = unconditionalFields(info, 'relations', entityType.name);
  if (!field || !node || others.length > 0 || node.directives?.length) return null;
  try {
    const args = getArgumentValues(field, node, info.variableValues) as RelationArgs;
    const first = args.first ?? LIMITS.page.default;
    if (first < 1 || first > LIMITS.page.max) return null;
    return relationQuery(args, { ...relationShape([node], info.fragments), withParent: true });
  } catch {
    // Arguments the relations field itself will reject (a bad cursor): let it report them.
    return null;
  }
}

/** What a typed field asks: its types, direction and kinds, with no paging and no total. */
export interface TypedFieldSpec {
  types: RelationType[];
  direction: 'OUT' | 'IN';
  kinds: EntityKind[];
}

export const typedQuery = (spec: TypedFieldSpec): RelationQuery => ({
  types: spec.types,
  direction: spec.direction,
  kinds: spec.kinds,
  limit: LIMITS.typedFieldEntries,
  after: null,
  // Typed fields return whole entities, which any field may be asked of, and never their edges' details.
  withTotal: false,
  slimEdges: true,
  slimNodes: false,
  withParent: false,
});

const TYPED_FIELD = 'typedRelation';

/** The schema extension that marks a typed field, so pages can load it ahead (see typedFieldsAhead). */
export const typedFieldExtension = (parentKind: EntityKind, spec: TypedFieldSpec) => ({
  [TYPED_FIELD]: { parentKind, types: spec.types, direction: spec.direction, kinds: spec.kinds } satisfies TypedFieldFilter,
});

/**
 * The typed fields selected on the entities at `paths` under the field being resolved (e.g.
 * `nodes` and `edges.node` of an entity page), whatever fragments select them, each once.
 */
export function typedFieldsAhead(info: GraphQLResolveInfo, paths: string[][]): TypedFieldFilter[] {
  const found = new Map<string, TypedFieldFilter>();
  const entities = paths.flatMap((path) => fieldsAt(info, ...path));
  for (const { parentType, node } of fieldsByParentType(entities, info.fragments)) {
    const type = parentType ? info.schema.getType(parentType) : undefined;
    const filter = isObjectType(type) ? type.getFields()[node.name.value]?.extensions[TYPED_FIELD] : undefined;
    if (filter) found.set(`${parentType}.${node.name.value}`, filter as TypedFieldFilter);
  }
  return [...found.values()];
}

/**
 * The entities at the other end, by name. An entity linked by two of the field's types
 * (Express.js is both BUILT_ON and WRITTEN_IN ...) is still one entry.
 */
function uniqueNodes(page: RelationPage): EntityRow[] {
  const unique = new Map(page.edges.map((edge) => [edge.node.key, edge.node]));
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A typed list field for many parents, through the shared per-request relations loader. */
export async function typedEntities(ctx: Context, keys: readonly string[], spec: TypedFieldSpec): Promise<EntityRow[][]> {
  const pages = await ctx.loaders.relations(typedQuery(spec)).loadMany(keys);
  return pages.map((page) => {
    if (page instanceof Error) throw page;
    return uniqueNodes(page);
  });
}

/** A single-entity typed field (Framework.language): the first by name, or null. */
export async function typedEntity(ctx: Context, keys: readonly string[], spec: TypedFieldSpec): Promise<(EntityRow | null)[]> {
  return (await typedEntities(ctx, keys, spec)).map((list) => list[0] ?? null);
}

/**
 * What `self` reaches through `spec` that `other` does not ("what a senior is expected to carry
 * that a junior is not"). Both loads go through the typed field's loader, so they share a batch
 * with it and with every other level on the page.
 */
export async function reachedBeyond(ctx: Context, self: string, other: string, spec: TypedFieldSpec): Promise<EntityRow[]> {
  const [mine, theirs] = await typedEntities(ctx, [self, other], spec);
  const theirKeys = new Set((theirs ?? []).map((entity) => entity.key));
  return (mine ?? []).filter((entity) => !theirKeys.has(entity.key));
}
