import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { RedisHealth, type Transition } from './health.js';

/**
 * The two connections an instance keeps to Redis, and whether they work. Redis is optional
 * infrastructure here: while it is unreachable nothing waits for it (commands fail at once and
 * their callers fall back to per-instance behaviour), ioredis keeps reconnecting, and each change
 * between up and down is logged once.
 */
export interface SharedRedis {
  /** Rate-limit counters and PUBLISH. */
  commands: Redis;
  /** SUBSCRIBE only: a subscribed connection can run nothing else. */
  subscriber: Redis;
  health: RedisHealth;
  /** Disconnects both, without reporting it as an outage. */
  close(): void;
}

/** Reconnect attempts: 100 ms, 200, 400, 800, then every second, forever (Redis may be away for long; an attempt is cheap). */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), 1000);
}

const COMMON: RedisOptions = {
  retryStrategy: reconnectDelay,
  // An unreachable address is reported within 2 s rather than ioredis' 10.
  connectTimeout: 2000,
};

const COMMAND_OPTIONS: RedisOptions = {
  ...COMMON,
  connectionName: 'kg-commands',
  // While Redis is away a command fails at once (the rate limiter then counts in memory, a
  // publish is delivered locally) instead of queueing until Redis returns, holding its request.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  // A Redis that accepts connections but does not answer must not hold requests either.
  commandTimeout: 1000,
};

const SUBSCRIBER_OPTIONS: RedisOptions = {
  ...COMMON,
  connectionName: 'kg-events',
  // SUBSCRIBE is never awaited by a request: made while Redis is away, it is queued and sent on
  // reconnect, and channels subscribed before an outage are subscribed again (autoResubscribe).
  enableOfflineQueue: true,
  maxRetriesPerRequest: null,
  autoResubscribe: true,
};

export function connectRedis(url: string, logger: Logger): SharedRedis {
  const health = new RedisHealth(['commands', 'subscriber']);
  const target = redisTarget(url);
  health.onTransition((transition) => logTransition(logger, target, transition));
  const commands = watched(new Redis(url, COMMAND_OPTIONS), 'commands', health);
  const subscriber = watched(new Redis(url, SUBSCRIBER_OPTIONS), 'subscriber', health);
  return {
    commands,
    subscriber,
    health,
    close: () => {
      health.close();
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

function watched(client: Redis, name: string, health: RedisHealth): Redis {
  client.on('ready', () => health.connectionReady(name));
  client.on('close', () => health.connectionLost(name));
  // Listening also keeps ioredis from printing every failed reconnect to stderr.
  client.on('error', (error: NodeJS.ErrnoException) => health.connectionError(error.message || error.code || String(error)));
  return client;
}

function logTransition(logger: Logger, target: string, { from, to, reason }: Transition): void {
  if (to === 'down') {
    const what = from === 'up' ? 'lost' : 'unreachable';
    logger.warn(
      { redis: target, reason },
      `Redis at ${target} ${what}${reason ? ` (${reason})` : ''}: rate limits count per instance, cached answers expire quickly, ` +
        'events reach this instance only. Reconnecting.',
    );
  } else {
    logger.info(
      { redis: target },
      from === 'down'
        ? `Redis at ${target} is back: events, cache invalidation and rate limits are shared again.`
        : `Redis at ${target} connected: events, cache invalidation and rate limits are shared with other instances.`,
    );
  }
}

/** `redis://host:port` without the credentials a URL may carry: safe to log. */
export function redisTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}
