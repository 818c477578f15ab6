import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalNeo4j } from '../../src/local-neo4j/process.js';
import { projectRoot } from '../../src/project-root.js';
import { freePort } from './free-port.js';
import { TEST_JAVA_TOOL_OPTIONS } from './jvm-options.js';

/**
 * Global setup of the tiers that spawn servers and command-line tools: builds the bundles
 * `npm start`, `npm run seed`, `npm run export` and `npm run import` run (dist/*.mjs, by
 * scripts/build-server.mjs, rebuilt only when their sources changed), so each spawned process
 * starts with `node` alone, exactly as those commands start it, instead of compiling TypeScript
 * through tsx.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/<name>.mjs for the service and each command-line tool. */
    bundles: Record<'server' | 'seed' | 'backup', string>;
  }
}

const cacheDir = () => join(projectRoot(), 'node_modules', '.cache', 'kg-test');

/**
 * A class-data-sharing archive of the classes Neo4j loads while it boots (JDK 13+ dynamic
 * AppCDS): with it a test JVM is ready about a third sooner. Made once by the process tier's
 * setup and again whenever neo4j-local is rebuilt; a JVM whose archive is missing or does not
 * match (another JDK) simply starts without it.
 */
export const cdsArchive = () => join(cacheDir(), 'neo4j-local.jsa');

/** JAVA_TOOL_OPTIONS for the process tier's JVMs: the test flags plus the archive (unless overridden). */
export function processTierJavaOptions(): string {
  return process.env.JAVA_TOOL_OPTIONS ?? `${TEST_JAVA_TOOL_OPTIONS} -XX:SharedArchiveFile=${cdsArchive()}`;
}

export async function setup(project: TestProject): Promise<void> {
  const root = projectRoot();
  mkdirSync(cacheDir(), { recursive: true });
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  if (built.error || built.status !== 0) throw new Error(`building the bundles failed: ${built.error?.message ?? built.stderr}`);
  const bundle = (name: string) => join(root, 'dist', `${name}.mjs`);
  project.provide('bundles', { server: bundle('server'), seed: bundle('seed'), backup: bundle('backup') });
  // Only the process tier boots JVMs often enough for the archive to pay off.
  if (project.name === 'process' && !process.env.JAVA_TOOL_OPTIONS) await ensureCdsArchive();
}

/** Boots Neo4j once with -XX:ArchiveClassesAtExit and stops it cleanly, when the archive is missing or stale. */
async function ensureCdsArchive(): Promise<void> {
  const archive = cdsArchive();
  const jar = join(projectRoot(), 'neo4j-local', 'target', 'neo4j-local-1.0.0.jar');
  if (!existsSync(jar) || (existsSync(archive) && statSync(archive).mtimeMs > statSync(jar).mtimeMs)) return;
  const store = mkdtempSync(join(tmpdir(), 'kg-cds-'));
  const dumped = `${archive}.${process.pid}.tmp`;
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = `${TEST_JAVA_TOOL_OPTIONS} -XX:ArchiveClassesAtExit=${dumped}`;
  try {
    const local = await startLocalNeo4j({ port: await freePort(), dataDir: store, log: () => {} });
    await local.stop();
    if (existsSync(dumped)) renameSync(dumped, archive);
  } catch {
    // Best effort: without the archive the JVMs start as before.
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
    rmSync(dumped, { force: true });
    rmSync(store, { recursive: true, force: true });
  }
}
