import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { CHANNEL_PREFIX, createSharedEvents } from '../../src/shared-state/events.js';
import { RedisHealth, type Transition } from '../../src/shared-state/health.js';
import { GRAPH_CHANGED_TOPIC, shareGraphChanges } from '../../src/shared-state/invalidation.js';
import { reconnectDelay, redisTarget } from '../../src/shared-state/redis.js';

/** What instances share through Redis, without a Redis: health transitions, the event target's fallbacks, announcements. */

describe('RedisHealth', () => {
  const watch = () => {
    const health = new RedisHealth(['commands', 'subscriber']);
    const seen: Transition[] = [];
    health.onTransition((transition) => seen.push(transition));
    return { health, seen };
  };

  it('is up only once every connection is ready, and says so once', () => {
    const { health, seen } = watch();
    expect(health.state).toBe('starting');
    health.connectionReady('commands');
    expect(health.up).toBe(false);
    expect(seen).toEqual([]);
    health.connectionReady('subscriber');
    health.connectionReady('subscriber');
    expect(health.up).toBe(true);
    expect(seen).toEqual([{ from: 'starting', to: 'up', reason: null }]);
  });

  it('reports a Redis unreachable from the start as one transition to down, with the error', () => {
    const { health, seen } = watch();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      health.connectionError('connect ECONNREFUSED 127.0.0.1:6379');
      health.connectionLost('commands');
      health.connectionLost('subscriber');
    }
    expect(health.state).toBe('down');
    expect(seen).toEqual([{ from: 'starting', to: 'down', reason: 'connect ECONNREFUSED 127.0.0.1:6379' }]);
  });

  it('goes down when any connection is lost, and up again only when all are back', () => {
    const { health, seen } = watch();
    health.connectionReady('commands');
    health.connectionReady('subscriber');
    health.connectionLost('subscriber');
    health.connectionLost('commands');
    health.connectionReady('commands');
    expect(health.up).toBe(false);
    health.connectionReady('subscriber');
    expect(seen.map(({ from, to }) => `${from}->${to}`)).toEqual(['starting->up', 'up->down', 'down->up']);
  });

  it('reports nothing once closed on purpose, and ignores unknown connections', () => {
    const { health, seen } = watch();
    health.connectionReady('other');
    expect(health.state).toBe('starting');
    health.close();
    health.connectionLost('commands');
    expect(seen).toEqual([]);
  });
});

