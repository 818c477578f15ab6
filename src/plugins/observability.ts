import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';
import { requestState } from './request-state.js';

/**
 * One structured log line and one metrics sample per GraphQL request: request id, operation,
 * duration, Neo4j round-trips and error codes.
 */
export function useObservability(logger: Logger, metrics: Metrics): Plugin {
  return {
    onRequest({ request, url }) {
      requestState(request).graphql = url.pathname === '/graphql';
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (request) requestState(request).operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
    },
    onResultProcess({ request, result }) {
      const state = requestState(request);
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of (single as ExecutionResult).errors ?? []) {
          state.errorCodes.push(String(error.extensions?.code ?? 'UNKNOWN'));
        }
      }
    },
    onResponse({ request, response, serverContext }) {
      const state = requestState(request);
      if (!state.graphql) return;
      metrics.record(state, response.status);
      const level = response.status >= 500 ? 'error' : state.errorCodes.length > 0 ? 'warn' : 'info';
      logger[level](
        {
          reqId: state.id,
          method: request.method,
          status: response.status,
          operation: state.operationName,
          durationMs: Math.round(performance.now() - state.started),
          neo4jRoundTrips: state.stats.roundTrips,
          neo4jRows: state.stats.rowsRead,
          errorCodes: state.errorCodes.length ? [...new Set(state.errorCodes)] : undefined,
          client: (serverContext as { req?: { socket?: { remoteAddress?: string } } }).req?.socket?.remoteAddress,
        },
        'graphql request',
      );
    },
  };
}
