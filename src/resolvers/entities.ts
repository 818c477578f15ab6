import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import {
  countEntities,
  type EntityRow,
  type EntityWithTyped,
  entityPage,
  entityPageWithTyped,
  entityWithTyped,
  type RelationPage,
  type TypedFieldFilter,
} from '../graph/repository.js';
import type { EntityKind } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { type PageInfoShape, pageInfo } from './page-info.js';
import { relationsAhead, typedFieldsAhead, typedQuery } from './relations.js';

/** Entity lookups: by key, by global id for one kind, page by page. */

export interface EntityConnectionShape {
  kind: EntityKind | null;
  edges: { cursor: string; node: EntityRow }[];
  pageInfo: PageInfoShape;
}

/**
 * `entity(key:)`. When it selects one relations page, that page's statement also returns the
 * entity: it is loaded here through the loader the relations field then reads from, so the
 * lookup and the first level of relationships take one round-trip. Otherwise, typed fields
 * selected on it (`... on Language { frameworks }`) are loaded with it the same way.
 */
export async function entityByKey(ctx: Context, key: string, info: GraphQLResolveInfo): Promise<EntityRow | null> {
  const ahead = relationsAhead(info);
  if (ahead) {
    const page = await ctx.loaders.relations(ahead).load(key);
    // The relations field asks the same question without the parent: it finds the page here.
    ctx.loaders.relations({ ...ahead, withParent: false }).prime(key, page);
    ctx.loaders.entity.prime(key, page.parent);
    return page.parent;
  }
  const typed = typedFieldsAhead(info, [[]]);
  if (typed.length === 0) return ctx.loaders.entity.load(key);
  const found = await entityWithTyped(ctx.graph, key, { fields: typed, limit: LIMITS.typedFieldEntries }, ctx.stats);
  if (found) primeTyped(ctx, typed, found);
  ctx.loaders.entity.prime(key, found?.entity ?? null);
  return found?.entity ?? null;
}

/** `node(id:)` for one entity type: a global id names a type, and an entity of another kind under it does not exist. */
export async function entitiesOfKind(ctx: Context, keys: string[], kind: EntityKind): Promise<(EntityRow | null)[]> {
  const rows = await ctx.loaders.entity.loadMany(keys);
  return rows.map((row) => {
    if (row instanceof Error) throw row;
    return row?.kind === kind ? row : null;
  });
}

/**
 * A keyset page of entities ordered by key; `totalCount` is a separate resolver, fetched only
 * when selected. Typed fields selected on its entities (Framework.language ...) are loaded in
 * the same round-trip and handed to the loader those fields read from.
 */
export async function entityConnection(
  ctx: Context,
  args: { kind?: EntityKind | null; first?: number | null; after?: string | null },
  info: GraphQLResolveInfo,
): Promise<EntityConnectionShape> {
  const first = args.first ?? LIMITS.page.default;
  const afterKey = decodeCursor('entity', args.after);
  const page = { kind: args.kind ?? null, after: afterKey, limit: first + 1 };
  const typed = typedFieldsAhead(info, [['nodes'], ['edges', 'node']]);
  const rows = typed.length ? await pageWithTyped(ctx, page, typed) : await entityPage(ctx.graph, page, ctx.stats);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor('entity', node.key), node }));
  return { kind: args.kind ?? null, edges, pageInfo: pageInfo(edges, rows.length, first, afterKey) };
}

async function pageWithTyped(ctx: Context, page: Parameters<typeof entityPage>[1], fields: TypedFieldFilter[]): Promise<EntityRow[]> {
  const rows = await entityPageWithTyped(ctx.graph, page, { fields, limit: LIMITS.typedFieldEntries }, ctx.stats);
  for (const row of rows) primeTyped(ctx, fields, row);
  return rows.map((row) => row.entity);
}

/** Hands an entity's typed-field pages to the loader those fields read from. */
function primeTyped(ctx: Context, fields: TypedFieldFilter[], { entity, pages }: EntityWithTyped): void {
  fields.forEach((field, index) => {
    if (field.parentKind === entity.kind) ctx.loaders.relations(typedQuery(field)).prime(entity.key, pages[index] as RelationPage);
  });
}

export const entityTotal = (ctx: Context, connection: EntityConnectionShape) => countEntities(ctx.graph, connection.kind, ctx.stats);
