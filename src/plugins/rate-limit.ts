import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { errorResponse } from './http-errors.js';

const EXEMPT = new Set(['/health', '/ready', '/metrics']);

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/**
 * Per-client request budget per minute (0 turns it off). Clients are told how long to wait
 * with `Retry-After`. In-memory, so each instance counts on its own; see README, Scaling out.
 */
export function useRateLimit(perMinute: number, trustProxy: boolean): Plugin<object, NodeServerContext> {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (perMinute === 0 || EXEMPT.has(url.pathname)) return;
      const client = clientKey(request, serverContext, trustProxy);
      try {
        await limiter.consume(client);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        endResponse(
          errorResponse(request, 429, 'RATE_LIMITED', `Too many requests; retry in ${seconds} s.`, { 'retry-after': String(seconds) }),
        );
      }
    },
  };
}

/**
 * The socket's peer, or behind a trusted proxy the RIGHTMOST `X-Forwarded-For` entry: the address
 * that proxy saw. Entries to its left come from the client itself and can be anything.
 */
export function clientKey(request: Request, serverContext: NodeServerContext, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? request.headers
        .get('x-forwarded-for')
        ?.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .at(-1)
    : undefined;
  return forwarded || serverContext.req?.socket?.remoteAddress || 'unknown';
}
