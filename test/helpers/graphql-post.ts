import { SignJWT } from 'jose';

// biome-ignore lint/suspicious/noExplicitAny: tests read response data loosely, checking shapes with expect.
type Data = Record<string, any>;

/** One GraphQL POST with an optional Bearer token; returns the parsed body whatever it holds. */
export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: Data | null; errors?: { message: string; extensions?: Data }[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}

/** An HS256 token as `npm run token` makes it; `claims` overrides or adds anything. */
export function signToken(
  secret: string,
  {
    sub = 'alice',
    roles = ['editor'],
    ttl = '5m' as string | number,
    ...claims
  }: Record<string, unknown> & { sub?: string; roles?: unknown; ttl?: string | number } = {},
) {
  const jwt = new SignJWT({ roles, ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(ttl);
  return jwt.sign(new TextEncoder().encode(secret));
}
