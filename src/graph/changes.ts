import type { Graph } from './database.js';
import { GRAPH_VERSION } from './queries/meta.js';

/**
 * Tells whoever holds derived state (the response cache, the cost bounds) that the graph
 * changed. Writes in this process announce themselves at once (`announceGraphChange`); writes by
 * other processes (`npm run seed` against a running server, other instances) are noticed by
 * `watchGraphVersion`, which polls the version the writers bump.
 */
/**
 * `written`: this process changed the graph. `observed`: the version poll saw a change made
 * elsewhere, which every other watching process observes by itself (so it need not be passed on).
 */
export type GraphChangeSource = 'written' | 'observed';

const listeners = new Set<(source: GraphChangeSource) => void>();

export function onGraphChange(listener: (source: GraphChangeSource) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceGraphChange(source: GraphChangeSource = 'written'): void {
  for (const listener of listeners) listener(source);
}

/** The graph's current version token (see queries/meta.ts); null before the first write. */
export async function readGraphVersion(graph: Graph): Promise<string | null> {
  const [row] = await graph.read<{ version: string | null }>(GRAPH_VERSION, {});
  return row?.version ?? null;
}

/** Polls the graph version every `intervalMs`; returns a function that stops polling. */
export function watchGraphVersion(graph: Graph, intervalMs: number): () => void {
  let known: string | null | undefined;
  const check = async () => {
    const version = await readGraphVersion(graph).catch(() => undefined);
    if (version === undefined) return; // Neo4j unreachable: try again next time
    if (known !== undefined && version !== known) announceGraphChange('observed');
    known = version;
  };
  void check();
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
