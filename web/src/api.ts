import type { TadaDocumentNode } from 'gql.tada';
import { ClientError, GraphQLClient } from 'graphql-request';

/** Why a request failed, in terms the banner can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'rate-limited' | 'server' | 'graphql',
    /** Seconds to wait before retrying (HTTP 429 `Retry-After`). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

async function guardedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch {
    throw new ApiError('The service is unreachable. Check that it is running, then retry.', 'unreachable');
  }
  if (response.status === 429) {
    const header = response.headers.get('retry-after');
    const seconds =
      header && /^\d+$/.test(header) ? Number(header) : header ? Math.max(1, Math.ceil((Date.parse(header) - Date.now()) / 1000)) : 60;
    throw new ApiError(`Too many requests: the service asks to wait ${seconds} s before trying again.`, 'rate-limited', seconds);
  }
  if (response.status >= 500 && !(response.headers.get('content-type') ?? '').includes('json')) {
    throw new ApiError(`The service answered HTTP ${response.status}. Retry in a moment.`, 'server');
  }
  return response;
}

const client = new GraphQLClient(new URL('/graphql', location.href).href, {
  fetch: guardedFetch,
  headers: { 'x-graphql-csrf': '1' },
});

/** Runs a typed document; every failure becomes an ApiError. */
export async function request<R, V extends Record<string, unknown>>(document: TadaDocumentNode<R, V>, variables: V): Promise<R> {
  try {
    return await client.request<R>(document, variables as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof ClientError) {
      const message = error.response.errors?.[0]?.message ?? `HTTP ${error.response.status}`;
      throw new ApiError(`The service refused the request: ${message}`, 'graphql');
    }
    throw new ApiError('The service is unreachable. Check that it is running, then retry.', 'unreachable');
  }
}
