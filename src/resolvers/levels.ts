import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { EntityRow } from '../graph/repository.js';
import { reachedBeyond, type TypedFieldSpec } from './relations.js';

/**
 * "What does a senior need that a junior does not": what `self` reaches through the level's
 * `expects` field (`expects`) that the other level does not.
 */
export async function expectedBeyond(ctx: Context, self: EntityRow, otherKey: string, expects: TypedFieldSpec): Promise<EntityRow[]> {
  const other = await ctx.loaders.entity.load(otherKey);
  if (other?.kind !== 'SENIORITY_LEVEL') throw badInput(`"${otherKey.slice(0, 60)}" is not a seniority level key.`);
  return reachedBeyond(ctx, self.key, otherKey, expects);
}
