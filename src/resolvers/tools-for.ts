import type { Context } from '../context.js';
import { exactEntityKey, searchEntities, toolsFor } from '../graph/repository.js';
import { luceneQuery } from '../graph/search-query.js';

/**
 * `toolsFor(concern)`: the concern may be a key, a name, an alias or free text. Exact matches
 * win; otherwise the best full-text hit stands for it. Returns null when nothing matches.
 */
export async function resolveConcernKey(ctx: Context, concern: string): Promise<string | null> {
  const exact = await exactEntityKey(ctx.graph, concern.trim(), ctx.stats);
  if (exact) return exact;
  const query = luceneQuery(concern);
  if (!query) return null;
  const [best] = await searchEntities(ctx.graph, query, null, 1, ctx.stats);
  return best?.entity.key ?? null;
}

export async function toolsForConcern(ctx: Context, concern: string, first: number) {
  const key = await resolveConcernKey(ctx, concern);
  if (!key) return [];
  const rows = await toolsFor(ctx.graph, key, first, ctx.stats);
  return rows.map((row) => ({ tool: row.tool, path: { length: row.steps.length, steps: row.steps } }));
}
