import type { Graph } from '../graph/database.js';
import { DELETE_SOME_LINKS, DELETE_SOME_NODES, STORE_COUNTS } from '../graph/queries/backup.js';

export interface StoreCounts {
  /** Nodes other than the graph-version token. */
  nodes: number;
  links: number;
}

export async function storeCounts(graph: Graph): Promise<StoreCounts> {
  const [row] = await graph.read<StoreCounts>(STORE_COUNTS, {});
  return { nodes: Number(row?.nodes ?? 0), links: Number(row?.links ?? 0) };
}

/**
 * Empties the store a slice at a time, links first: one DETACH DELETE of a 100k-node graph holds
 * every deletion in one transaction's state and can exhaust Neo4j's heap.
 */
export async function wipeStore(graph: Graph, slice = 10_000): Promise<void> {
  for (const statement of [DELETE_SOME_LINKS, DELETE_SOME_NODES]) {
    for (;;) {
      const [row] = (await graph.writeTransaction((run) => run(statement, { limit: slice }))) as { deleted: number }[];
      if (Number(row?.deleted ?? 0) < slice) break;
    }
  }
}
