import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './http-errors.js';

export interface NotFoundOptions {
  /** Where `GET /` redirects (302). */
  home: string;
  graphqlEndpoint: string;
}

/**
 * `/` redirects to `home`; every path nothing else serves answers 404: a short local HTML page
 * for browsers, a GraphQL-shaped JSON error with code NOT_FOUND for everyone else.
 *
 * yoga runs with `landingPage: false`, so an unknown path reaches the client as yoga's bare 404
 * (no body, no content type). This plugin swaps that response in `onResponse`, after every
 * other plugin had its chance, so routes added by plugins later in the list (e.g. `/explore`)
 * are never shadowed, whatever the order.
 */
export function useNotFound({ home, graphqlEndpoint }: NotFoundOptions): Plugin {
  const notFound = (request: Request, path: string) =>
    wantsHtml(request)
      ? new Response(notFoundPage(path, home, graphqlEndpoint), { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' } })
      : errorResponse(request, 404, 'NOT_FOUND', `Nothing is served at ${shorten(path)}. GraphQL is served at ${graphqlEndpoint}.`, {
          'content-type': 'application/json; charset=utf-8',
        });
  // yoga serves GraphQL, and GraphiQL to browsers, at any path ending in the endpoint (`/api/graphql`).
  const aliasOfEndpoint = (path: string) => path.endsWith(graphqlEndpoint) && path !== graphqlEndpoint;
  return {
    onRequest({ request, url, endResponse }) {
      const path = url.pathname;
      if (path === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        endResponse(new Response(null, { status: 302, headers: { location: home } }));
      } else if (aliasOfEndpoint(path)) {
        endResponse(notFound(request, path));
      }
    },
    onResponse({ request, response, setResponse }) {
      // Every response passes here: the URL is parsed only for the two that may be replaced.
      const bare404 = response.status === 404 && !response.headers.has('content-type');
      const page = response.headers.get('content-type')?.startsWith('text/html') ?? false;
      if (!bare404 && !page) return;
      const path = new URL(request.url).pathname;
      // GraphiQL answers browsers before this plugin's onRequest runs; its page at an alias is replaced here.
      if (bare404 || aliasOfEndpoint(path)) setResponse(notFound(request, path));
    },
  };
}

/** A browser navigating: GET or HEAD, asking for HTML. */
export function wantsHtml(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.get('accept') ?? '').includes('text/html');
}

/** Self-contained (no scripts, fonts or images), so it works offline and leaks nothing. */
export function notFoundPage(path: string, home: string, graphqlEndpoint: string): string {
  const targets: [string, string][] = home === graphqlEndpoint ? [] : [[home, 'start page']];
  targets.push([graphqlEndpoint, 'GraphiQL, and the GraphQL API itself']);
  const links = targets.map(([href, what]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(href)}</a>: ${what}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found - Backend knowledge graph</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}code{background:#eee;padding:0 .2em}</style>
</head>
<body>
<h1>Not found</h1>
<p>Nothing is served at <code>${escapeHtml(shorten(path))}</code>.</p>
<p>The backend knowledge graph is served here:</p>
<ul>${links}</ul>
</body>
</html>
`;
}

function shorten(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}...` : path;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
