import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { type OpenGraph, openGraph, waitForNeo4j } from '../../src/graph/connect.js';
import { freePort } from '../../src/local-neo4j/process.js';
import { loadSeed } from '../../src/seed/load.js';

/** A throwaway bundled Neo4j (temp store, free port), seeded with the project's loader. */
export interface Throwaway {
  opened: OpenGraph;
  uri: string;
  close(): Promise<void>;
}

export async function throwawayNeo4j(log: (line: string) => void, prefix = 'kg-bench-'): Promise<Throwaway> {
  const store = mkdtempSync(join(tmpdir(), prefix));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    NEO4J_LOCAL_DATA: store,
    NEO4J_LOCAL_PORT: String(await freePort()),
    // Bulk loads and cold queries on big stores outlast the service default.
    NEO4J_QUERY_TIMEOUT_MS: '600000',
  });
  const opened = await openGraph(config, () => {});
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= opened.close().finally(() => rmSync(store, { recursive: true, force: true }));
    return closing;
  };
  try {
    await waitForNeo4j(opened, 120_000, () => {});
    log(`Neo4j ready at ${opened.uri} (store ${store}); loading the seed...`);
    await loadSeed(opened.graph);
  } catch (error) {
    await close();
    throw error;
  }
  return { opened, uri: opened.uri, close };
}
