import { createHash } from 'node:crypto';
import { type DocumentNode, type ExecutionResult, getOperationAST, print } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

/**
 * Identical read operations (same document, variables and operation name) are answered from
 * memory until the graph changes; then everything is dropped, because one write can change any
 * answer (a new link moves a ranking, a path, a count). Bounded by the bytes of the cached JSON,
 * so a few huge answers cannot exhaust memory. GET answers carry an ETag and may be revalidated
 * with `If-None-Match` (304).
 *
 * Why not @graphql-yoga/plugin-response-cache: it rewrites every document to add `__typename`
 * and `id` to each selection set, for per-entity invalidation we do not need; that makes every
 * query dearer to price and to resolve.
 */
export interface ResponseCache {
  plugin: Plugin;
  /** Drops every cached answer (call when the graph changes). */
  clear(): void;
  /**
   * Keeps answers cached from now on for at most `ms` (undefined: until the graph changes). For
   * when changes made elsewhere may go unannounced, e.g. while Redis is unreachable.
   */
  setTtl(ms: number | undefined): void;
}

/** Caches may keep a GET answer but must check back (ETag) before reusing it. */
export const CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export interface ResponseCacheOptions {
  maxBytes: number;
  /**
   * READ_REQUIRES_AUTH: an answer is served from memory only to an authenticated caller (it
   * would otherwise skip the check that refuses anonymous ones), and GETs get no ETag, so no
   * shared cache keeps an answer that needed a token.
   */
  readRequiresAuth: boolean;
}

export function createResponseCache({ maxBytes, readRequiresAuth }: ResponseCacheOptions): ResponseCache {
  const entries = new LRUCache<string, ExecutionResult>({
    maxSize: maxBytes,
    sizeCalculation: (result) => Math.max(1, JSON.stringify(result).length),
  });
  // Part of every ETag, so an answer cached by a browser before a change never validates after it.
  let generation = 0;
  let ttl: number | undefined;
  const keys = new WeakMap<Request, string>();
  const etag = (key: string) => `"${generation}-${key}"`;
  return {
    clear: () => {
      entries.clear();
      generation += 1;
    },
    setTtl: (ms) => {
      ttl = ms;
    },
    plugin: {
      onRequest({ request, url, endResponse }) {
        if (request.method !== 'GET' || readRequiresAuth) return;
        // A GET's key is its query string; kept for onExecute and onResponse.
        const key = hash(url.searchParams.toString());
        keys.set(request, key);
        const asked = request.headers.get('if-none-match');
        if (asked && asked === etag(key) && entries.has(key)) {
          endResponse(new Response(null, { status: 304, headers: { etag: asked, 'cache-control': CACHE_CONTROL } }));
        }
      },
      onExecute({ args, setResultAndStopExecution }) {
        if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
        const context = args.contextValue as { request: Request; actor?: unknown };
        if (readRequiresAuth && !context.actor) return;
        const request = context.request;
        const key = keys.get(request) ?? operationKey(args);
        keys.set(request, key);
        const cached = entries.get(key);
        if (cached) {
          setResultAndStopExecution(cached);
          return;
        }
        // A write that commits while this query runs clears the cache; this answer may predate it.
        const startedIn = generation;
        return {
          onExecuteDone({ result }) {
            if (generation !== startedIn) return;
            // Errors may be transient (timeouts, an outage): only clean answers are kept.
            if (!(Symbol.asyncIterator in result) && !result.errors?.length) entries.set(key, result, ttl ? { ttl } : undefined);
          },
        };
      },
      onResponse({ request, response }) {
        const key = keys.get(request);
        if (request.method === 'GET' && !readRequiresAuth && key && response.status === 200 && entries.has(key)) {
          response.headers.set('etag', etag(key));
          response.headers.set('cache-control', CACHE_CONTROL);
        }
      },
    },
  };
}

const printed = new WeakMap<DocumentNode, string>();

/** Yoga reuses parsed documents, so each is printed once. */
function operationKey(args: { document: DocumentNode; variableValues?: unknown; operationName?: string | null }): string {
  let text = printed.get(args.document);
  if (text === undefined) {
    text = print(args.document);
    printed.set(args.document, text);
  }
  return hash(JSON.stringify([text, args.variableValues ?? null, args.operationName ?? null]));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}
