import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createTokenVerifier } from './auth/tokens.js';
import { type Context, createContext, type ServerDeps } from './context.js';
import { maskError } from './errors.js';
import { exampleOperations } from './examples/index.js';
import { onGraphChange } from './graph/changes.js';
import { GraphBounds } from './graph/graph-bounds.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useExplorer } from './plugins/explorer.js';
import { lazyGraphiQLPage } from './plugins/graphiql-page.js';
import { useLimitCodes } from './plugins/limit-codes.js';
import { Metrics, useMetricsEndpoint } from './plugins/metrics.js';
import { useNotFound } from './plugins/not-found.js';
import { useObservability } from './plugins/observability.js';
import { useRateLimit } from './plugins/rate-limit.js';
import { useReadiness } from './plugins/readiness.js';
import { requestState } from './plugins/request-state.js';
import { createResponseCache } from './plugins/response-cache.js';
import { connectSharedState } from './plugins/shared-state.js';
import { useTrustedDocuments } from './plugins/trusted-documents.js';
import { createChangeFeed } from './resolvers/change-feed.js';
import { schema } from './schema/index.js';
import { createRateLimiter } from './shared-state/rate-limiter.js';

export interface YogaDeps extends ServerDeps {
  logger: Logger;
  /** Extra readiness condition, e.g. start-up (schema, seed) finished. */
  booted?: () => boolean;
}

export const GRAPHQL_ENDPOINT = '/graphql';

/** Where `GET /` redirects a browser. */
export const HOME_PATH = '/explore';

/** Builds the GraphQL server without listening, so tests and server.ts share it. */
export function createYogaServer(deps: YogaDeps) {
  const { config } = deps;
  const production = config.NODE_ENV === 'production';
  const metrics = new Metrics();
  const bounds = new GraphBounds(deps.graph);
  const verifier = createTokenVerifier(config);
  const cache =
    config.RESPONSE_CACHE_BYTES > 0
      ? createResponseCache({ maxBytes: config.RESPONSE_CACHE_BYTES, readRequiresAuth: config.READ_REQUIRES_AUTH })
      : undefined;
  const invalidate = () => {
    cache?.clear();
    bounds.markStale();
  };
  // With REDIS_URL, instances share events, rate limits and graph-change announcements.
  const shared = config.REDIS_URL
    ? connectSharedState(config.REDIS_URL, {
        logger: deps.logger,
        registry: metrics.registry,
        cache,
        invalidate,
        graphWatchMs: config.GRAPH_WATCH_MS,
      })
    : undefined;
  const feed = createChangeFeed(shared?.eventTarget);
  // Whatever changes the graph (a write or seed load here, or elsewhere as seen by
  // watchGraphVersion) makes cached answers and cost bounds stale; this process's own changes
  // are also announced to the other instances (Redis delivers theirs to `invalidate`).
  const stopWatching = onGraphChange((source) => {
    invalidate();
    if (source === 'written') shared?.announceChange();
  });
  const redisReady = () => !config.REDIS_REQUIRED || shared?.health.up === true;
  return createYoga<object, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    // Not yoga's landing page (it loads images from the internet): unknown paths are 404s, see useNotFound.
    landingPage: false,
    context: ({ request }) => createContext({ ...deps, bounds, verifier, feed }, request),
    maskedErrors: { maskError },
    graphiql: config.GRAPHIQL ? { title: 'Backend knowledge graph', defaultQuery: exampleOperations() } : false,
    renderGraphiQL: lazyGraphiQLPage(),
    cors: corsOptions(config.CORS_ORIGINS),
    batching: false,
    logging: false,
    // useBodyLimit refuses bodies without a Content-Length or above the limit before they are
    // read, and Node's HTTP parser never reads past Content-Length; yoga's own limit would pipe
    // every body through a counting stream again (about a tenth of a small request's CPU).
    maxRequestBodySize: false,
    plugins: [
      useNotFound({ home: HOME_PATH, graphqlEndpoint: GRAPHQL_ENDPOINT }),
      useMetricsEndpoint(metrics),
      useExplorer(),
      useObservability(deps.logger, metrics),
      useRateLimit(createRateLimiter(config.RATE_LIMIT_PER_MINUTE, shared?.rateLimitStore), config.TRUST_PROXY),
      useBodyLimit(config.MAX_BODY_BYTES),
      useCSRFPrevention({ requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight'] }),
      useReadiness('/ready', async () => (deps.booted?.() ?? true) && redisReady() && deps.graph.ping()),
      // Depth and cost are priced by the Pothos complexity plugin (schema/builder.ts).
      EnvelopArmorPlugin({
        maxDepth: { enabled: false },
        costLimit: { enabled: false },
        maxAliases: { n: config.MAX_ALIASES, exposeLimits: true },
        maxTokens: { n: config.MAX_TOKENS, exposeLimits: true },
        maxDirectives: { n: config.MAX_DIRECTIVES, exposeLimits: true },
        blockFieldSuggestion: { enabled: production },
      }),
      useLimitCodes(),
      ...(config.INTROSPECTION ? [] : [useDisableIntrospection()]),
      ...(config.TRUSTED_DOCUMENTS_FILE ? [useTrustedDocuments(config.TRUSTED_DOCUMENTS_FILE)] : []),
      ...(cache ? [cache.plugin] : []),
      // After the cache, so a cached answer reports this request's cost (none), not the first one's.
      ...(config.QUERY_STATS ? [useQueryStatsExtension()] : []),
      ...(shared ? [shared.plugin] : []),
      { onDispose: stopWatching },
    ],
  });
}

/** No list: same-origin only. `*`: any origin. Otherwise exactly the listed origins. */
function corsOptions(origins: string[]) {
  if (origins.length === 0) return false;
  return { origin: origins.includes('*') ? '*' : origins, methods: ['GET', 'POST'], credentials: false };
}

/** Adds `extensions.queryStats` (Neo4j round-trips, rows, time) so clients see what a query cost. */
function useQueryStatsExtension(): Plugin<Context> {
  return {
    onResultProcess: ({ request, result, setResult }) => {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const { roundTrips, rowsRead, dbMillis } = requestState(request).stats;
      setResult({
        ...result,
        extensions: { ...result.extensions, queryStats: { neo4jRoundTrips: roundTrips, rowsRead, dbMillis: Math.round(dbMillis) } },
      });
    },
  };
}
