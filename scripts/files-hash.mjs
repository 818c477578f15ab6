// What the build scripts (web/build.mjs, scripts/build-server.mjs) compare to decide whether a
// build is stale: a hash of the inputs' paths and contents, so a checkout or `touch` alone does
// not trigger a rebuild, and any edit does.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below `dir`, recursively. */
export function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

/** sha256 over the files' paths (relative to `base`) and contents, in a stable order. */
export function filesHash(base, inputs) {
  const hash = createHash('sha256');
  for (const file of [...inputs].sort()) hash.update(relative(base, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}
