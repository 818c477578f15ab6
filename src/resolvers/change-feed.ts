import { createPubSub, filter, pipe } from 'graphql-yoga';
import type { ChangeRow } from '../graph/curation.js';

/**
 * Committed curated changes, for `graphChanged` subscribers of this server. Published after
 * the transaction commits, so a subscriber never hears of a write that was rolled back.
 * Per process: a write made through another instance reaches only that instance's subscribers.
 */
export type ChangeFeed = ReturnType<typeof createChangeFeed>;

export function createChangeFeed() {
  return createPubSub<{ graphChanged: [ChangeRow] }>();
}

/** The changes touching any of `keys` (all changes when `keys` is empty or absent). */
export function subscribeToChanges(feed: ChangeFeed, keys: readonly string[] | null | undefined) {
  const wanted = keys?.length ? new Set(keys) : null;
  return pipe(
    feed.subscribe('graphChanged'),
    filter((change: ChangeRow) => !wanted || change.keys.some((key) => wanted.has(key))),
  );
}
