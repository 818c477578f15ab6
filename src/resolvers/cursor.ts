import { badInput } from '../errors.js';

/**
 * Opaque cursors: base64url of `<scope>:<sort key>`. The scope stops a cursor from one list
 * being replayed against another; anything that does not decode cleanly is a BAD_USER_INPUT.
 */
export type CursorScope = 'entity' | 'relation';

const SORT_KEY = /^[A-Za-z0-9_:.-]{1,200}$/;

export function encodeCursor(scope: CursorScope, sortKey: string): string {
  return Buffer.from(`${scope}:${sortKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(scope: CursorScope, cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const prefix = `${scope}:`;
  const sortKey = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : '';
  if (!SORT_KEY.test(sortKey)) throw badInput(`"${cursor.slice(0, 60)}" is not a valid cursor for this list.`);
  return sortKey;
}
