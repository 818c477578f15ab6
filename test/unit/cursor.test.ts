import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/resolvers/cursor.js';

describe('cursors', () => {
  it('accept keys the seed did not write, such as c++', () => {
    expect(decodeCursor('entity', encodeCursor('entity', 'c++'))).toBe('c++');
    expect(decodeCursor('relation', encodeCursor('relation', 'IN:USED_FOR:c#'))).toBe('IN:USED_FOR:c#');
  });

  it('round-trip a sort key within their scope', () => {
    const cursor = encodeCursor('relation', 'OUT:WRITTEN_IN:python');
    expect(decodeCursor('relation', cursor)).toBe('OUT:WRITTEN_IN:python');
    expect(decodeCursor('relation', null)).toBeNull();
  });

  it.each([
    ['another list’s cursor', encodeCursor('entity', 'python')],
    ['not base64', 'abc$'],
    ['no scope', Buffer.from('python').toString('base64url')],
    ['path-like payload', Buffer.from('relation:../../x y').toString('base64url')],
    ['empty sort key', Buffer.from('relation:').toString('base64url')],
    ['unknown direction', Buffer.from('relation:SIDEWAYS:USED_FOR:python').toString('base64url')],
    ['relationship type outside the vocabulary', Buffer.from('relation:OUT:DELETES:python').toString('base64url')],
  ])('reject %s with BAD_USER_INPUT', (_label, cursor) => {
    try {
      decodeCursor('relation', cursor);
      expect.unreachable('the cursor was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
