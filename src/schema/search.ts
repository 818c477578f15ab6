import type { EntityRow } from '../graph/repository.js';
import { LIMITS } from '../limits.js';
import type { PathShape } from '../resolvers/paths.js';
import { concernFor, search, toolsForConcern } from '../resolvers/search.js';
import { boundedInt, nonEmptyText } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { EntityKindEnum } from './enums.js';
import { PathRef } from './paths.js';

/** Finding entities by text, and the tools linked to a concern. */

const SearchHit = builder.objectRef<{ score: number; entity: EntityRow }>('SearchHit').implement({
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'Relevance; higher is better.' }),
    entity: t.field({ type: EntityRef, resolve: (hit) => hit.entity }),
  }),
});

const ToolMatch = builder.objectRef<{ concern: EntityRow; tool: EntityRow; score: number; path: PathShape }>('ToolMatch').implement({
  description: 'A tool linked to a concern, how strongly the evidence ties them, and the path that shows it.',
  fields: (t) => ({
    tool: t.field({ type: EntityRef, resolve: (match) => match.tool }),
    score: t.exposeFloat('score', {
      description:
        'Strength of the evidence, higher is better: 1 for a STATED link about the tool itself, less for a statement about its ' +
        'category, an INFERRED link or a two-hop path, and less again through a hub that touches most tools (formula in the README).',
    }),
    concern: t.field({
      type: EntityRef,
      description: 'The entity the `concern` text resolved to (e.g. "tools used for security" -> Security).',
      resolve: (match) => match.concern,
    }),
    path: t.field({ type: PathRef, description: 'The chain of relationships linking the tool to the concern.', resolve: (m) => m.path }),
  }),
});

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHit],
    complexity: (args) => ({ field: 1, multiplier: args.first ?? LIMITS.searchHits.default }),
    description: 'Full-text search over names, aliases and summaries; forgiving of case, punctuation and small typos.',
    args: {
      text: t.arg.string({ validate: nonEmptyText }),
      kinds: t.arg({ type: [EntityKindEnum], required: false }),
      first: t.arg.int(boundedInt('first', LIMITS.searchHits)),
    },
    resolve: (_root, args, ctx) => search(ctx, args),
  }),
  toolsFor: t.field({
    type: [ToolMatch],
    complexity: (args) => ({ field: 1, multiplier: args.first ?? LIMITS.toolMatches.default }),
    description:
      'Languages, databases, frameworks, API styles, cloud platforms, version control and server tools linked to a concern ' +
      '(a key, name, alias, or a phrase such as "tools used for security"), ranked by `score`, each with the path that justifies it.',
    args: {
      concern: t.arg.string({ validate: nonEmptyText }),
      first: t.arg.int(boundedInt('first', LIMITS.toolMatches)),
    },
    resolve: (_root, args, ctx, info) => toolsForConcern(ctx, args, info),
  }),
  concern: t.field({
    type: EntityRef,
    nullable: true,
    description:
      'The entity `toolsFor(concern: text)` uses for this text (by key, name or alias, a phrase containing one, or the best ' +
      'full-text match), even when no tool is linked to it; null when nothing matches.',
    args: { text: t.arg.string({ validate: nonEmptyText }) },
    resolve: (_root, args, ctx) => concernFor(ctx, args),
  }),
}));
