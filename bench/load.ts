import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { type OpenGraph, openGraph, waitForNeo4j } from '../src/graph/connect.js';
import { freePort } from '../src/local-neo4j/process.js';
import { loadSeed } from '../src/seed/load.js';
import { createYogaServer } from '../src/yoga.js';

/**
 * `npm run load`: a bounded load test of a realistic query mix, side by side with a baseline
 * (`{ __typename }`, which never reaches Neo4j), in one run.
 *
 *   LOAD_URL          the service to hit (e.g. http://127.0.0.1:4000); unset: start one in-process
 *                     against a throwaway bundled Neo4j (temp store, free port), seeded.
 *   LOAD_SECONDS      seconds per run (default 10); one run for the baseline, one per query, one for the mix.
 *   LOAD_CONNECTIONS  concurrent connections (default 10).
 *
 * When the service runs in-process, autocannon runs in a forked child so that load generation
 * does not share the service's event loop; the parent reports the service's memory.
 */

const SECONDS = positiveInt('LOAD_SECONDS', 10);
const CONNECTIONS = positiveInt('LOAD_CONNECTIONS', 10);
const CHILD = process.env.LOAD_CHILD === '1';

interface Query {
  name: string;
  query: string;
  /** The top-level field that must be non-empty in the pre-flight answer. */
  field: string;
}

const BASELINE: Query = { name: 'baseline { __typename }', query: '{ __typename }', field: '__typename' };

const MIX: Query[] = [
  {
    name: 'entity(python) typed fields',
    field: 'entity',
    query: `{ entity(key: "python") { key name kind ... on Language { aliases frameworks { key name summary } concerns { name } } } }`,
  },
  {
    name: 'search("pyton")',
    field: 'search',
    query: `{ search(text: "pyton", first: 5) { score entity { key name kind } } }`,
  },
  {
    name: 'toolsFor("security")',
    field: 'toolsFor',
    query: `{ toolsFor(concern: "security", first: 10) { tool { key name kind } path { length steps { from { name } type to { name } evidence } } } }`,
  },
  {
    name: 'path(docker→scalability)',
    field: 'path',
    query: `{ path(from: "docker", to: "scalability") { length steps { from { name } type to { name } basis evidence section } } }`,
  },
  {
    name: 'relations page (node-js)',
    field: 'entity',
    query: `{ entity(key: "node-js") { name relations(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { type direction basis node { key name kind } } } } }`,
  },
  {
    name: 'neighborhood depth 2',
    field: 'neighborhood',
    query: `{ neighborhood(key: "security-awareness", depth: 2, limit: 100) { nodes { id name kind } edges { from to type } } }`,
  },
];

interface Row {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  non2xx: number;
  errors: number;
}

interface Memory {
  rss: number;
  heapUsed: number;
}

const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
const body = (query: string) => JSON.stringify({ query });
/** A GraphQL answer with errors still has status 200: count those as errors too. */
const noErrors = (text: string | Buffer | undefined) => !String(text ?? '').includes('"errors"');

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  return value;
}

/** One request per query, failing loudly on errors or an empty answer before any load is sent. */
async function preflight(endpoint: string): Promise<void> {
  for (const { name, query, field } of [BASELINE, ...MIX]) {
    const response = await fetch(endpoint, { method: 'POST', headers: HEADERS, body: body(query) });
    const text = await response.text();
    const json = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
    const value = json.data?.[field];
    const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
    if (response.status !== 200 || json.errors || empty) {
      throw new Error(`Pre-flight of ${name} failed (HTTP ${response.status}): ${text.slice(0, 500)}`);
    }
  }
}

async function run(name: string, endpoint: string, queries: Query[], seconds = SECONDS): Promise<Row> {
  const result = await autocannon({
    url: endpoint,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: HEADERS,
    requests: queries.map(({ query }) => ({ method: 'POST', headers: HEADERS, body: body(query) })),
    verifyBody: noErrors,
  });
  return {
    name,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts + result.mismatches,
  };
}

/** The load itself: warm-up (not reported), baseline, each query alone, then the mix. */
async function runAll(base: string): Promise<Row[]> {
  const endpoint = `${base.replace(/\/$/, '')}/graphql`;
  await preflight(endpoint);
  log(`Warm-up (2 s), then ${MIX.length + 2} runs of ${SECONDS} s with ${CONNECTIONS} connections...`);
  await run('warm-up', endpoint, MIX, 2);
  const rows: Row[] = [await run(BASELINE.name, endpoint, [BASELINE])];
  for (const query of MIX) rows.push(await run(query.name, endpoint, [query]));
  rows.push(await run('mix of all six (overall)', endpoint, MIX));
  return rows;
}

