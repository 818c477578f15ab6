import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { type Context, createContext, type ServerDeps } from './context.js';
import { maskError } from './errors.js';
import { exampleOperations } from './examples/index.js';
import { schema } from './schema/index.js';

/** Builds the GraphQL server without listening, so tests and server.ts share it. */
export function createYogaServer(deps: ServerDeps) {
  return createYoga<object, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    context: () => createContext(deps),
    maskedErrors: { maskError },
    graphiql: { title: 'Backend knowledge graph', defaultQuery: exampleOperations() },
    logging: false,
    plugins: [
      useReadinessCheck({ endpoint: '/ready', check: () => deps.graph.ping() }),
      ...(deps.queryStats ? [useQueryStatsExtension()] : []),
    ],
  });
}

export type YogaServer = ReturnType<typeof createYogaServer>;

/** Adds `extensions.queryStats` (Neo4j round-trips, rows, time) so clients see what a query cost. */
function useQueryStatsExtension(): Plugin<Context> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result) return;
        const { roundTrips, rowsRead, dbMillis } = (args.contextValue as Context).stats;
        setResult({
          ...result,
          extensions: { ...result.extensions, queryStats: { neo4jRoundTrips: roundTrips, rowsRead, dbMillis: Math.round(dbMillis) } },
        });
      },
    }),
  };
}
