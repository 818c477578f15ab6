import { isDeepStrictEqual } from 'node:util';
import { ms, newTally, type Stats, slice, stats, type Tally, table } from './peers/measure.js';
import { throwawayNeo4j } from './peers/neo4j.js';
import { QUESTIONS, SYSTEM_LABELS, type SystemId } from './peers/questions.js';
import { ensureBuilt, type Running, rssMb, startPeer, startService } from './peers/service.js';

/**
 * `npm run bench:peers`: this service against the peers a user could pick instead, on one
 * throwaway bundled Neo4j (temp store, free port) seeded with the project's loader:
 *   ours            the production bundle `npm start` runs (`node dist/server.mjs`), rebuilt first if stale
 *   @neo4j/graphql  7.x over the same labels and relationship types, served by graphql-yoga
 *   raw Cypher      one hand-written statement per question through neo4j-driver, bare node:http
 *   bare yoga       graphql-yoga with a trivial schema, for `{ __typename }` only
 * Every system runs in its own process. Answers are normalised and checked equal before any
 * timing; then each question is measured with autocannon at 10 connections in alternating
 * slices (the order of systems rotates every slice), after a warm-up.
 *
 *   --quick             2 slices × 1 s per system and question (default 4 × 2 s)
 *   --slices N --seconds S --connections C
 *   --only id,id        a subset of questions (ids: see bench/peers/questions.ts)
 */

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
};
const QUICK = flag('quick');
const SLICES = option('slices', QUICK ? 2 : 4);
const SECONDS = option('seconds', QUICK ? 1 : 2);
const CONNECTIONS = option('connections', 10);
const WARMUP_SECONDS = QUICK ? 1 : 2;
const onlyAt = args.indexOf('--only');
const ONLY = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : null;

const log = (line: string) => console.error(`[peers] ${line}`);

async function answer(base: string, ask: (typeof QUESTIONS)[number]['asks'][number]) {
  const target = ask.target(base);
  const response = await fetch(target.url, {
    method: target.method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: target.body,
  });
  const text = await response.text();
  let json: { data?: Record<string, unknown>; errors?: unknown[] };
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${SYSTEM_LABELS[ask.system]} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  if (response.status !== 200 || json.errors || !json.data) {
    throw new Error(`${SYSTEM_LABELS[ask.system]} answered HTTP ${response.status}: ${text.slice(0, 1500)}`);
  }
  return ask.canonical(json.data);
}

/** Line-level difference of two canonical answers, for the failure report. */
function difference(expected: unknown, actual: unknown): string {
  const lines = (value: unknown) => JSON.stringify(value, null, 1).split('\n');
  const a = new Set(lines(expected));
  const b = new Set(lines(actual));
  const out = [...a].filter((line) => !b.has(line)).map((line) => `  - ${line.trim()}`);
  out.push(...[...b].filter((line) => !a.has(line)).map((line) => `  + ${line.trim()}`));
  return out.slice(0, 40).join('\n') || '  (same lines, different order)';
}

async function checkAnswers(systems: Map<SystemId, Running>, questions: typeof QUESTIONS): Promise<void> {
  const problems: string[] = [];
  for (const question of questions) {
    const [reference, ...others] = question.asks;
    if (!reference) continue;
    const expected = await answer((systems.get(reference.system) as Running).base, reference);
    if (expected === null || expected === undefined) problems.push(`${question.id}: the service answered null`);
    for (const ask of others) {
      const actual = await answer((systems.get(ask.system) as Running).base, ask);
      if (!isDeepStrictEqual(expected, actual)) {
        problems.push(
          `${question.id}: ${SYSTEM_LABELS[ask.system]} differs from ours (- ours, + ${SYSTEM_LABELS[ask.system]}):\n${difference(expected, actual)}`,
        );
      }
    }
  }
  if (problems.length > 0) throw new Error(`Answers differ; nothing was timed.\n${problems.join('\n')}`);
  log(`Answers checked equal for ${questions.length} questions.`);
}

interface Cell {
  system: SystemId;
  stats: Stats;
  note?: string;
}

async function measure(systems: Map<SystemId, Running>, question: (typeof QUESTIONS)[number]): Promise<Cell[]> {
  const tallies = new Map<SystemId, Tally>(question.asks.map((ask) => [ask.system, newTally()]));
  const target = (ask: (typeof question.asks)[number]) => ask.target((systems.get(ask.system) as Running).base);
  for (const ask of question.asks) await slice(target(ask), WARMUP_SECONDS, CONNECTIONS);
  for (let i = 0; i < SLICES; i += 1) {
    // Rotate who goes first, so no system always follows the same neighbour.
    const order = question.asks.map((_, j) => question.asks[(i + j) % question.asks.length] as (typeof question.asks)[number]);
    for (const ask of order) await slice(target(ask), SECONDS, CONNECTIONS, tallies.get(ask.system));
  }
  return question.asks.map((ask) => ({ system: ask.system, stats: stats(tallies.get(ask.system) as Tally), note: ask.note }));
}

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '—');

