import type { Graph } from '../../src/graph/database.js';
import { KIND_LABEL_LIST, UPSERT_ENTITIES, UPSERT_RELATIONS } from '../../src/graph/queries/seed.js';
import { normalizeTerm } from '../../src/graph/search-query.js';
import { type EntityKind, KIND_LABELS, RELATION_SPECS, type RelationType } from '../../src/graph/vocabulary.js';

/**
 * Grows the seeded graph with synthetic entities and relationships, written by the seed
 * writer's own statements (src/graph/queries/seed.ts) in UNWIND batches of one transaction
 * each, with the same properties the seed writer sets (aliasText, terms, basis, scope,
 * evidence, section). The kind mix and the relationship-type mix follow the seed; each
 * relationship joins kinds its type allows (RELATION_SPECS); degrees are skewed (a power-law
 * pick within each kind) and a share of links goes to a few hubs (security, scalability,
 * python, api), which reach 10k+ links at 1000×.
 */

export interface Mix {
  kinds: Map<EntityKind, number>;
  types: Map<RelationType, number>;
  /** Share of INFERRED links in the seed. */
  inferred: number;
}

export const HUBS = ['security', 'scalability', 'python', 'api'];
const HUB_SHARE = 0.12;
const BATCH = 5000;

export async function seedMix(graph: Graph): Promise<Mix> {
  const kinds = await graph.read<{ kind: EntityKind; count: number }>('MATCH (n:Entity) RETURN n.kind AS kind, count(*) AS count', {});
  const types = await graph.read<{ type: RelationType; count: number; inferred: number }>(
    `MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(*) AS count, count(CASE WHEN r.basis = 'INFERRED' THEN 1 END) AS inferred`,
    {},
  );
  const total = types.reduce((sum, row) => sum + row.count, 0);
  return {
    kinds: new Map(kinds.map((row) => [row.kind, row.count])),
    types: new Map(types.map((row) => [row.type, row.count])),
    inferred: types.reduce((sum, row) => sum + row.inferred, 0) / total,
  };
}

/** mulberry32: a small seeded generator, so every run builds the same graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'service',
  'cache',
  'queue',
  'schema',
  'index',
  'replica',
  'gateway',
  'worker',
  'token',
  'session',
  'cluster',
  'stream',
  'storage',
  'latency',
  'throughput',
  'audit',
  'backup',
  'deploy',
  'monitor',
  'encryption',
  'migration',
  'partition',
];

export interface Grower {
  /** Adds entities and relationships until the graph is `multiplier` × the seed. */
  growTo(multiplier: number, log: (line: string) => void): Promise<{ entities: number; relationships: number }>;
}

