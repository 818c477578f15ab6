// Bundles the service (src/server.ts) and its command-line tools (seed/cli.ts, src/backup/cli.ts)
// into dist/ with esbuild, when their sources changed since the last build. `npm start`,
// `npm run seed`, `npm run export` and `npm run import` run this first, so they always run as
// compiled JavaScript (tsx compiles on the fly: 15-25% slower per request, and a second or two
// of start-up per command), yet a change to the sources still reaches the next run. `--force`
// rebuilds anyway.
//
// The service's dependencies stay in node_modules (`packages: external`): bundling them halved
// its start-up (1.7 s to 0.8 s of CPU) but cost 20 % of its req/s on the lightest requests and
// 80 MB of RSS under load (bench:peers). The command-line tools live for seconds, so there
// start-up is what counts and their dependencies are bundled, except pino and pino-pretty (pino
// starts transports in worker threads by package name), ioredis (it reads its package.json
// through __dirname, which a bundle lacks) and the 9 MB GraphiQL page. Type errors are
// `npm run typecheck`'s job.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { files, filesHash } from './files-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Each bundle in dist/ and the entry point it is built from. */
const SERVICE = { server: 'src/server.ts' };
const TOOLS = { seed: 'seed/cli.ts', backup: 'src/backup/cli.ts' };
const ENTRIES = { ...SERVICE, ...TOOLS };
/** What the tools' bundles leave to Node's resolution (see above). */
const UNBUNDLED = ['pino', 'pino-pretty', 'ioredis', '@graphql-yoga/render-graphiql'];
const bundlePath = (name) => join(root, 'dist', `${name}.mjs`);
const stampFile = join(root, 'dist', '.sources-hash');

/** A hash of everything the bundles are made of: the sources, the lockfile, this script. */
const sourcesHash = () =>
  filesHash(root, [
    ...files(join(root, 'src')),
    ...files(join(root, 'seed')).filter((file) => file.endsWith('.ts')),
    join(root, 'package-lock.json'),
    fileURLToPath(import.meta.url),
  ]);

/** Builds when stale (or forced). */
export async function buildServer({ force = false } = {}) {
  const hash = sourcesHash();
  const built = Object.keys(ENTRIES).every((name) => existsSync(bundlePath(name)));
  if (built && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash && !force) return;
  mkdirSync(join(root, 'dist'), { recursive: true });
  const service = await bundle(SERVICE, { packages: 'external' });
  const tools = await bundle(TOOLS, {
    external: UNBUNDLED,
    // Bundled CommonJS packages call require() for Node's own modules; ESM has no require.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  // Written aside, then renamed: a process starting meanwhile (e.g. the other test tier's
  // server) reads the old bundle or the new one, never half of one.
  for (const file of [...service, ...tools]) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
  writeFileSync(stampFile, hash);
}

/** Bundles `entries` into dist/ (in memory: the caller writes the files). */
async function bundle(entries, options) {
  const { outputFiles } = await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, join(root, entry)])),
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    write: false,
    ...options,
  });
  return outputFiles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer({ force: process.argv.includes('--force') });
}
