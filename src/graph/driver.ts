import neo4j, { type Driver } from 'neo4j-driver';

export interface DriverSettings {
  uri: string;
  user: string;
  password: string;
}

/**
 * One driver per process. Timeouts are short on purpose: when Neo4j is down a request should
 * fail in seconds with SERVICE_UNAVAILABLE, not hang for the driver's 60 s defaults.
 */
export function createDriver({ uri, user, password }: DriverSettings): Driver {
  const auth = password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(uri, auth, {
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 3_000,
    disableLosslessIntegers: true,
    logging: { level: 'error', logger: () => {} },
  });
}

/** The URI without its userinfo (`bolt://user:pass@host` becomes `bolt://***@host`), safe to print. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}

/** A one-paragraph explanation of why Neo4j could not be reached, for people starting the service. */
export function describeConnectionFailure(rawUri: string, error: unknown): string {
  const uri = redactUri(rawUri);
  const code = (error as { code?: string }).code ?? '';
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (code.includes('Unauthorized') || code.includes('AuthenticationRateLimit')) {
    return `Neo4j at ${uri} refused the credentials (${detail}). Check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return (
      `Could not reach Neo4j at ${uri} (${detail}). Check that the server is running and that ` +
      'NEO4J_URI names the right host, port and scheme (bolt://, neo4j://, neo4j+s:// for Aura), ' +
      'or unset NEO4J_URI to let the service start its own bundled Neo4j.'
    );
  }
  return `Neo4j at ${uri} could not be used: ${detail}. Check NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.`;
}
