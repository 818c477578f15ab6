import { GraphQLError } from 'graphql';
import { createGraphQLError, type YogaServerOptions, maskError as yogaMaskError } from 'graphql-yoga';
import { DatabaseUnavailableError, QueryTimeoutError } from './graph/errors.js';

type MaskError = NonNullable<Exclude<YogaServerOptions<object, object>['maskedErrors'], boolean | undefined>['maskError']>;

/** An expected failure the caller can fix: a bad argument, id or cursor. */
export function badInput(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Yoga masks unexpected errors; this lets the database failures a client can act on through
 * with their codes (SERVICE_UNAVAILABLE, TIMEOUT) and masks everything else as yoga would.
 */
export const maskError: MaskError = (error, message, isDev) => {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DatabaseUnavailableError || original instanceof QueryTimeoutError) {
    return createGraphQLError(original.message, {
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: original.code },
    });
  }
  return yogaMaskError(error, message, isDev);
};
