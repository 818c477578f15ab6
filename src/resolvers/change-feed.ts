import { createPubSub, filter, type PubSubEventTarget, pipe } from 'graphql-yoga';
import type { ChangeRow } from '../graph/curation.js';

/**
 * Committed curated changes, for `graphChanged` subscribers. Published after the transaction
 * commits, so a subscriber never hears of a write that was rolled back. In this process by
 * default; given a shared event target (Redis, see src/shared-state/events.ts), a write made
 * through any instance reaches the subscribers of every instance.
 */
type ChangeEvents = { graphChanged: [ChangeRow] };

export type ChangeFeed = ReturnType<typeof createChangeFeed>;

export function createChangeFeed(eventTarget?: PubSubEventTarget<ChangeEvents>) {
  return createPubSub<ChangeEvents>(eventTarget ? { eventTarget } : undefined);
}

/** The changes touching any of `keys` (all changes when `keys` is empty or absent). */
export function subscribeToChanges(feed: ChangeFeed, keys: readonly string[] | null | undefined) {
  const wanted = keys?.length ? new Set(keys) : null;
  return pipe(
    feed.subscribe('graphChanged'),
    filter((change: ChangeRow) => !wanted || change.keys.some((key) => wanted.has(key))),
  );
}
