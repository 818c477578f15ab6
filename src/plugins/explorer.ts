import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { projectRoot } from '../project-root.js';

export const EXPLORER_PATH = '/explore';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  map: 'application/json; charset=utf-8',
};

/**
 * Serves the explorer built from web/ (`node web/build.mjs`, run on install and start) at
 * `/explore`: the page with `no-cache` (always revalidated, so a rebuild shows at once) and the
 * content-hashed assets under `/explore/assets/` as immutable for a year. Nothing else is read
 * from disk: asset names are checked against a strict pattern. Before a build, `/explore` is a
 * short page saying how to build it.
 */
export function useExplorer(dist = join(projectRoot(), 'web', 'dist')): Plugin {
  const assets = new Map<string, Uint8Array>();
  return {
    onRequest({ request, url, endResponse }) {
      const path = url.pathname;
      if (path !== EXPLORER_PATH && !path.startsWith(`${EXPLORER_PATH}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return; // left to the 404 handler
      const head = request.method === 'HEAD';
      if (path === EXPLORER_PATH || path === `${EXPLORER_PATH}/` || path === `${EXPLORER_PATH}/index.html`) {
        const file = join(dist, 'index.html');
        const html = existsSync(file) ? readFileSync(file) : notBuiltPage();
        endResponse(
          new Response(head ? null : html, {
            status: existsSync(file) ? 200 : 404,
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
          }),
        );
        return;
      }
      const match = /^\/explore\/assets\/([\w-]+\.(js|css|svg|png|woff2|map))$/.exec(path);
      if (!match) return;
      const [, name, ext] = match as unknown as [string, string, string];
      // Only what web/build.mjs precompresses (js, css, svg) has encoded copies to look for.
      const encoding = PRECOMPRESSED.has(ext) ? preferredEncoding(request.headers.get('accept-encoding')) : null;
      const asset = readAsset(name, encoding);
      if (!asset) return;
      endResponse(
        new Response(head ? null : (asset.body as BodyInit), {
          headers: {
            'content-type': TYPES[ext] ?? 'application/octet-stream',
            'cache-control': 'public, max-age=31536000, immutable',
            'x-content-type-options': 'nosniff',
            vary: 'accept-encoding',
            ...(asset.encoding ? { 'content-encoding': asset.encoding } : {}),
          },
        }),
      );
    },
  };

  /** The asset in the wanted encoding when the build wrote one (web/build.mjs), else as is. */
  function readAsset(name: string, encoding: Encoding | null): { body: Uint8Array; encoding: Encoding | null } | null {
    for (const candidate of encoding ? [encoding, null] : [null]) {
      const file = join(dist, 'assets', candidate ? `${name}.${SUFFIX[candidate]}` : name);
      const cacheKey = `${name}|${candidate ?? ''}`;
      let body = assets.get(cacheKey);
      if (!body && existsSync(file)) {
        body = readFileSync(file);
        assets.set(cacheKey, body); // hashed names never change content
      }
      if (body) return { body, encoding: candidate };
    }
    return null;
  }
}

type Encoding = 'br' | 'gzip';
const PRECOMPRESSED = new Set(['js', 'css', 'svg']);
const SUFFIX: Record<Encoding, string> = { br: 'br', gzip: 'gz' };

/** br when the client takes it, else gzip, else none; `q=0` means "not this one". */
export function preferredEncoding(header: string | null): Encoding | null {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => part && !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]?.trim()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

function notBuiltPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Explorer not built - Backend knowledge graph</title></head>
<body>
<h1>The explorer is not built</h1>
<p>Run <code>npm run build:web</code> (or <code>npm install</code>), then reload. GraphiQL is at <a href="/graphql">/graphql</a>.</p>
</body>
</html>
`;
}
