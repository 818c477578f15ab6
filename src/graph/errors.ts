/** Errors the graph layer raises on purpose; the API maps them to coded GraphQL errors. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
}

export class QueryTimeoutError extends Error {
  readonly code = 'TIMEOUT';
}

/** Driver codes meaning "Neo4j is not reachable right now" (retried at start-up, SERVICE_UNAVAILABLE in requests). */
export const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** A curated write the graph refuses: bad input, an unknown key, or a stale version. */
export class WriteRejectedError extends Error {
  constructor(
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
