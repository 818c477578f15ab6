import type { Context } from '../context.js';
import type { EdgeRow } from '../graph/repository.js';
import type { EntityKind, RelationType } from '../graph/vocabulary.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { type PageInfoShape, pageInfo } from './page-info.js';

export interface RelationConnectionShape {
  totalCount: number;
  edges: (EdgeRow & { cursor: string })[];
  pageInfo: PageInfoShape;
}

export interface RelationArgs {
  types?: RelationType[] | null;
  direction?: 'OUT' | 'IN' | 'BOTH' | null;
  kinds?: EntityKind[] | null;
  first?: number | null;
  after?: string | null;
}

/** One keyset page of an entity's relationships; parents asking the same question share a round-trip. */
export async function relationConnection(ctx: Context, key: string, args: RelationArgs): Promise<RelationConnectionShape> {
  const first = args.first ?? 20;
  const after = decodeCursor('relation', args.after);
  const page = await ctx.loaders
    .relations({
      types: args.types?.length ? args.types : null,
      direction: args.direction ?? 'BOTH',
      kinds: args.kinds?.length ? args.kinds : null,
      limit: first + 1,
      after,
      withTotal: true,
    })
    .load(key);
  const edges = page.edges.slice(0, first).map((edge) => ({ ...edge, cursor: encodeCursor('relation', edge.sortKey) }));
  return { totalCount: page.totalCount, edges, pageInfo: pageInfo(edges, page.edges.length, first, after) };
}
