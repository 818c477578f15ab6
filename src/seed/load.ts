import type { Graph } from '../graph/database.js';
import { applyGraphSchema } from '../graph/migrate.js';
import { type SeedCounts, writeSeed } from '../graph/seed-writer.js';
import { defaultSeedDir, loadSeedData } from './files.js';

export interface LoadSeedOptions {
  /** Wipe the graph first. */
  reset?: boolean;
  dir?: string;
  /** Apply constraints and indexes first (default); false when the caller has just done so. */
  applySchema?: boolean;
}

/** Validates the seed files, then writes them atomically. Nothing is written if validation fails. */
export async function loadSeed(
  graph: Graph,
  { reset = false, dir = defaultSeedDir(), applySchema = true }: LoadSeedOptions = {},
): Promise<SeedCounts> {
  const seed = loadSeedData(dir);
  if (applySchema) await applyGraphSchema(graph);
  return writeSeed(graph, seed, { reset });
}

export function formatCounts({ byKind, byType }: SeedCounts): string {
  const lines = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([name, count]) => `  ${name.padEnd(22)} ${count}`)
      .join('\n');
  const total = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  return `Entities by kind (${total(byKind)}):\n${lines(byKind)}\nRelationships by type (${total(byType)}):\n${lines(byType)}`;
}
