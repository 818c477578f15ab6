import type { SourceRow } from '../graph/repository.js';
import { allSources, sourceByKey, sourcesForIds } from '../resolvers/sources.js';
import { keyArg } from './args.js';
import { builder } from './builder.js';

/** `Source`: a work facts are drawn from (the article, and any a curator adds), and how to look one up. */

export const SourceNode = builder.objectRef<SourceRow>('Source');

builder.node(SourceNode, {
  description: 'A work the graph draws on. Every relationship cites one or more; `article` is the one the seed comes from.',
  id: { resolve: (source) => source.key },
  // Sources are the only node rows without an entity `kind`.
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'title' in value && !('kind' in value),
  loadMany: (keys, ctx) => sourcesForIds(ctx, keys),
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable lowercase slug, e.g. `article`; what citations name.' }),
    title: t.exposeString('title'),
    author: t.exposeString('author', { nullable: true }),
    url: t.exposeString('url', { nullable: true, description: 'Where to read it (http or https).' }),
    published: t.exposeString('published', { nullable: true, description: 'ISO date.' }),
  }),
});

builder.queryFields((t) => ({
  source: t.field({
    type: SourceNode,
    nullable: true,
    description: 'One source by key; null when there is none.',
    args: { key: t.arg.string({ validate: keyArg }) },
    resolve: (_root, args, ctx) => sourceByKey(ctx, args.key),
  }),
  sources: t.field({
    type: [SourceNode],
    description: 'Every source, by key.',
    resolve: (_root, _args, ctx) => allSources(ctx),
  }),
}));
