import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';

/** Builds the explorer (web/dist) if its sources changed since the last build; a no-op otherwise. */
export function setup(): void {
  execFileSync(process.execPath, [join(projectRoot(), 'web', 'build.mjs')], { stdio: 'inherit' });
}