function report(question: (typeof QUESTIONS)[number], cells: Cell[]): string {
  const rows = cells.map(({ system, stats: s, note }) => [
    SYSTEM_LABELS[system],
    s.rps.toFixed(0),
    ms(s.p50),
    ms(s.p99),
    String(s.requests),
    String(s.errors),
    note ?? '',
  ]);
  const ours = cells.find((c) => c.system === 'ours')?.stats;
  const neo = cells.find((c) => c.system === 'neo4j-graphql')?.stats;
  const floor = cells.find((c) => c.system === 'raw' || c.system === 'bare-yoga');
  const lines = [
    `## ${question.title}`,
    `   ours: ${question.ours}`,
    table(['system', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', ''], rows),
  ];
  if (ours) {
    lines.push(
      `ours ÷ @neo4j/graphql (req/s): ${neo ? ratio(ours.rps, neo.rps) : 'n/a'}    ours ÷ ${floor ? SYSTEM_LABELS[floor.system] : 'raw Cypher'} (p50): ${floor ? ratio(ours.p50, floor.stats.p50) : 'n/a'}`,
    );
  }
  return lines.join('\n');
}

function summary(results: { question: (typeof QUESTIONS)[number]; cells: Cell[] }[]): string {
  const get = (cells: Cell[], system: SystemId) => cells.find((c) => c.system === system)?.stats;
  const rows = results.map(({ question, cells }) => {
    const ours = get(cells, 'ours');
    const cached = get(cells, 'ours-cached');
    const neo = get(cells, 'neo4j-graphql');
    const floor = get(cells, 'raw') ?? get(cells, 'bare-yoga');
    const rps = (s?: Stats) => (s ? s.rps.toFixed(0) : 'n/a');
    const p50 = (s?: Stats) => (s ? ms(s.p50) : 'n/a');
    return [
      question.id,
      rps(ours),
      p50(ours),
      rps(cached),
      rps(neo),
      p50(neo),
      rps(floor),
      p50(floor),
      ours && neo ? ratio(ours.rps, neo.rps) : 'n/a',
      ours && floor ? ratio(ours.p50, floor.p50) : 'n/a',
    ];
  });
  return table(
    [
      'question',
      'ours req/s',
      'ours p50',
      'cached req/s',
      'neo4j-gql req/s',
      'neo4j-gql p50',
      'raw req/s',
      'raw p50',
      'ours÷neo4j-gql req/s',
      'ours÷raw p50',
    ],
    rows,
  );
}

async function main(): Promise<void> {
  const questions = QUESTIONS.filter((q) => !ONLY || ONLY.has(q.id));
  if (questions.length === 0) throw new Error(`--only matched no question; ids: ${QUESTIONS.map((q) => q.id).join(', ')}`);
  ensureBuilt(log);
  const neo4j = await throwawayNeo4j(log, 'kg-peers-');
  const systems = new Map<SystemId, Running>();
  const stopAll = async () => {
    await Promise.all([...systems.values()].map((system) => system.stop()));
    await neo4j.close();
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
  try {
    log('Starting the service (production build), @neo4j/graphql, raw Cypher and bare yoga...');
    const needed = new Set(questions.flatMap((q) => q.asks.map((a) => a.system)));
    const started = await Promise.all([
      // Default limits: the nested question (first: 50 at two levels) is priced about 2,400 against MAX_COST 5000.
      startService(neo4j.uri, { RESPONSE_CACHE_BYTES: '0' }),
      needed.has('ours-cached') ? startService(neo4j.uri, {}, 'ours-cached') : undefined,
      needed.has('neo4j-graphql') ? startPeer('neo4j-graphql', neo4j.uri) : undefined,
      needed.has('raw') ? startPeer('raw', neo4j.uri) : undefined,
      needed.has('bare-yoga') ? startPeer('bare-yoga', neo4j.uri) : undefined,
    ]);
    for (const running of started) if (running) systems.set(running.name as SystemId, running);
    log(`Systems up: ${[...systems.values()].map((s) => `${s.name} ${s.base}`).join(', ')}`);
    await checkAnswers(systems, questions);
    const perQuestion = SLICES * SECONDS + WARMUP_SECONDS;
    const perSystem = 4;
    log(
      `Measuring ${questions.length} questions: warm-up ${WARMUP_SECONDS} s, then ${SLICES} slices × ${SECONDS} s per system, ${CONNECTIONS} connections (about ${Math.ceil((questions.length * perSystem * perQuestion) / 60)} min).`,
    );
    const results = [];
    for (const question of questions) {
      const cells = await measure(systems, question);
      results.push({ question, cells });
      console.log(`\n${report(question, cells)}`);
    }
    const mem = (id: SystemId) => {
      const value = rssMb(systems.get(id)?.child.pid);
      return value === null ? 'n/a' : `${value.toFixed(0)} MB`;
    };
    console.log(`\n## Summary (${SLICES} × ${SECONDS} s per system per question, ${CONNECTIONS} connections, Node ${process.version})\n`);
    console.log(summary(results));
    console.log(
      `\nRSS after the run: ours ${mem('ours')} (cache on: ${mem('ours-cached')}), @neo4j/graphql ${mem('neo4j-graphql')}, raw Cypher ${mem('raw')}, bare yoga ${mem('bare-yoga')} (Neo4j JVM not included).`,
    );
    console.log(
      'n/a: none. @neo4j/graphql answers toolsFor, path, neighborhood and the cross-type relations page through @cypher fields running the raw statements.',
      '\nours = the service with RESPONSE_CACHE_BYTES=0 (the ratios use it: the peers cache nothing); cached = as deployed, repeated identical queries answered from its response cache.',
      '\nThe service runs with its default limits (the nested incoming/outgoing question is priced about 2,400 against MAX_COST 5000).',
    );
    console.log(`Reproduce: npm run bench:peers${args.length ? ` -- ${args.join(' ')}` : ''}`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
