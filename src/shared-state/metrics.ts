import { Gauge, type Registry } from 'prom-client';
import type { RedisHealth } from './health.js';

/** `redis_up` and `shared_state_fallback` on /metrics, read from the health at each scrape. */
export function registerRedisMetrics(registry: Registry, health: RedisHealth): void {
  registry.registerMetric(
    new Gauge({
      name: 'redis_up',
      help: '1 while every connection to Redis (REDIS_URL) is ready, else 0.',
      registers: [],
      collect() {
        this.set(health.up ? 1 : 0);
      },
    }),
  );
  registry.registerMetric(
    new Gauge({
      name: 'shared_state_fallback',
      help: '1 while Redis is unreachable and this instance runs alone: rate limits count per instance, cached answers expire quickly, events reach its own subscribers only.',
      registers: [],
      collect() {
        this.set(health.up ? 0 : 1);
      },
    }),
  );
}
