// Bundles the service (src/server.ts) into dist/server.mjs with esbuild, when its sources
// changed since the last build. `npm start` runs this first, so the service always runs as
// compiled JavaScript (tsx compiles on the fly and is 15-25% slower per request), yet a change
// to src/ still reaches the next start. `--force` rebuilds anyway.
//
// Dependencies stay in node_modules (`packages: external`): they load as Node resolves them,
// and the bundle holds only our own code. Type errors are `npm run typecheck`'s job.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { files, filesHash } from './files-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const serverBundle = join(root, 'dist', 'server.mjs');
const stampFile = join(root, 'dist', '.server-sources-hash');

/** A hash of everything the bundle is made of: the sources, the lockfile, this script. */
const sourcesHash = () => filesHash(root, [...files(join(root, 'src')), join(root, 'package-lock.json'), fileURLToPath(import.meta.url)]);

/** Builds when stale (or forced); returns the bundle's path. */
export async function buildServer({ force = false } = {}) {
  const hash = sourcesHash();
  const current = existsSync(stampFile) && existsSync(serverBundle) && readFileSync(stampFile, 'utf8') === hash;
  if (current && !force) return serverBundle;
  mkdirSync(dirname(serverBundle), { recursive: true });
  const { outputFiles } = await build({
    entryPoints: [join(root, 'src', 'server.ts')],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  // Written aside, then renamed: a server starting meanwhile (e.g. the other test tier's) reads
  // the old bundle or the new one, never half of one.
  for (const file of outputFiles) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
  writeFileSync(stampFile, hash);
  return serverBundle;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer({ force: process.argv.includes('--force') });
}
