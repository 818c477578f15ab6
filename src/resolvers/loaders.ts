import DataLoader from 'dataloader';
import type { Graph, QueryStats } from '../graph/database.js';
import { article, type EntityRow, entitiesByKeys } from '../graph/repository.js';

type Article = Awaited<ReturnType<typeof article>>;

/**
 * Per-request loaders that are not tied to one Pothos field. The entity loader is shared by all
 * sixteen entity types (and by `node`, `nodes` and `entity`), so a request that looks up
 * entities of mixed kinds still costs one round-trip per tick rather than one per type.
 * The article is read at most once per request, however many `sources` are selected.
 */
export interface Loaders {
  entity: DataLoader<string, EntityRow | null>;
  article: () => Promise<Article>;
}

export function createLoaders(graph: Graph, stats: QueryStats): Loaders {
  let articleOnce: Promise<Article> | undefined;
  return {
    entity: new DataLoader((keys) => entitiesByKeys(graph, keys, stats)),
    article: () => {
      articleOnce ??= article(graph, stats);
      return articleOnce;
    },
  };
}
