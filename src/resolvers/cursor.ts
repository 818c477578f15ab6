import { badInput } from '../errors.js';
import { RELATION_TYPES } from '../graph/vocabulary.js';

/**
 * Opaque cursors: base64url of `<scope>:<sort key>`. The scope stops an entity cursor being
 * used on relations and the other way round; anything that does not decode cleanly is a
 * BAD_USER_INPUT. The sort key only ever reaches Cypher as a parameter; the shape check below
 * catches forged or truncated cursors without refusing keys the seed did not write (`c++`).
 */
export type CursorScope = 'entity' | 'relation' | 'change';

const KEY = '[^\\s\\p{C}]{1,400}';
const SORT_KEY_SHAPE: Record<CursorScope, RegExp> = {
  entity: new RegExp(`^${KEY}$`, 'u'),
  relation: new RegExp(`^(OUT|IN):(${RELATION_TYPES.join('|')}):${KEY}$`, 'u'),
  // `<ISO time>|<uuid>` of the last change seen.
  change: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\|[0-9a-f-]{36}$/,
};

export function encodeCursor(scope: CursorScope, sortKey: string): string {
  return Buffer.from(`${scope}:${sortKey}`, 'utf8').toString('base64url');
}

export function decodeCursor(scope: CursorScope, cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const decoded = /^[A-Za-z0-9_-]{1,1000}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const prefix = `${scope}:`;
  const sortKey = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : '';
  if (!SORT_KEY_SHAPE[scope].test(sortKey) || sortKey.includes('\uFFFD'))
    throw badInput(`"${cursor.slice(0, 60)}" is not a valid cursor for this list.`);
  return sortKey;
}
