import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { freePort, LocalNeo4jError, startLocalNeo4j } from './process.js';

/**
 * `npm run neo4j`: the bundled Neo4j alone, in the foreground, until Ctrl-C.
 * `npm run neo4j -- --prepare`: builds it if needed, then boots it once on a throwaway store and
 * stops it, so that its JVM records the class-data archive (class-archive.ts) every later start
 * boots from, a third sooner. For CI and images, where no earlier start has recorded one.
 */
const USAGE = 'Usage: npm run neo4j [-- --prepare]';
const args = process.argv.slice(2);
if (args.some((arg) => arg !== '--prepare')) {
  console.error(`Unknown option(s): ${args.filter((arg) => arg !== '--prepare').join(' ')}. ${USAGE}`);
  process.exit(2);
}

try {
  if (args.includes('--prepare')) await prepare();
  else await runInForeground();
} catch (error) {
  if (!(error instanceof LocalNeo4jError)) throw error;
  console.error(error.message);
  process.exit(1);
}

async function runInForeground(): Promise<void> {
  const config = loadConfig();
  const neo4j = await startLocalNeo4j({ port: config.NEO4J_LOCAL_PORT, dataDir: config.NEO4J_LOCAL_DATA });
  console.error('Press Ctrl-C to stop.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void neo4j.stop().then(() => process.exit(0)));
  }
  const code = await neo4j.exited;
  process.exit(code ?? 0);
}

async function prepare(): Promise<void> {
  const store = mkdtempSync(join(tmpdir(), 'kg-neo4j-prepare-'));
  try {
    const neo4j = await startLocalNeo4j({ port: await freePort(), dataDir: store });
    await neo4j.stop();
    console.error('Bundled Neo4j prepared.');
  } finally {
    rmSync(store, { recursive: true, force: true });
  }
}
