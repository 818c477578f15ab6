import type { Context } from '../context.js';
import type { EdgeRow, RelationFilter } from '../graph/repository.js';
import { relationPages } from '../graph/repository.js';
import type { EntityKind, RelationType } from '../graph/vocabulary.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface RelationConnectionShape {
  totalCount: number;
  edges: (EdgeRow & { cursor: string })[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface RelationArgs {
  types?: RelationType[] | null;
  direction?: 'OUT' | 'IN' | 'BOTH' | null;
  kinds?: EntityKind[] | null;
  first?: number | null;
  after?: string | null;
}

/** Loads one keyset page of relationships for every parent key in a single round-trip. */
export async function loadRelationConnections(ctx: Context, keys: readonly string[], args: RelationArgs) {
  const first = args.first ?? 20;
  const filter: RelationFilter = {
    types: args.types?.length ? args.types : null,
    direction: args.direction ?? 'BOTH',
    kinds: args.kinds?.length ? args.kinds : null,
    limit: first + 1,
    after: decodeCursor('relation', args.after),
  };
  const pages = await relationPages(ctx.graph, keys, filter, ctx.stats);
  return pages.map((page): RelationConnectionShape => {
    const edges = page.edges.slice(0, first).map((edge) => ({ ...edge, cursor: encodeCursor('relation', edge.sortKey) }));
    return {
      totalCount: page.totalCount,
      edges,
      pageInfo: {
        hasNextPage: page.edges.length > first,
        hasPreviousPage: filter.after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  });
}
