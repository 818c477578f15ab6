import type { Graph } from './database.js';
import { AWAIT_INDEXES, SCHEMA_STATEMENTS } from './queries/schema.js';

/**
 * Schema statements run under this timeout, not NEO4J_QUERY_TIMEOUT_MS: `db.awaitIndexes(60)`
 * may legitimately wait up to 60 s for an index build.
 */
export const SCHEMA_TIMEOUT_MS = 120_000;

/** Applies constraints and indexes (schema commands cannot share a transaction with data writes). */
export async function applyGraphSchema(graph: Graph): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await graph.writeSchema(statement, SCHEMA_TIMEOUT_MS);
  await graph.writeSchema(AWAIT_INDEXES, SCHEMA_TIMEOUT_MS);
}
