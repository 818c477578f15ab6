import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskError } from '../../src/errors.js';
import { DatabaseUnavailableError, QueryTimeoutError } from '../../src/graph/errors.js';

const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['entity'] });

describe('maskError', () => {
  it('lets database outages through with SERVICE_UNAVAILABLE', () => {
    const masked = maskError(wrap(new DatabaseUnavailableError('down')), 'Unexpected error.', false) as GraphQLError;
    expect(masked.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(masked.path).toEqual(['entity']);
  });

  it('lets timeouts through with TIMEOUT', () => {
    const masked = maskError(wrap(new QueryTimeoutError('slow')), 'Unexpected error.', false) as GraphQLError;
    expect(masked.extensions.code).toBe('TIMEOUT');
  });

  it('masks anything else, without the original message', () => {
    const masked = maskError(wrap(new Error('password=secret in query')), 'Unexpected error.', false) as GraphQLError;
    expect(masked.message).toBe('Unexpected error.');
    expect(JSON.stringify(masked)).not.toContain('secret');
  });
});
