import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL's page, with its scripts and styles inlined from the package (no CDN: it works
 * offline). The package holds about 30 MB of heap once loaded and each render builds an 11 MB
 * page, so it is loaded when GraphiQL is first opened and the page is rendered once: this
 * server's GraphiQL options never change.
 */
export function lazyGraphiQLPage(): (options: GraphiQLOptions) => Promise<string> {
  let page: Promise<string> | undefined;
  return (options) => {
    page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => renderGraphiQL(options));
    return page;
  };
}
