import type { Graph, QueryStats } from './graph/database.js';
import { newQueryStats } from './graph/database.js';
import { createLoaders, type Loaders } from './resolvers/loaders.js';

/** Server-wide dependencies, built once at start-up. */
export interface ServerDeps {
  graph: Graph;
  queryStats: boolean;
}

/** What every resolver sees: server deps plus per-request state (fresh loaders, cost counters). */
export interface Context {
  graph: Graph;
  stats: QueryStats;
  loaders: Loaders;
}

export function createContext(deps: ServerDeps): Context {
  const stats = newQueryStats();
  return { graph: deps.graph, stats, loaders: createLoaders(deps.graph, stats) };
}
