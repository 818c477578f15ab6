import type { Context } from '../context.js';
import { type EntityRow, salaries } from '../graph/repository.js';
import type { Region } from '../graph/vocabulary.js';

/** Salary and rate ranges: all of them filtered, or those of one entity. */

export const salaryRanges = (ctx: Context, args: { region?: Region | null; appliesTo?: string | null }) =>
  salaries(ctx.graph, args.region ?? null, args.appliesTo ?? null, ctx.stats);

/** An entity's ranges, loaded with every other entity's on the page; filtered by region here. */
export async function entitySalaries(ctx: Context, entity: EntityRow, region: Region | null | undefined) {
  const ranges = await ctx.loaders.salaries.load(entity.key);
  return region ? ranges.filter((range) => range.region === region) : ranges;
}
