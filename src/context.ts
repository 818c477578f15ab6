import { createGraphQLError } from 'graphql-yoga';
import { type Actor, bearerToken, TokenError, type TokenVerifier } from './auth/tokens.js';
import type { Config } from './config.js';
import type { Graph, QueryStats } from './graph/database.js';
import type { GraphBounds } from './graph/graph-bounds.js';
import { createLoaders, type Loaders } from './graph/loaders.js';
import { requestState } from './plugins/request-state.js';
import type { ChangeFeed } from './resolvers/change-feed.js';

/** Server-wide dependencies, built once at start-up. */
export interface ServerDeps {
  graph: Graph;
  config: Config;
}

/** Server-wide state derived from the graph and refreshed when it changes. */
export interface DerivedState {
  /** The graph's real maximum degrees and kind counts, for pricing list fields. */
  bounds: GraphBounds;
  /** Verifies Bearer tokens; null when no AUTH_* key is configured (writes disabled). */
  verifier: TokenVerifier | null;
  /** Curated changes, published after commit for `graphChanged` subscribers. */
  feed: ChangeFeed;
}

/** What every resolver sees: server deps plus per-request state (fresh loaders, cost counters). */
export interface Context {
  graph: Graph;
  stats: QueryStats;
  loaders: Loaders;
  limits: { complexity: number; depth: number };
  bounds: GraphBounds;
  /** Who sent the request (a verified Bearer token), or null: anonymous. */
  actor: Actor | null;
  auth: { enabled: boolean; readRequiresAuth: boolean };
  feed: ChangeFeed;
}

export async function createContext(deps: ServerDeps & DerivedState, request: Request): Promise<Context> {
  const { stats } = requestState(request);
  await deps.bounds.prepare();
  const actor = await authenticate(deps.verifier, request);
  return {
    graph: deps.graph,
    stats,
    loaders: createLoaders(deps.graph, stats),
    limits: { complexity: deps.config.MAX_COST, depth: deps.config.MAX_DEPTH },
    bounds: deps.bounds,
    actor,
    auth: { enabled: !!deps.verifier, readRequiresAuth: deps.config.READ_REQUIRES_AUTH },
    feed: deps.feed,
  };
}

/**
 * A token that fails verification fails the whole request: a client that sends credentials
 * wants to act as someone, and silently serving it as anonymous would hide the problem.
 * Without configured auth a token is ignored (writes then answer FORBIDDEN, saying why).
 */
async function authenticate(verifier: TokenVerifier | null, request: Request): Promise<Actor | null> {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token || !verifier) return null;
  try {
    return await verifier(token);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    throw createGraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED' } });
  }
}
