import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { exactEntityKey, searchEntities, toolsFor } from '../graph/repository.js';
import { luceneQuery } from '../graph/search-query.js';
import type { EntityKind } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';

/** Finding entities by text, and the tools linked to a concern. */

export async function search(ctx: Context, args: { text: string; kinds?: EntityKind[] | null; first?: number | null }) {
  const query = luceneQuery(args.text);
  if (!query) throw badInput('text must contain at least one letter or digit.');
  return searchEntities(ctx.graph, query, args.kinds?.length ? args.kinds : null, args.first ?? LIMITS.searchHits.default, ctx.stats);
}

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

export async function toolsForConcern(ctx: Context, args: { concern: string; first?: number | null }) {
  const key = await resolveConcernKey(ctx, args.concern);
  if (!key) return [];
  const rows = await toolsFor(ctx.graph, key, args.first ?? LIMITS.toolMatches.default, ctx.stats);
  return rows.map((row) => ({ tool: row.tool, path: { length: row.steps.length, steps: row.steps } }));
}