describe('Redis connection settings', () => {
  it('reconnects quickly at first, then every second, forever', () => {
    expect([1, 2, 3, 4, 5, 50].map(reconnectDelay)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('logs where Redis is without the credentials in REDIS_URL', () => {
    expect(redisTarget('rediss://user:s3cret@cache.internal:6380/0')).toBe('rediss://cache.internal:6380');
  });

  it('REDIS_URL must be a redis URL, and REDIS_REQUIRED needs it', () => {
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://localhost:6379' }).REDIS_REQUIRED).toBe(false);
    expect(() => loadConfig({ REDIS_URL: 'http://localhost:6379' })).toThrowError(/REDIS_URL: must start with redis/);
    expect(() => loadConfig({ REDIS_REQUIRED: 'true' })).toThrowError(ConfigError);
    expect(() => loadConfig({ REDIS_REQUIRED: 'true' })).toThrowError(/REDIS_REQUIRED: needs REDIS_URL/);
  });
});

/** Just enough of two ioredis clients: a subscriber that hears what the fake Redis forwards, a publisher that can fail. */
function fakeRedis() {
  const subscriber = Object.assign(new EventEmitter(), {
    status: 'ready',
    channels: new Set<string>(),
    subscribe: async (channel: string) => void subscriber.channels.add(channel),
    unsubscribe: async (channel: string) => void subscriber.channels.delete(channel),
  });
  const published: [string, string][] = [];
  const commands = {
    failing: false,
    publish: async (channel: string, message: string) => {
      if (commands.failing) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
      published.push([channel, message]);
      // Redis echoes it to every subscriber of the channel, ours included.
      if (subscriber.status === 'ready' && subscriber.channels.has(channel)) subscriber.emit('message', channel, message);
      return 1;
    },
  };
  const clients = { commands: commands as unknown as Redis, subscriber: subscriber as unknown as Redis };
  return { subscriber, commands, published, clients };
}

describe('shared events', () => {
  const listen = (events: ReturnType<typeof createSharedEvents>, topic: string) => {
    const heard: unknown[] = [];
    events.target.addEventListener(topic, (event: CustomEvent) => heard.push(event.detail));
    return heard;
  };

  it('publish through Redis on namespaced channels, heard once by this instance too', async () => {
    const redis = fakeRedis();
    const events = createSharedEvents(redis.clients, () => {});
    const heard = listen(events, 'graphChanged');
    expect([...redis.subscriber.channels]).toEqual([`${CHANNEL_PREFIX}graphChanged`]);
    await events.publish('graphChanged', { id: 'c1' });
    expect(redis.published).toEqual([[`${CHANNEL_PREFIX}graphChanged`, '{"id":"c1"}']]);
    expect(heard).toEqual([{ id: 'c1' }]);
  });

  it('while Redis is away, an event still reaches this instance’s subscribers, once', async () => {
    const redis = fakeRedis();
    const events = createSharedEvents(redis.clients, () => {});
    const heard = listen(events, 'graphChanged');
    redis.subscriber.status = 'reconnecting';
    redis.commands.failing = true;
    await events.publish('graphChanged', { id: 'c2' });
    expect(heard).toEqual([{ id: 'c2' }]);
    // Only the publish fails (the subscriber is connected): delivered here instead.
    redis.subscriber.status = 'ready';
    await events.publish('graphChanged', { id: 'c3' });
    expect(heard).toEqual([{ id: 'c2' }, { id: 'c3' }]);
  });

  it('a dispatched event never rejects unhandled, and a malformed message is reported, not thrown', async () => {
    const redis = fakeRedis();
    const errors: unknown[] = [];
    const events = createSharedEvents(redis.clients, (error) => errors.push(error));
    const heard = listen(events, 'graphChanged');
    redis.commands.failing = true;
    events.target.dispatchEvent(new CustomEvent('graphChanged', { detail: { id: 'c4' } }));
    await new Promise((done) => setImmediate(done));
    expect(heard).toEqual([{ id: 'c4' }]);
    expect(() => redis.subscriber.emit('message', `${CHANNEL_PREFIX}graphChanged`, 'not json')).not.toThrow();
    expect(errors).toHaveLength(1);
    // Other applications' channels on the same Redis are none of ours.
    redis.subscriber.emit('message', 'graphChanged', '{"id":"foreign"}');
    expect(heard).toEqual([{ id: 'c4' }]);
  });
});

describe('graph-change announcements', () => {
  it('react to other instances’ announcements, not to their own', async () => {
    const redis = fakeRedis();
    const events = createSharedEvents(redis.clients, () => {});
    let remoteChanges = 0;
    const sharing = shareGraphChanges(events, () => {
      remoteChanges += 1;
    });
    sharing.announce();
    await sharing.settled();
    expect(redis.published).toHaveLength(1);
    expect(remoteChanges).toBe(0);
    redis.subscriber.emit('message', `${CHANNEL_PREFIX}${GRAPH_CHANGED_TOPIC}`, JSON.stringify({ origin: 'another-instance' }));
    expect(remoteChanges).toBe(1);
    expect(sharing.settled()).toBeUndefined();
    sharing.stop();
    redis.subscriber.emit('message', `${CHANNEL_PREFIX}${GRAPH_CHANGED_TOPIC}`, JSON.stringify({ origin: 'another-instance' }));
    expect(remoteChanges).toBe(1);
  });
});
