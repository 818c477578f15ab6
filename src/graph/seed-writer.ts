import { announceGraphChange } from './changes.js';
import type { Graph } from './database.js';
import { BUMP_GRAPH_VERSION } from './queries/meta.js';
import {
  COUNT_BY_KIND,
  COUNT_BY_TYPE,
  DELETE_STALE_ENTITIES,
  DELETE_STALE_RELATIONS,
  DELETE_STALE_SALARIES,
  FOREIGN_KEY_CONFLICTS,
  UPSERT_SALARIES,
  UPSERT_SOURCE,
  upsertEntities,
  upsertRelations,
  WIPE_GRAPH,
} from './queries/seed.js';
import { normalizeTerm } from './search-query.js';
import type { Seed } from './seed-model.js';
import type { EntityKind, RelationType } from './vocabulary.js';

export interface SeedCounts {
  byKind: Record<string, number>;
  byType: Record<string, number>;
}

export class SeedConflictError extends Error {}

/**
 * Writes a validated seed in one transaction: it all lands or, on any error, the graph stays
 * exactly as it was. Running it twice gives the same nodes, relationships and properties.
 */
export async function writeSeed(graph: Graph, seed: Seed, { reset = false } = {}): Promise<SeedCounts> {
  const counts = await graph.writeTransaction(async (run) => {
    if (reset) await run(WIPE_GRAPH, {});
    const keys = seed.entities.map((entity) => entity.key);
    const salaryKeys = seed.salaries.map((salary) => salary.key);
    const conflicts = (await run(FOREIGN_KEY_CONFLICTS, { keys, salaryKeys })) as { key: string }[];
    if (conflicts.length > 0) {
      throw new SeedConflictError(
        `These keys exist in the graph but were not written by the seed, so the seed will not overwrite them: ${conflicts.map((c) => c.key).join(', ')}. Use --reset to replace the whole graph.`,
      );
    }
    for (const [kind, entities] of groupBy(seed.entities, (entity) => entity.kind)) {
      const rows = entities.map(({ kind: _kind, ...entity }) => ({
        ...entity,
        kind,
        aliasText: entity.aliases.join(' '),
        terms: [...new Set([entity.name, ...entity.aliases].map(normalizeTerm))],
      }));
      await run(upsertEntities(kind as EntityKind), { entities: rows });
    }
    await run(DELETE_STALE_ENTITIES, { keys });
    for (const [type, relations] of groupBy(seed.relations, (relation) => relation.type)) {
      await run(upsertRelations(type as RelationType), { relations });
    }
    await run(DELETE_STALE_RELATIONS, { ids: seed.relations.map((r) => `${r.type}|${r.from}|${r.to}`) });
    await run(UPSERT_SOURCE, { ...seed.source });
    await run(UPSERT_SALARIES, { salaries: seed.salaries });
    await run(DELETE_STALE_SALARIES, { keys: salaryKeys });
    await run(BUMP_GRAPH_VERSION, {});
    return {
      byKind: toRecord((await run(COUNT_BY_KIND, {})) as CountRow[]),
      byType: toRecord((await run(COUNT_BY_TYPE, {})) as CountRow[]),
    };
  });
  announceGraphChange();
  return counts;
}

interface CountRow {
  name: string;
  count: number;
}

function toRecord(rows: CountRow[]): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}
