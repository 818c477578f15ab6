import type { Graph } from './database.js';
import { AWAIT_INDEXES, SCHEMA_STATEMENTS } from './queries/schema.js';

/** Applies constraints and indexes (schema commands cannot share a transaction with data writes). */
export async function applyGraphSchema(graph: Graph): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await graph.write(statement, {});
  await graph.write(AWAIT_INDEXES, {});
}
