import type { Plugin } from 'graphql-yoga';

/**
 * `GET /ready`: 200 when `check` resolves true, 503 when it resolves false or throws (with the
 * error's message as plain text), for load balancers and orchestrators.
 *
 * yoga's `useReadinessCheck` does the same, but matches every request's URL against a
 * URLPattern (a polyfill on Node 20) once its cheap checks fail, which cost about a tenth of a
 * small GraphQL request's CPU; yoga has already parsed the URL, so comparing its path suffices.
 */
export function useReadiness(endpoint: string, check: () => Promise<boolean>): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== endpoint) return;
      try {
        endResponse(new Response(null, { status: (await check()) ? 200 : 503 }));
      } catch (error) {
        const message = error instanceof Error ? error.message : 'not ready';
        endResponse(new Response(message, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
      }
    },
  };
}
