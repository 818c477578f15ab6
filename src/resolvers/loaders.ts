import type { Graph, QueryStats } from '../graph/database.js';

/** Per-request loaders; filled in by the API layer. */
export interface Loaders {
  graph: Graph;
  stats: QueryStats;
}

export function createLoaders(graph: Graph, stats: QueryStats): Loaders {
  return { graph, stats };
}
