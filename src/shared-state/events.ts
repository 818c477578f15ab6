import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { SharedRedis } from './redis.js';

/**
 * Events that reach subscribers on every instance: @graphql-yoga/redis-event-target, for yoga's
 * createPubSub, with two things it lacks. A publish or SUBSCRIBE that fails (Redis away) is
 * handled instead of left as an unhandled rejection, which would end the process; and while
 * Redis is away an event still reaches this instance's own subscribers (delivered here
 * directly), so a single instance behaves as it would without Redis.
 */

/** Keeps our channels apart from other applications on the same Redis. */
export const CHANNEL_PREFIX = 'kg:';

export type SharedEventTarget = ReturnType<typeof createRedisEventTarget<CustomEvent>>;

export interface SharedEvents {
  /** For `createPubSub({ eventTarget })`. */
  target: SharedEventTarget;
  /** Publishes `detail` as the library would; resolves (never rejects) once Redis took it or it was delivered here. */
  publish(topic: string, detail: unknown): Promise<void>;
}

type Deliver = (topic: string, message: string) => void;

const ignore = () => {};

export function createSharedEvents(redis: Pick<SharedRedis, 'commands' | 'subscriber'>, onError: (error: unknown) => void): SharedEvents {
  // The library's own message handler, captured when it registers it, so events can be delivered here without Redis.
  let deliver: Deliver = () => {};
  const subscribeClient = {
    on(_event: 'message', handler: Deliver) {
      deliver = (topic, message) => {
        try {
          handler(topic, message);
        } catch (error) {
          // A message that is not JSON (someone else published on our channel) is dropped, not thrown into ioredis.
          onError(error);
        }
      };
      redis.subscriber.on('message', (channel: string, message: string) => {
        if (channel.startsWith(CHANNEL_PREFIX)) deliver(channel.slice(CHANNEL_PREFIX.length), message);
      });
      return subscribeClient;
    },
    // With the offline queue these fail only once the connection is closed for good (shutdown),
    // when there is nothing left to subscribe to.
    subscribe: (topic: string) => redis.subscriber.subscribe(CHANNEL_PREFIX + topic).catch(ignore),
    unsubscribe: (topic: string) => redis.subscriber.unsubscribe(CHANNEL_PREFIX + topic).catch(ignore),
  };
  const send = async (topic: string, message: string): Promise<void> => {
    // Our own subscriber hears what we publish only while it is connected.
    const echoed = redis.subscriber.status === 'ready';
    if (!echoed) deliver(topic, message);
    try {
      await redis.commands.publish(CHANNEL_PREFIX + topic, message);
    } catch {
      if (echoed) deliver(topic, message);
    }
  };
  const target = createRedisEventTarget<CustomEvent>({
    // The library calls nothing but on('message'), subscribe, unsubscribe and publish.
    publishClient: { publish: send } as unknown as Redis,
    subscribeClient: subscribeClient as unknown as Redis,
  });
  return { target, publish: (topic, detail) => send(topic, detail === undefined ? '' : JSON.stringify(detail)) };
}
