import { graphqlTarget, ms, newTally, type Stats, sequential, slice, stats, table } from './peers/measure.js';
import { throwawayNeo4j } from './peers/neo4j.js';
import { ensureBuilt, type Running, rssMb, startService } from './peers/service.js';
import { grower, HUBS } from './scale/synthetic.js';

/**
 * `npm run bench:scale`: how each root field holds up as the graph grows. One throwaway
 * bundled Neo4j, seeded with the project's loader, then grown synthetically (bench/scale/
 * synthetic.ts) to 10×, 100× and 1000× the seed (≈133k entities, ≈440k relationships at
 * 1000×, hubs with 10k+ links). At each size the production build is (re)started against it,
 * with the response cache off so every request reaches Neo4j, and each query is measured:
 * p50/p99 of one client sending requests one after another (after a warm-up), then req/s at
 * 10 connections.
 *
 *   --sizes 1,10,100,1000   which sizes to measure (default all four; growth is cumulative)
 *   --quick                 shorter phases (1.5 s sequential, 1.5 s under load)
 */

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const sizesAt = args.indexOf('--sizes');
const SIZES = (sizesAt >= 0 ? (args[sizesAt + 1] ?? '') : '1,10,100,1000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (SIZES.some((size) => !Number.isInteger(size) || size < 1)) throw new Error('--sizes takes whole multiples of the seed, e.g. 1,10,100');
const SEQ_SECONDS = QUICK ? 1.5 : 4;
const SEQ_MAX = QUICK ? 40 : 200;
const LOAD_SECONDS = QUICK ? 1.5 : 4;
const CONNECTIONS = 10;

const QUERIES: { name: string; query: string }[] = [
  { name: 'entity by key (python)', query: '{ entity(key: "python") { key name kind summary aliases } }' },
  { name: 'search "postgres"', query: '{ search(text: "postgres", first: 10) { score entity { key name kind } } }' },
  {
    name: 'relations page (first 20 of security)',
    query:
      '{ entity(key: "security") { relations(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { type direction basis node { key name kind } } } } }',
  },
  {
    name: 'neighborhood depth 2 limit 100',
    query: '{ neighborhood(key: "security", depth: 2, limit: 100) { nodes { key name kind } edges { from to type } } }',
  },
  {
    name: 'neighborhood depth 3 limit 500',
    query: '{ neighborhood(key: "security", depth: 3, limit: 500) { nodes { key name kind } edges { from to type } } }',
  },
  {
    name: 'toolsFor security',
    query:
      '{ toolsFor(concern: "security", first: 20) { score tool { key name kind } path { length steps { from { key } type to { key } } } } }',
  },
  { name: 'path docker → junior', query: '{ path(from: "docker", to: "junior") { length steps { from { key } type to { key } } } }' },
];

const log = (line: string) => console.error(`[scale] ${line}`);

interface Cell {
  seq: Stats;
  load: Stats;
}

async function measureSize(service: Running): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const { name, query } of QUERIES) {
    const target = graphqlTarget(service.base, query);
    // Warm-up: the first run plans the query shape on this store.
    await sequential(target, 0, 3, 3);
    const seq = stats(await sequential(target, SEQ_SECONDS, SEQ_MAX));
    const tally = newTally();
    await slice(target, LOAD_SECONDS, CONNECTIONS, tally);
    const load = stats(tally);
    cells.push({ seq, load });
    log(
      `  ${name}: p50 ${ms(seq.p50)} ms, p99 ${ms(seq.p99)} ms, ${load.rps.toFixed(0)} req/s${seq.errors + load.errors ? `, ${seq.errors + load.errors} errors` : ''}`,
    );
  }
  return cells;
}

async function main(): Promise<void> {
  ensureBuilt(log);
  const neo4j = await throwawayNeo4j(log, 'kg-scale-');
  let service: Running | undefined;
  const stop = async () => {
    await service?.stop();
    await neo4j.close();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    const grow = await grower(neo4j.opened.graph);
    const results: { size: number; entities: number; relationships: number; hubs: string; rss: string; cells: Cell[] }[] = [];
    let counts = { entities: 0, relationships: 0 };
    for (const size of SIZES) {
      counts = await grow.growTo(size, log);
      const [row] = await neo4j.opened.graph.read<{ entities: number; relationships: number; hubs: string[] }>(
        `MATCH (n:Entity) WITH count(n) AS entities
         MATCH (:Entity)-[r]->(:Entity) WITH entities, count(r) AS relationships
         UNWIND $hubs AS hub MATCH (h:Entity {key: hub})
         RETURN entities, relationships, collect(hub + ' ' + COUNT { (h)--() }) AS hubs`,
        { hubs: HUBS },
      );
      counts = { entities: row?.entities ?? counts.entities, relationships: row?.relationships ?? counts.relationships };
      log(`${size}×: ${counts.entities} entities, ${counts.relationships} relationships; hub degrees: ${row?.hubs.join(', ')}`);
      await neo4j.opened.graph.writeSchema('CALL db.awaitIndexes(600)', 620_000);
      service = await startService(neo4j.uri, { RESPONSE_CACHE_BYTES: '0' });
      const cells = await measureSize(service);
      const rss = rssMb(service.child.pid);
      results.push({ size, ...counts, hubs: row?.hubs.join(', ') ?? '', rss: rss === null ? 'n/a' : `${rss.toFixed(0)} MB`, cells });
      await service.stop();
      service = undefined;
    }
    const header = ['query', ...results.map((r) => `${r.size}× (${r.entities} / ${r.relationships})`)];
    const block = (title: string, cell: (c: Cell) => string) =>
      `${title}\n${table(
        header,
        QUERIES.map((q, i) => [q.name, ...results.map((r) => cell(r.cells[i] as Cell))]),
      )}`;
    const errors = (c: Cell) => (c.seq.errors + c.load.errors ? ` (${c.seq.errors + c.load.errors} err)` : '');
    console.log(`\nScale benchmark (Node ${process.version}); columns: size (entities / relationships); response cache off.\n`);
    console.log(block('p50 / p99 ms, one client, sequential after warm-up', (c) => `${ms(c.seq.p50)} / ${ms(c.seq.p99)}${errors(c)}`));
    console.log();
    console.log(block(`req/s at ${CONNECTIONS} connections`, (c) => `${c.load.rps.toFixed(0)}${errors(c)}`));
    console.log();
    for (const r of results) console.log(`${r.size}×: hub degrees ${r.hubs}; service RSS after ${r.rss}`);
    console.log('err = requests that failed or answered GraphQL errors (e.g. the 5 s Neo4j query timeout).');
    console.log(`Reproduce: npm run bench:scale -- --sizes ${SIZES.join(',')}${QUICK ? ' --quick' : ''}`);
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
