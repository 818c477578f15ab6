import DataLoader from 'dataloader';
import type { Graph, QueryStats } from './database.js';
import {
  type EntityRow,
  entitiesByKeys,
  type RelationPage,
  type RelationQuery,
  relationPages,
  type SalaryRow,
  type SourceRow,
  salariesByOwner,
  sourcesByKeys,
} from './repository.js';

/**
 * Per-request loaders that are not tied to one Pothos field:
 * - `entity` is shared by all sixteen entity types (and `node`, `nodes`, `entity`), so lookups
 *   of mixed kinds cost one round-trip per tick rather than one per type.
 * - `relations(query)` keeps one loader per distinct filter: parents asking the same question
 *   share a batch, and two fragments asking different questions never share arguments.
 * - `salaries` loads every range of many owners at once; fields filter by region afterwards.
 * - `source` reads every source cited on a page (by entities and relationships) in one round-trip.
 */
export interface Loaders {
  entity: DataLoader<string, EntityRow | null>;
  relations(query: RelationQuery): DataLoader<string, RelationPage>;
  salaries: DataLoader<string, SalaryRow[]>;
  source: DataLoader<string, SourceRow | null>;
}

export function createLoaders(graph: Graph, stats: QueryStats): Loaders {
  const relationLoaders = new Map<string, DataLoader<string, RelationPage>>();
  return {
    entity: new DataLoader((keys) => entitiesByKeys(graph, keys, stats)),
    relations: (query) => {
      const id = queryId(query);
      let loader = relationLoaders.get(id);
      if (!loader) {
        loader = new DataLoader((keys) => relationPages(graph, keys, query, stats));
        relationLoaders.set(id, loader);
      }
      return loader;
    },
    salaries: new DataLoader((keys) => salariesByOwner(graph, keys, stats)),
    source: new DataLoader((keys) => sourcesByKeys(graph, keys, stats)),
  };
}

/** The same question in any argument order gets the same loader. */
function queryId({ types, kinds, direction, limit, after, withTotal, slimEdges, slimNodes, withParent }: RelationQuery): string {
  const sorted = (list: readonly string[] | null) => (list ? [...list].sort() : null);
  return JSON.stringify([sorted(types), sorted(kinds), direction, limit, after, withTotal, slimEdges, slimNodes, withParent]);
}
