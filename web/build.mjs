// Builds the explorer (web/ -> web/dist) when its sources changed since the last build, so
// `npm install` (postinstall) and `npm start` (prestart) leave a working /explore without
// committing built files. `--force` rebuilds anyway; `--size` only prints the JS budget.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { files, filesHash } from '../scripts/files-hash.mjs';

const web = dirname(fileURLToPath(import.meta.url));
const dist = join(web, 'dist');
const stampFile = join(dist, '.sources-hash');
/** Total gzipped JavaScript the explorer may ship. */
export const BUDGET_KB = 250;

const sourcesHash = () => filesHash(web, [join(web, 'index.html'), join(web, 'build.mjs'), ...files(join(web, 'src'))]);

/** Gzipped size of every built JavaScript file, in KB. */
export function jsGzipKb() {
  const js = existsSync(dist) ? files(dist).filter((file) => file.endsWith('.js')) : [];
  return js.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0) / 1024;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--size')) {
    report();
    return;
  }
  if (!existsSync(join(web, 'src', 'main.ts'))) return; // e.g. a Docker stage that copied only package.json
  const hash = sourcesHash();
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  if (!args.includes('--force') && stamp === hash && existsSync(join(dist, 'index.html'))) return;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    console.warn('Explorer not built: Vite is not installed (a production install?). Run `npm install` then `npm run build:web`.');
    return;
  }
  const started = Date.now();
  await vite.build({
    root: web,
    base: '/explore/',
    configFile: false,
    logLevel: 'warn',
    build: { outDir: dist, emptyOutDir: true, assetsDir: 'assets', chunkSizeWarningLimit: 1000, target: 'es2022' },
  });
  precompress();
  writeFileSync(stampFile, hash);
  console.log(`Explorer built in ${((Date.now() - started) / 1000).toFixed(1)} s (web/dist).`);
  report();
}

/**
 * Writes `.br` and `.gz` beside each JavaScript and CSS asset, once per build, so the server
 * sends compressed bytes without compressing on every request (brotli at its best level takes
 * about a second for the bundle: fine at build time, not per request).
 */
function precompress() {
  for (const file of files(join(dist, 'assets')).filter((path) => /\.(js|css|svg)$/.test(path))) {
    const raw = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
  }
}

function report() {
  const kb = jsGzipKb();
  console.log(`Explorer JavaScript: ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB).`);
  if (kb > BUDGET_KB) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
