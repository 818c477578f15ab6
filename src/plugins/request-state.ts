import { randomUUID } from 'node:crypto';
import { newQueryStats, type QueryStats } from '../graph/database.js';

/**
 * What one HTTP request accumulates while it is served: its id, its Neo4j cost and outcome.
 * Logging and metrics read it when the response leaves, including for requests that never
 * reached execution (rejected by limits or by the rate limiter).
 */
export interface RequestState {
  id: string;
  started: number;
  /** Whether the request was for the GraphQL endpoint (only those are logged and measured). */
  graphql: boolean;
  stats: QueryStats;
  operationName: string | null;
  errorCodes: string[];
}

const states = new WeakMap<Request, RequestState>();

export function requestState(request: Request): RequestState {
  let state = states.get(request);
  if (!state) {
    const given = request.headers.get('x-request-id');
    state = {
      id: given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID(),
      started: performance.now(),
      graphql: false,
      stats: newQueryStats(),
      operationName: null,
      errorCodes: [],
    };
    states.set(request, state);
  }
  return state;
}
