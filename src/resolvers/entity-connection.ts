import type { Context } from '../context.js';
import { countEntities, type EntityRow, entityPage } from '../graph/repository.js';
import type { EntityKind } from '../graph/vocabulary.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface EntityConnectionShape {
  kind: EntityKind | null;
  edges: { cursor: string; node: EntityRow }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A keyset page of entities ordered by key; `totalCount` is fetched only when selected. */
export async function entityConnection(ctx: Context, kind: EntityKind | null, first: number, after: string | null | undefined) {
  const afterKey = decodeCursor('entity', after);
  const rows = await entityPage(ctx.graph, { kind, after: afterKey, limit: first + 1 }, ctx.stats);
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor('entity', node.key), node }));
  return {
    kind,
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: afterKey !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  } satisfies EntityConnectionShape;
}

export const entityTotal = (ctx: Context, connection: EntityConnectionShape) => countEntities(ctx.graph, connection.kind, ctx.stats);
