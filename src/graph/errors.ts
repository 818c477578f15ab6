/** Errors the graph layer raises on purpose; the API maps them to coded GraphQL errors. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'SERVICE_UNAVAILABLE';
}

export class QueryTimeoutError extends Error {
  readonly code = 'TIMEOUT';
}
