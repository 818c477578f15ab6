import type { Config } from './config.js';
import type { Graph, QueryStats } from './graph/database.js';
import type { GraphBounds } from './graph/graph-bounds.js';
import { createLoaders, type Loaders } from './graph/loaders.js';
import { requestState } from './plugins/request-state.js';

/** Server-wide dependencies, built once at start-up. */
export interface ServerDeps {
  graph: Graph;
  config: Config;
}

/** Server-wide state derived from the graph and refreshed when it changes. */
export interface DerivedState {
  /** The graph's real maximum degrees and kind counts, for pricing list fields. */
  bounds: GraphBounds;
}

/** What every resolver sees: server deps plus per-request state (fresh loaders, cost counters). */
export interface Context {
  graph: Graph;
  stats: QueryStats;
  loaders: Loaders;
  limits: { complexity: number; depth: number };
  bounds: GraphBounds;
}

export async function createContext(deps: ServerDeps & DerivedState, request: Request): Promise<Context> {
  const { stats } = requestState(request);
  await deps.bounds.prepare();
  return {
    graph: deps.graph,
    stats,
    loaders: createLoaders(deps.graph, stats),
    limits: { complexity: deps.config.MAX_COST, depth: deps.config.MAX_DEPTH },
    bounds: deps.bounds,
  };
}
