import type { Graph } from '../graph/database.js';
import { applyGraphSchema } from '../graph/migrate.js';
import { type SeedCounts, writeSeed } from '../graph/seed-writer.js';
import { defaultSeedDir, loadSeedData } from './files.js';

export interface LoadSeedOptions {
  /** Wipe the graph first. */
  reset?: boolean;
  /** With `reset`: wipe even curated data and the change history. */
  force?: boolean;
  dir?: string;
  /** Apply constraints and indexes first (default); false when the caller has just done so. */
  applySchema?: boolean;
}

/** Validates the seed files, then writes them atomically. Nothing is written if validation fails. */
export async function loadSeed(
  graph: Graph,
  { reset = false, force = false, dir = defaultSeedDir(), applySchema = true }: LoadSeedOptions = {},
): Promise<SeedCounts> {
  const seed = loadSeedData(dir);
  if (applySchema) await applyGraphSchema(graph);
  return writeSeed(graph, seed, { reset, force });
}

/** The conflicts of a load, one line each; empty when the seed and the curators agree. */
export function formatConflicts({ conflicts }: SeedCounts): string {
  const lines = [
    ...conflicts.keptEntities.map((key) => `  entity ${key}: edited or created by a curator; the curated values stay`),
    ...conflicts.keptLinks.map((target) => `  link ${target}: added by a curator; the curated link stays`),
    ...conflicts.removed.map((target) => `  ${target.includes(' ') ? 'link' : 'entity'} ${target}: removed by a curator; not put back`),
    ...conflicts.keptSalaries.map((key) => `  salary range ${key}: not written by the seed; left as it is`),
    ...conflicts.keptSources.map((key) => `  source ${key}: added by a curator; left as it is`),
  ];
  if (lines.length === 0) return '';
  return `Conflicts with curated data (${lines.length}), kept as curated:\n${lines.join('\n')}`;
}

export function formatCounts({ byKind, byType }: SeedCounts): string {
  const lines = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([name, count]) => `  ${name.padEnd(22)} ${count}`)
      .join('\n');
  const total = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  return `Entities by kind (${total(byKind)}):\n${lines(byKind)}\nRelationships by type (${total(byType)}):\n${lines(byType)}`;
}
