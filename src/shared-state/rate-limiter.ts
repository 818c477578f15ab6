import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** Keeps our counters apart from other applications on the same Redis. */
export const RATE_LIMIT_KEY_PREFIX = 'kg:rate';

/**
 * The per-client budget of `perMinute` requests (null: no limit). With a Redis store every
 * instance counts into the same keys, so the budget holds across instances. While Redis is
 * unreachable or slow, each instance counts in memory instead (the insurance limiter): clients
 * keep being served and limited, by each instance on its own, until Redis answers again.
 */
export function createRateLimiter(perMinute: number, store?: Redis): RateLimiterAbstract | null {
  if (perMinute === 0) return null;
  const local = new RateLimiterMemory({ points: perMinute, duration: 60 });
  if (!store) return local;
  return new RateLimiterRedis({
    storeClient: store,
    keyPrefix: RATE_LIMIT_KEY_PREFIX,
    points: perMinute,
    duration: 60,
    // Not connected: count in memory at once rather than wait for a command to fail.
    rejectIfRedisNotReady: true,
    insuranceLimiter: local,
  });
}
