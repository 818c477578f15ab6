import type { Graph, QueryStats } from './database.js';
import { GRAPH_STATS, type GraphStatsRow } from './queries/stats.js';

export async function graphStats(graph: Graph, stats?: QueryStats): Promise<GraphStatsRow> {
  const [row] = await graph.read<GraphStatsRow>(GRAPH_STATS, {}, stats);
  return row ?? { entityCount: 0, relationshipCount: 0 };
}
