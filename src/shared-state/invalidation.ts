import { randomUUID } from 'node:crypto';
import type { SharedEvents } from './events.js';

/**
 * Graph changes announced across instances, so each drops its cached answers as soon as any
 * instance writes (the graph-version poll stays as the fallback for missed messages). Each
 * message names its sender, which ignores its own: it reacted when it wrote.
 */
export const GRAPH_CHANGED_TOPIC = 'graph-changed';

export interface GraphChangeSharing {
  /** Tells the other instances; never throws (without Redis they learn it from the version poll). */
  announce(): void;
  /** Resolves once every announcement made so far reached Redis or failed; undefined when none is under way. */
  settled(): Promise<void> | undefined;
  stop(): void;
}

export function shareGraphChanges(events: SharedEvents, onRemoteChange: () => void): GraphChangeSharing {
  const origin = randomUUID();
  const pending = new Set<Promise<void>>();
  const listener = (event: CustomEvent) => {
    if ((event.detail as { origin?: unknown } | null)?.origin !== origin) onRemoteChange();
  };
  events.target.addEventListener(GRAPH_CHANGED_TOPIC, listener);
  return {
    announce() {
      const sent: Promise<void> = events.publish(GRAPH_CHANGED_TOPIC, { origin }).finally(() => pending.delete(sent));
      pending.add(sent);
    },
    settled: () => (pending.size > 0 ? Promise.all(pending).then(() => undefined) : undefined),
    stop: () => events.target.removeEventListener(GRAPH_CHANGED_TOPIC, listener),
  };
}