export async function grower(graph: Graph): Promise<Grower> {
  const mix = await seedMix(graph);
  const rand = random(20240909);
  const seedEntities = [...mix.kinds.values()].reduce((a, b) => a + b, 0);
  const seedRelations = [...mix.types.values()].reduce((a, b) => a + b, 0);
  const pools = new Map<EntityKind, string[]>();
  for (const row of await graph.read<{ kind: EntityKind; keys: string[] }>(
    'MATCH (n:Entity) WITH n ORDER BY n.key RETURN n.kind AS kind, collect(n.key) AS keys',
    {},
  )) {
    pools.set(row.kind, row.keys);
  }
  const hubKinds = new Map(
    (
      await graph.read<{ key: string; kind: EntityKind }>('MATCH (n:Entity) WHERE n.key IN $keys RETURN n.key AS key, n.kind AS kind', {
        keys: HUBS,
      })
    ).map((row) => [row.key, row.kind]),
  );
  const seen = new Set<string>();
  let entities = seedEntities;
  let relationships = seedRelations;

  /** Power-law pick within a kind: early keys (the seed's, then the first synthetic ones) get most links. */
  const pick = (kinds: readonly EntityKind[]): string | undefined => {
    const weights = kinds.map((kind) => pools.get(kind)?.length ?? 0);
    let at = rand() * weights.reduce((a, b) => a + b, 0);
    let kind = kinds[0];
    for (const [i, candidate] of kinds.entries()) {
      at -= weights[i] as number;
      if (at < 0) {
        kind = candidate;
        break;
      }
    }
    const pool = pools.get(kind as EntityKind) ?? [];
    return pool[Math.floor(pool.length * rand() ** 2.5)];
  };
  const hubFor = (kinds: readonly EntityKind[]) => {
    const fitting = HUBS.filter((hub) => kinds.includes(hubKinds.get(hub) as EntityKind));
    return fitting.length ? fitting[Math.floor(rand() * fitting.length)] : undefined;
  };

  const write = async (statement: string, param: string, rows: unknown[]) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await graph.writeTransaction((run) => run(statement, { [param]: batch, kindLabels: KIND_LABEL_LIST }));
    }
  };

  return {
    async growTo(multiplier, log) {
      const targetEntities = seedEntities * multiplier;
      const started = performance.now();
      const newEntities = new Map<EntityKind, Record<string, unknown>[]>();
      for (const [kind, count] of mix.kinds) {
        const have = pools.get(kind)?.length ?? 0;
        const want = Math.round((count / seedEntities) * targetEntities);
        const rows = [];
        for (let i = have; i < want; i += 1) {
          const key = `syn-${kind.toLowerCase().replaceAll('_', '-')}-${i}`;
          const words = [0, 1, 2].map(() => WORDS[Math.floor(rand() * WORDS.length)]);
          // A few synthetic databases mention postgres, so search has more than the seed to rank.
          const postgres = kind === 'DATABASE' && rand() < 0.02 ? ' PostgreSQL-compatible.' : '';
          const name = `Synthetic ${kind.toLowerCase().replaceAll('_', ' ')} ${i}`;
          const aliases = [`syn${kind.slice(0, 4).toLowerCase()}${i}`];
          rows.push({
            key,
            name,
            kind,
            aliases,
            aliasText: aliases.join(' '),
            terms: [...new Set([name, ...aliases].map(normalizeTerm))],
            summary: `A generated ${kind.toLowerCase().replaceAll('_', ' ')} about ${words.join(', ')}.${postgres}`,
            sections: ['Synthetic'],
            ...(kind === 'SENIORITY_LEVEL' ? { yearsMin: Math.floor(rand() * 10), yearsMax: null } : {}),
          });
          (pools.get(kind) ?? pools.set(kind, []).get(kind))?.push(key);
        }
        newEntities.set(kind, rows);
      }
      for (const [kind, rows] of newEntities) {
        await write(
          UPSERT_ENTITIES,
          'entities',
          rows.map((entity) => ({ label: KIND_LABELS[kind], entity })),
        );
      }
      const added = [...newEntities.values()].reduce((sum, rows) => sum + rows.length, 0);
      entities += added;

      const targetRelations = seedRelations * multiplier;
      const byType = new Map<RelationType, Record<string, unknown>[]>();
      let made = 0;
      for (const [type, count] of mix.types) {
        const want = Math.round((count / seedRelations) * targetRelations) - Math.round((count / seedRelations) * relationships);
        const spec = RELATION_SPECS[type];
        const rows: Record<string, unknown>[] = [];
        for (let attempts = 0; rows.length < want && attempts < want * 5; attempts += 1) {
          let from = pick(spec.from);
          let to = pick(spec.to);
          if (rand() < HUB_SHARE) {
            if (rand() < 0.5) to = hubFor(spec.to) ?? to;
            else from = hubFor(spec.from) ?? from;
          }
          const id = `${type}|${from}|${to}`;
          if (!from || !to || from === to || seen.has(id)) continue;
          seen.add(id);
          const inferred = rand() < mix.inferred;
          rows.push({
            from,
            to,
            basis: inferred ? 'INFERRED' : 'STATED',
            scope: rand() < 0.1 ? 'CATEGORY' : 'ENTITY',
            evidence: `Generated link: ${from} ${type.toLowerCase().replaceAll('_', ' ')} ${to}.`,
            section: 'Synthetic',
          });
        }
        byType.set(type, rows);
        made += rows.length;
      }
      for (const [type, rows] of byType)
        await write(
          UPSERT_RELATIONS,
          'relations',
          rows.map((row) => ({ ...row, type })),
        );
      relationships += made;
      log(`Grew to ${multiplier}×: +${added} entities, +${made} relationships in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      return { entities, relationships };
    },
  };
}
