import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../src/project-root.js';

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

export async function setup(project: TestProject): Promise<void> {
  const root = projectRoot();
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, encoding: 'utf8' });
  if (built.error || built.status !== 0) throw new Error(`building the bundles failed: ${built.error?.message ?? built.stderr}`);
  const bundle = (name: string) => join(root, 'dist', `${name}.mjs`);
  project.provide('bundles', { server: bundle('server'), seed: bundle('seed'), backup: bundle('backup') });
}
