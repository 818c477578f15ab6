import { announceGraphChange } from './changes.js';
import { linkTarget } from './curation.js';
import type { Graph, Params } from './database.js';
import { BUMP_GRAPH_VERSION } from './queries/meta.js';
import {
  COUNT_BY_KIND,
  COUNT_BY_TYPE,
  CURATED_DATA,
  DELETE_LEGACY_ARTICLE,
  DELETE_STALE_ENTITIES,
  DELETE_STALE_RELATIONS,
  DELETE_STALE_SALARIES,
  KEPT_LINKS,
  KEPT_NODES,
  KIND_LABEL_LIST,
  REMOVED_BY_CURATORS,
  UPSERT_ENTITIES,
  UPSERT_RELATIONS,
  UPSERT_SALARIES,
  UPSERT_SOURCE,
  WIPE_GRAPH,
} from './queries/seed.js';
import { normalizeTerm } from './search-query.js';
import type { Seed, SeedRelation } from './seed-model.js';
import { KIND_LABELS } from './vocabulary.js';

/** The one source the seed describes: every seeded entity and link cites it. */
export const SEED_SOURCE_KEY = 'article';

/**
 * Where the seed and curators disagree, the curators win and the load says so. Each list holds
 * keys (entities, salary ranges, the source) or link targets (`from TYPE to`).
 */
export interface SeedConflicts {
  /** Seed entities present with values the seed did not write (a curator edited or created them): left as they are. */
  keptEntities: string[];
  /** Seed salary ranges present but not written by the seed: left as they are. */
  keptSalaries: string[];
  /** Seed links present as curated links: left as they are. */
  keptLinks: string[];
  /** Seed entities and links a curator deleted or unlinked: not put back. */
  removed: string[];
  /** The seed's source, when a curated source holds its key. */
  keptSources: string[];
}

export interface SeedCounts {
  byKind: Record<string, number>;
  byType: Record<string, number>;
  conflicts: SeedConflicts;
}

/** `--reset` asked to wipe a graph holding curated data, without `force`. */
export class SeedResetRefusedError extends Error {}

type Run = (cypher: string, params: Params) => Promise<unknown[]>;

/**
 * Writes a validated seed in one transaction: it all lands or, on any error, the graph stays
 * exactly as it was. Running it twice gives the same nodes, relationships and properties.
 * Curated data is never overwritten (see SeedConflicts); `reset` wipes the graph first, and
 * refuses to when curated data or history exists unless `force` is set too.
 */
export async function writeSeed(graph: Graph, seed: Seed, { reset = false, force = false } = {}): Promise<SeedCounts> {
  const counts = await graph.writeTransaction(async (run) => {
    if (reset) {
      if (!force) await refuseToWipeCuratedData(run);
      await run(WIPE_GRAPH, {});
    }
    const keys = seed.entities.map((entity) => entity.key);
    const salaryKeys = seed.salaries.map((salary) => salary.key);
    const conflicts = await findConflicts(run, seed);
    // Entity keys are slugs and link targets hold spaces: one set can hold both.
    const skipped = new Set([...conflicts.keptEntities, ...conflicts.keptLinks, ...conflicts.removed]);
    const entities = seed.entities.filter((entity) => !skipped.has(entity.key));
    const entityRows = entities.map(({ kind, ...entity }) => ({
      label: KIND_LABELS[kind],
      entity: {
        ...entity,
        kind,
        sources: [SEED_SOURCE_KEY],
        aliasText: entity.aliases.join(' '),
        terms: [...new Set([entity.name, ...entity.aliases].map(normalizeTerm))],
      },
    }));
    await run(UPSERT_ENTITIES, { entities: entityRows, kindLabels: KIND_LABEL_LIST });
    await run(DELETE_STALE_ENTITIES, { keys });
    const relations = seed.relations.filter((relation) => !skipped.has(linkTarget(relation)));
    await run(UPSERT_RELATIONS, { relations: relations.map((relation) => ({ ...relation, sources: [SEED_SOURCE_KEY] })) });
    await run(DELETE_STALE_RELATIONS, { ids: seed.relations.map((r) => `${r.type}|${r.from}|${r.to}`) });
    await run(DELETE_LEGACY_ARTICLE, {});
    const source = (await run(UPSERT_SOURCE, { key: SEED_SOURCE_KEY, url: null, ...seed.source })) as unknown[];
    if (source.length === 0) conflicts.keptSources.push(SEED_SOURCE_KEY);
    const keptSalaries = new Set(conflicts.keptSalaries);
    await run(UPSERT_SALARIES, { salaries: seed.salaries.filter((salary) => !keptSalaries.has(salary.key)) });
    await run(DELETE_STALE_SALARIES, { keys: salaryKeys });
    await run(BUMP_GRAPH_VERSION, {});
    return {
      byKind: toRecord((await run(COUNT_BY_KIND, {})) as CountRow[]),
      byType: toRecord((await run(COUNT_BY_TYPE, {})) as CountRow[]),
      conflicts,
    };
  });
  announceGraphChange();
  return counts;
}

async function refuseToWipeCuratedData(run: Run): Promise<void> {
  const [row] = (await run(CURATED_DATA, {})) as Record<'entities' | 'links' | 'sources' | 'changes', number>[];
  const found = Object.entries(row ?? {}).filter(([, count]) => Number(count) > 0);
  if (found.length === 0) return;
  throw new SeedResetRefusedError(
    `The graph holds curated data (${found.map(([what, count]) => `${count} ${what}`).join(', ')}) that --reset would destroy. ` +
      'Run without --reset to reload the seed around it, or add --force to wipe it anyway.',
  );
}

/** Which seed keys and links curators own or removed; the load leaves those alone. */
async function findConflicts(run: Run, seed: Seed): Promise<SeedConflicts> {
  const keys = seed.entities.map((entity) => entity.key);
  const salaryKeys = seed.salaries.map((salary) => salary.key);
  const relations = seed.relations.map((relation: SeedRelation) => ({ ...relation, target: linkTarget(relation) }));
  const kept = (await run(KEPT_NODES, { keys, salaryKeys })) as { key: string; entity: boolean }[];
  const keptLinks = (await run(KEPT_LINKS, { relations })) as { target: string }[];
  const targets = [...keys, ...relations.map((relation) => relation.target)];
  const removed = (await run(REMOVED_BY_CURATORS, { targets })) as { target: string }[];
  return {
    keptEntities: kept.filter((row) => row.entity).map((row) => row.key),
    keptSalaries: kept.filter((row) => !row.entity).map((row) => row.key),
    keptLinks: keptLinks.map((row) => row.target),
    removed: removed.map((row) => row.target),
    keptSources: [],
  };
}

interface CountRow {
  name: string;
  count: number;
}

function toRecord(rows: CountRow[]): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
}
