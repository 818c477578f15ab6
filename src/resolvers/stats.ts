import type { Context } from '../context.js';
import { graphStats as readGraphStats } from '../graph/repository.js';

export const graphStats = (ctx: Context) => readGraphStats(ctx.graph, ctx.stats);
