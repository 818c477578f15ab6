import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

/**
 * Bearer tokens for curation. Verification only: the service never issues tokens (except
 * `npm run token` for local use). `sub` names the actor recorded in history; `roles` says what
 * they may do (see src/schema/builder.ts for the scopes built on them).
 */

export const ROLES = ['editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  roles: Role[];
}

export interface AuthSettings {
  AUTH_JWT_SECRET?: string | undefined;
  AUTH_JWKS_URL?: string | undefined;
  /** Least time between two fetches of the JWKS (jose's `cooldownDuration`); default 30 s. */
  AUTH_JWKS_COOLDOWN_MS?: number | undefined;
  AUTH_ISSUER?: string | undefined;
  AUTH_AUDIENCE?: string | undefined;
}

/** A token that does not prove who the caller is; the message says why, without echoing the token. */
export class TokenError extends Error {}

export type TokenVerifier = (token: string) => Promise<Actor>;

/** Null when no key is configured: then nobody can authenticate and writes are disabled. */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier | null {
  const secret = settings.AUTH_JWT_SECRET ? new TextEncoder().encode(settings.AUTH_JWT_SECRET) : null;
  // jose caches the key set and re-fetches it when a token names an unknown kid, at most once per
  // cooldown (so forged kids cannot make us hammer the issuer): a rotated-in key is accepted.
  const jwks = settings.AUTH_JWKS_URL
    ? createRemoteJWKSet(new URL(settings.AUTH_JWKS_URL), { cooldownDuration: settings.AUTH_JWKS_COOLDOWN_MS ?? 30_000 })
    : null;
  if (!secret && !jwks) return null;
  // An explicit allow-list: `alg: none` and algorithm confusion (HS256 signed with a public key) fail here.
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ['RS256', 'ES256'] : [])];
  const key: JWTVerifyGetKey = (header, token) => {
    if (header.alg === 'HS256' && secret) return secret;
    if (jwks) return jwks(header, token);
    throw new TokenError('The token is signed with an algorithm this server does not accept.');
  };
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms,
        issuer: settings.AUTH_ISSUER,
        audience: settings.AUTH_AUDIENCE,
      });
      return actorOf(payload);
    } catch (error) {
      throw error instanceof TokenError ? error : new TokenError(explain(error, jwks !== null));
    }
  };
}

function actorOf(payload: JWTPayload): Actor {
  if (typeof payload.sub !== 'string' || !payload.sub.trim()) throw new TokenError('The token has no `sub` claim naming the actor.');
  const claimed = payload.roles;
  const list = Array.isArray(claimed) ? claimed : typeof claimed === 'string' ? [claimed] : [];
  const roles = ROLES.filter((role) => list.includes(role));
  return { id: payload.sub.slice(0, 200), roles };
}

function explain(error: unknown, usesKeySet: boolean): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' || error.claim === 'iat') return 'The token is not valid yet.';
    if (error.claim === 'iss') return 'The token was issued by an issuer this server does not trust.';
    if (error.claim === 'aud') return 'The token is meant for another audience.';
    return `The token's \`${error.claim}\` claim is invalid.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid.';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this server does not accept.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'No known key matches the token (`kid`).';
  if (error instanceof errors.JWKSTimeout) return 'The signing keys could not be fetched in time.';
  if (error instanceof errors.JWKSInvalid) return 'The signing keys at AUTH_JWKS_URL are not a valid key set.';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return 'The token is malformed.';
  }
  // jose fetches the key set with fetch(): a failed connection is a TypeError, an HTTP error
  // status a plain JOSEError.
  const fetchFailed = error instanceof TypeError || (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC');
  if (usesKeySet && fetchFailed) return 'The signing keys could not be fetched; try again shortly.';
  return 'The token could not be verified.';
}

/** The token of an `Authorization: Bearer <token>` header; null without one. */
export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  // admin includes everything an editor may do.
  return !!actor && (actor.roles.includes(role) || actor.roles.includes('admin'));
}
