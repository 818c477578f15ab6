import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalNeo4j, startLocalNeo4j } from '../../src/local-neo4j/process.js';
import { freePort } from './free-port.js';

/**
 * Starts a throwaway bundled Neo4j on a free port with a temporary store, unless NEO4J_URI
 * points at a server to use instead. Test files read the connection through `inject`.
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
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    project.provide('neo4jStore', '');
    return;
  }
  store = mkdtempSync(join(tmpdir(), 'kg-test-neo4j-'));
  local = await startLocalNeo4j({ port: await freePort(), dataDir: store, log: () => {} });
  project.provide('neo4jUri', local.uri);
  project.provide('neo4jStore', store);
}

export async function teardown(): Promise<void> {
  await local?.stop();
  if (store) rmSync(store, { recursive: true, force: true });
}
