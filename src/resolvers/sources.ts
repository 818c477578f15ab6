import type { Context } from '../context.js';
import { type EntityRow, allSources as readAllSources, type SourceRow } from '../graph/repository.js';

/** Source lookups, all through the per-request loader: every source cited on a page costs one round-trip. */

export const sourceByKey = (ctx: Context, key: string) => ctx.loaders.source.load(key);

export const allSources = (ctx: Context) => readAllSources(ctx.graph, ctx.stats);

/** The sources named by `keys`, skipping any that no longer exist (a citation never fails a read). */
export async function citedSources(ctx: Context, keys: readonly string[]): Promise<SourceRow[]> {
  const rows = await ctx.loaders.source.loadMany(keys);
  return rows.filter((row): row is SourceRow => !!row && !(row instanceof Error));
}

/** `node(id:)` for sources. */
export async function sourcesForIds(ctx: Context, keys: string[]): Promise<(SourceRow | null)[]> {
  const rows = await ctx.loaders.source.loadMany(keys);
  return rows.map((row) => {
    if (row instanceof Error) throw row;
    return row;
  });
}

export interface SourceCitation {
  section: string;
  source: SourceRow;
}

/**
 * What an entity draws on: each source it cites with each of its sections (headings in that
 * source), or the source alone (section "") when the entity names no sections.
 */
export async function entitySources(ctx: Context, entity: EntityRow): Promise<SourceCitation[]> {
  const sources = await citedSources(ctx, entity.sources);
  const sections = entity.sections.length > 0 ? entity.sections : [''];
  return sources.flatMap((source) => sections.map((section) => ({ section, source })));
}
