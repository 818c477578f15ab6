import DataLoader from 'dataloader';
import type { Graph, QueryStats } from './database.js';
import {
  article,
  type EntityRow,
  entitiesByKeys,
  type RelationPage,
  type RelationQuery,
  relationPages,
  type SalaryRow,
  salariesByOwner,
} from './repository.js';

type Article = Awaited<ReturnType<typeof article>>;

/**
 * Per-request loaders that are not tied to one Pothos field:
 * - `entity` is shared by all sixteen entity types (and `node`, `nodes`, `entity`), so lookups
 *   of mixed kinds cost one round-trip per tick rather than one per type.
 * - `relations(query)` keeps one loader per distinct filter: parents asking the same question
 *   share a batch, and two fragments asking different questions never share arguments.
 * - `salaries` loads every range of many owners at once; fields filter by region afterwards.
 * - the article is read at most once per request, however many `sources` are selected.
 */
export interface Loaders {
  entity: DataLoader<string, EntityRow | null>;
  relations(query: RelationQuery): DataLoader<string, RelationPage>;
  salaries: DataLoader<string, SalaryRow[]>;
  article: () => Promise<Article>;
}

export function createLoaders(graph: Graph, stats: QueryStats): Loaders {
  const relationLoaders = new Map<string, DataLoader<string, RelationPage>>();
  let articleOnce: Promise<Article> | undefined;
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
    article: () => {
      articleOnce ??= article(graph, stats);
      return articleOnce;
    },
  };
}

/** The same question in any argument order gets the same loader. */
function queryId({ types, kinds, direction, limit, after, withTotal }: RelationQuery): string {
  return JSON.stringify([types ? [...types].sort() : null, kinds ? [...kinds].sort() : null, direction, limit, after, withTotal]);
}