function log(line: string): void {
  console.error(`[load] ${line}`);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function print(rows: Row[], target: string, memory?: { before: Memory; peak: Memory; after: Memory }): void {
  const baseline = rows[0] as Row;
  const header = ['query', 'req/s', 'vs baseline', 'p50 ms', 'p90 ms', 'p99 ms', 'requests', 'non-2xx', 'errors'];
  const lines = rows.map((row) => [
    row.name,
    row.rps.toFixed(0),
    row === baseline ? '—' : `${((row.rps / baseline.rps) * 100).toFixed(1)} %`,
    String(row.p50),
    String(row.p90),
    String(row.p99),
    String(row.requests),
    String(row.non2xx),
    String(row.errors),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => (line[i] as string).length)));
  const format = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  const out = [
    '',
    `Load test against ${target}: ${CONNECTIONS} connections, ${SECONDS} s per run (Node ${process.version}).`,
    'errors = socket errors + timeouts + 200 answers carrying GraphQL "errors".',
    '',
    format(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...lines.map(format),
    '',
  ];
  if (memory) {
    const { before, peak, after } = memory;
    out.push(
      'Service process memory (in-process server, Neo4j JVM not included):',
      `  before load: rss ${mb(before.rss)}, heapUsed ${mb(before.heapUsed)}`,
      `  peak:        rss ${mb(peak.rss)}, heapUsed ${mb(peak.heapUsed)}`,
      `  after load:  rss ${mb(after.rss)}, heapUsed ${mb(after.heapUsed)}`,
      '',
    );
  } else {
    out.push('Service memory: not measured (external LOAD_URL).', '');
  }
  const url = process.env.LOAD_URL && !CHILD ? `LOAD_URL=${process.env.LOAD_URL} ` : '';
  out.push(`Reproduce: ${url}LOAD_SECONDS=${SECONDS} LOAD_CONNECTIONS=${CONNECTIONS} npm run load`);
  console.log(out.join('\n'));
}

function memoryNow(): Memory {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** Runs the load from a forked copy of this script so it does not compete for our event loop. */
function loadFromChild(base: string): { child: ChildProcess; rows: Promise<Row[]> } {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOAD_CHILD: '1', LOAD_URL: base },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const rows = new Promise<Row[]>((done, fail) => {
    let received: Row[] | undefined;
    child.on('message', (message) => {
      received = message as Row[];
    });
    child.on('error', fail);
    child.on('exit', (code) => (received ? done(received) : fail(new Error(`The load generator exited with code ${code}.`))));
  });
  return { child, rows };
}

async function inProcess(): Promise<void> {
  const store = mkdtempSync(join(tmpdir(), 'kg-load-'));
  const config = loadConfig({
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    QUERY_STATS: 'false',
    NEO4J_LOCAL_PORT: String(await freePort()),
    NEO4J_LOCAL_DATA: store,
  });
  let opened: OpenGraph | undefined;
  let server: Server | undefined;
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    child?.kill('SIGKILL');
    server?.closeAllConnections();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    await opened?.close();
    rmSync(store, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    opened = await openGraph(config, log);
    await waitForNeo4j(opened, 60_000, log);
    log('Loading the seed...');
    await loadSeed(opened.graph);
    server = createServer(createYogaServer({ graph: opened.graph, config, logger: pino({ level: 'silent' }) }));
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    await preflight(`${base}/graphql`);
    global.gc?.();
    const before = memoryNow();
    const peak = { ...before };
    const sampler = setInterval(() => {
      const now = memoryNow();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    }, 200);
    const load = loadFromChild(base);
    child = load.child;
    const rows = await load.rows;
    clearInterval(sampler);
    const after = memoryNow();
    print(rows, `the in-process service (${base}, bundled Neo4j ${opened.uri})`, { before, peak, after });
  } finally {
    await cleanup();
  }
}

async function main(): Promise<void> {
  const url = process.env.LOAD_URL;
  if (CHILD && url) {
    const rows = await runAll(url);
    process.send?.(rows);
    return;
  }
  if (url) {
    print(await runAll(url), url);
    return;
  }
  await inProcess();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
