import type { Config } from './config.js';
import type { Graph, QueryStats } from './graph/database.js';
import { createLoaders, type Loaders } from './graph/loaders.js';
import { requestState } from './plugins/request-state.js';

/** Server-wide dependencies, built once at start-up. */
export interface ServerDeps {
  graph: Graph;
  config: Config;
}

/** What every resolver sees: server deps plus per-request state (fresh loaders, cost counters). */
export interface Context {
  graph: Graph;
  stats: QueryStats;
  loaders: Loaders;
  limits: { complexity: number; depth: number };
}

export function createContext(deps: ServerDeps, request: Request): Context {
  const { stats } = requestState(request);
  return {
    graph: deps.graph,
    stats,
    loaders: createLoaders(deps.graph, stats),
    limits: { complexity: deps.config.MAX_COST, depth: deps.config.MAX_DEPTH },
  };
}
