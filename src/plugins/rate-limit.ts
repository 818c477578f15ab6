import type { Plugin } from 'graphql-yoga';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { errorResponse } from './http-errors.js';

const EXEMPT = new Set(['/health', '/ready', '/metrics']);

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

/**
 * Per-client request budget (null: no limit), counted by `limiter`: in memory per instance, or
 * shared through Redis (see src/shared-state/rate-limiter.ts and README, Scaling out). Clients
 * are told how long to wait with `Retry-After`.
 */
export function useRateLimit(limiter: RateLimiterAbstract | null, trustProxy: boolean): Plugin<object, NodeServerContext> {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (!limiter || EXEMPT.has(url.pathname)) return;
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
