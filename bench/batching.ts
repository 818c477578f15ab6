import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { openGraph, waitForNeo4j } from '../src/graph/connect.js';
import { newQueryStats, type QueryStats } from '../src/graph/database.js';
import { entityPage, type RelationQuery, relationPages } from '../src/graph/repository.js';
import { freePort } from '../src/local-neo4j/process.js';
import { loadSeed } from '../src/seed/load.js';
import { createYogaServer } from '../src/yoga.js';

/**
 * `npm run bench:batching`: what dataloader batching buys. The same nested question
 * ("every entity, 5 of its relationships, and how many outgoing links each neighbour has")
 * answered two ways in one run, on a throwaway bundled Neo4j:
 *   ours      the GraphQL API (per-request loaders, one Cypher per nesting level)
 *   baseline  a resolver-per-parent approach: one Cypher per entity and per neighbour (N+1)
 * Prints Neo4j round-trips and wall time (median of BENCH_RUNS runs) side by side.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const QUERY = `{
  entities(first: 100) { nodes { key relations(first: 5) { edges { node { key relations(first: 3, direction: OUT) { totalCount } } } } } }
}`;

const level = (limit: number, direction: RelationQuery['direction'] = 'BOTH'): RelationQuery => ({
  types: null,
  direction,
  kinds: null,
  limit,
  after: null,
  withTotal: true,
  slimEdges: false,
  slimNodes: false,
  withParent: false,
});

async function main(): Promise<void> {
  const store = mkdtempSync(join(tmpdir(), 'kg-bench-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    QUERY_STATS: 'true',
    NEO4J_LOCAL_DATA: store,
    NEO4J_LOCAL_PORT: String(await freePort()),
  });
  const opened = await openGraph(config, () => {});
  try {
    await waitForNeo4j(opened, 60_000, () => {});
    await loadSeed(opened.graph);
    const yoga = createYogaServer({ graph: opened.graph, config, logger: pino({ level: 'silent' }) });

    const ours = async () => {
      const response = await yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(JSON.stringify({ query: QUERY }).length) },
        body: JSON.stringify({ query: QUERY }),
      });
      const body = (await response.json()) as { errors?: unknown[]; extensions: { queryStats: { neo4jRoundTrips: number } } };
      if (body.errors) throw new Error(`the API answered with errors: ${JSON.stringify(body.errors)}`);
      return body.extensions.queryStats.neo4jRoundTrips;
    };

    const baseline = async () => {
      const stats: QueryStats = newQueryStats();
      const entities = await entityPage(opened.graph, { kind: null, after: null, limit: 100 }, stats);
      await Promise.all(
        entities.map(async (entity) => {
          const [page] = await relationPages(opened.graph, [entity.key], level(5), stats);
          await Promise.all((page?.edges ?? []).map((edge) => relationPages(opened.graph, [edge.node.key], level(3, 'OUT'), stats)));
        }),
      );
      return stats.roundTrips;
    };

    const rows = [];
    for (const [name, fn] of [
      ['ours (batched loaders)', ours],
      ['baseline (one query per parent)', baseline],
    ] as const) {
      await fn(); // warm the Cypher plan caches
      const times: number[] = [];
      let roundTrips = 0;
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        roundTrips = await fn();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      rows.push({ name, roundTrips, median: times[Math.floor(times.length / 2)] ?? 0, p90: times[Math.floor(times.length * 0.9)] ?? 0 });
    }

    console.log(`Nested query over 100 entities, median of ${RUNS} runs each (Node ${process.version}):\n`);
    console.log(`${'approach'.padEnd(34)}${'round-trips'.padStart(12)}${'median ms'.padStart(11)}${'p90 ms'.padStart(9)}`);
    for (const row of rows) {
      console.log(
        `${row.name.padEnd(34)}${String(row.roundTrips).padStart(12)}${row.median.toFixed(1).padStart(11)}${row.p90.toFixed(1).padStart(9)}`,
      );
    }
    console.log(`\nReproduce: BENCH_RUNS=${RUNS} npm run bench:batching`);
  } finally {
    await opened.close();
    rmSync(store, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
