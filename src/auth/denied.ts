import type { AuthFailure } from '@pothos/plugin-scope-auth';
import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Context } from '../context.js';

/**
 * The error a caller gets when a scope check fails: FORBIDDEN when writes are disabled (with how
 * to enable them) or the role is too low, UNAUTHENTICATED when no token was sent.
 */
export function accessDenied(ctx: Context, failure: AuthFailure, field: string): GraphQLError {
  const needed = scopesOf(failure);
  if (needed.includes('reader')) {
    return createGraphQLError('Reading this graph needs a Bearer token (READ_REQUIRES_AUTH is on).', {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  }
  if (!ctx.auth.enabled) {
    return createGraphQLError(
      `${field} is disabled: this server has no authentication configured. Set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL, then send "Authorization: Bearer <token>" with an editor or admin role (npm run token -- --role editor --sub you).`,
      { extensions: { code: 'FORBIDDEN' } },
    );
  }
  const role = needed.includes('editor') ? 'editor' : 'admin';
  if (!ctx.actor) {
    return createGraphQLError(`${field} needs a Bearer token with the ${role} role.`, { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return createGraphQLError(`${field} needs the ${role} role; your token has ${ctx.actor.roles.join(', ') || 'no roles'}.`, {
    extensions: { code: 'FORBIDDEN' },
  });
}

function scopesOf(failure: AuthFailure): string[] {
  if ('scope' in failure) return [failure.scope];
  if ('failures' in failure) return failure.failures.flatMap(scopesOf);
  return [];
}
