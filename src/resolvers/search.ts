import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { resolveConcern, searchEntities, toolsFor } from '../graph/repository.js';
import { concernQuery, luceneQuery } from '../graph/search-query.js';
import type { EntityKind } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';
import { slimSteps } from './paths.js';
import { fieldsAt, needsOnlyKeyNameKind } from './selection.js';

/** Finding entities by text, and the tools linked to a concern. */

export async function search(ctx: Context, args: { text: string; kinds?: EntityKind[] | null; first?: number | null }) {
  const query = luceneQuery(args.text);
  if (!query) throw badInput('text must contain at least one letter or digit.');
  return searchEntities(ctx.graph, query, args.kinds?.length ? args.kinds : null, args.first ?? LIMITS.searchHits.default, ctx.stats);
}

/**
 * `toolsFor(concern)`: the concern may be a key, a name, an alias, a phrase containing one
 * ("tools used for security") or text with typos; Cypher resolves it and ranks the tools in
 * the same round-trip. Each match names the concern used, so clients can say so.
 */
export async function toolsForConcern(ctx: Context, args: { concern: string; first?: number | null }, info: GraphQLResolveInfo) {
  const asked = concernAsked(args.concern);
  if (!asked) return [];
  const slim = needsOnlyKeyNameKind(fieldsAt(info, 'tool'), info.fragments) && slimSteps(info, 'path');
  const found = await toolsFor(ctx.graph, { ...asked, limit: args.first ?? LIMITS.toolMatches.default, slim }, ctx.stats);
  if (!found) return [];
  const { concern, matches } = found;
  return matches.map((match) => ({
    concern,
    tool: match.tool,
    score: match.score,
    path: { length: match.steps.length, steps: match.steps },
  }));
}

/**
 * `concern(text)`: the entity `toolsFor(concern: text)` would use, so a client can say "showing
 * tools for: Security" even when no tool is linked to it. Null when nothing matches.
 */
export async function concernFor(ctx: Context, args: { text: string }) {
  const asked = concernAsked(args.text);
  return asked ? resolveConcern(ctx.graph, asked, ctx.stats) : null;
}

/** The text as both lookups take it, or null when it holds nothing to search for. */
function concernAsked(raw: string): { text: string; lucene: string } | null {
  const text = raw.trim();
  const lucene = concernQuery(text);
  return lucene ? { text, lucene } : null;
}
