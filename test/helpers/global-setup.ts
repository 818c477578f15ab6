import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { Graph } from '../../src/graph/database.js';
import { createDriver } from '../../src/graph/driver.js';
import { freePort, type LocalNeo4j, startLocalNeo4j } from '../../src/local-neo4j/process.js';
import { loadSeed } from '../../src/seed/load.js';
import { TEST_JAVA_TOOL_OPTIONS } from './jvm-options.js';

/**
 * Starts a throwaway bundled Neo4j on a free port with a temporary store, unless NEO4J_URI
 * points at a server to use instead. Test files read the connection through `inject`.
 *
 * For the integration project the seed is loaded here, once per run, instead of once per file:
 * files that only read share it, and the one file that changes the graph (seed.test.ts)
 * restores it in its afterAll.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jStore: string;
  }
}

let local: LocalNeo4j | undefined;
let store: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    process.env.JAVA_TOOL_OPTIONS = TEST_JAVA_TOOL_OPTIONS;
    store = mkdtempSync(join(tmpdir(), 'kg-test-neo4j-'));
    local = await startLocalNeo4j({ port: await freePort(), dataDir: store, log: () => {} });
    uri = local.uri;
  }
  project.provide('neo4jUri', uri);
  project.provide('neo4jStore', store ?? '');
  // The integration tier (browser tests included) reads the seeded graph.
  if (project.name === 'integration') await seed(uri);
}

/** Loads the seed (schema first) as `startSeededServer` used to do in every file. */
async function seed(uri: string): Promise<void> {
  const driver = createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
  try {
    await loadSeed(new Graph(driver, process.env.NEO4J_DATABASE ?? 'neo4j', 60_000));
  } finally {
    await driver.close();
  }
}

export async function teardown(): Promise<void> {
  // The store is deleted right after, so a clean shutdown (a checkpoint, ~10 s) buys nothing:
  // kill the JVM and wait for it to be gone.
  if (local?.pid && local.pid > 0) {
    try {
      process.kill(local.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await local.exited;
  } else {
    await local?.stop();
  }
  if (store) rmSync(store, { recursive: true, force: true });
}
