import type { Context } from '../context.js';
import { countEntities, type EntityRow, entityPage } from '../graph/repository.js';
import type { EntityKind } from '../graph/vocabulary.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { type PageInfoShape, pageInfo } from './page-info.js';

export interface EntityConnectionShape {
  kind: EntityKind | null;
  edges: { cursor: string; node: EntityRow }[];
  pageInfo: PageInfoShape;
}

/** A keyset page of entities ordered by key; `totalCount` is fetched only when selected. */
export async function entityConnection(ctx: Context, kind: EntityKind | null, first: number, after: string | null | undefined) {
  const afterKey = decodeCursor('entity', after);
  const rows = await entityPage(ctx.graph, { kind, after: afterKey, limit: first + 1 }, ctx.stats);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor('entity', node.key), node }));
  return {
    kind,
    edges,
    pageInfo: pageInfo(edges, rows.length, first, afterKey),
  } satisfies EntityConnectionShape;
}

export const entityTotal = (ctx: Context, connection: EntityConnectionShape) => countEntities(ctx.graph, connection.kind, ctx.stats);
