import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createSharedEvents, type SharedEventTarget } from '../shared-state/events.js';
import type { RedisHealth } from '../shared-state/health.js';
import { shareGraphChanges } from '../shared-state/invalidation.js';
import { registerRedisMetrics } from '../shared-state/metrics.js';
import { connectRedis } from '../shared-state/redis.js';
import type { ResponseCache } from './response-cache.js';

/**
 * What instances share through Redis (REDIS_URL), wired into this server: the event target for
 * `graphChanged`, the rate limiter's store, graph-change announcements, `/metrics` gauges, and
 * the response cache's behaviour while Redis is away.
 */
export interface SharedState {
  plugin: Plugin;
  health: RedisHealth;
  eventTarget: SharedEventTarget;
  rateLimitStore: Redis;
  /** Tells the other instances the graph changed here (call after this instance wrote). */
  announceChange(): void;
}

/** While Redis is away, a cached answer lives at most this long (or GRAPH_WATCH_MS when shorter). */
export const FALLBACK_CACHE_TTL_MS = 5000;

export interface SharedStateOptions {
  logger: Logger;
  registry: Registry;
  cache: ResponseCache | undefined;
  /** Drops what this instance derived from the graph (cached answers, cost bounds). */
  invalidate(): void;
  /** GRAPH_WATCH_MS: the version poll's period, which a cached answer never outlives while Redis is away. */
  graphWatchMs: number;
}

export function connectSharedState(url: string, options: SharedStateOptions): SharedState {
  const { logger, cache, invalidate } = options;
  const fallbackTtlMs = Math.min(options.graphWatchMs, FALLBACK_CACHE_TTL_MS);
  const redis = connectRedis(url, logger);
  registerRedisMetrics(options.registry, redis.health);
  const events = createSharedEvents(redis, (error) => logger.warn({ err: error }, 'A Redis event could not be handled; ignored.'));
  const changes = shareGraphChanges(events, invalidate);
  // Until Redis answers, and while it is away, writes elsewhere may go unannounced: cached
  // answers then expire on their own. At either change, drop answers that may already be stale
  // (cached without expiry before an outage; announcements missed during one).
  cache?.setTtl(fallbackTtlMs);
  redis.health.onTransition(({ to }) => {
    cache?.setTtl(to === 'up' ? undefined : fallbackTtlMs);
    invalidate();
  });
  return {
    health: redis.health,
    eventTarget: events.target,
    rateLimitStore: redis.commands,
    announceChange: changes.announce,
    plugin: {
      onExecute({ args }) {
        if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
        // A write answers only once its announcement reached Redis (or failed fast), so a client
        // reading next through another instance cannot get that instance's answer from before it.
        return { onExecuteDone: () => changes.settled() };
      },
      onDispose() {
        changes.stop();
        redis.close();
      },
    },
  };
}
