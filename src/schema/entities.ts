import { LIMITS } from '../limits.js';
import { type EntityConnectionShape, entityByKey, entityConnection, entityTotal } from '../resolvers/entities.js';
import { boundedInt, keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { EntityKindEnum } from './enums.js';

/** Looking entities up: by key, or page by page. */

const EntityEdge = builder.objectRef<EntityConnectionShape['edges'][number]>('EntityEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: EntityRef, resolve: (edge) => edge.node }),
  }),
});

const EntityConnection = builder.objectRef<EntityConnectionShape>('EntityConnection').implement({
  fields: (t) => ({
    totalCount: t.int({
      description: 'All matching entities, across pages.',
      // A count query of its own, unlike other scalars.
      complexity: 1,
      resolve: (connection, _args, ctx) => entityTotal(ctx, connection),
    }),
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (connection) => connection.pageInfo }),
    // The page size is already priced on `entities(first:)`.
    edges: t.field({ type: [EntityEdge], complexity: { field: 1, multiplier: 1 }, resolve: (connection) => connection.edges }),
    nodes: t.field({
      type: [EntityRef],
      complexity: { field: 1, multiplier: 1 },
      description: 'The entities of `edges`, for clients that need no cursors.',
      resolve: (c) => c.edges.map((e) => e.node),
    }),
  }),
});

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'An entity by its key (e.g. `python`, `senior`, `security`); null when no entity has that key.',
    args: { key: t.arg.string({ validate: keyArg }) },
    resolve: (_root, args, ctx, info) => entityByKey(ctx, args.key, info),
  }),
  entities: t.field({
    type: EntityConnection,
    // Priced by what can really come back: no more than `first`, nor than there are entities of the kind.
    complexity: (args, ctx) => ({ field: 1, multiplier: ctx.bounds.entities(args.first ?? LIMITS.page.default, args.kind) }),
    description: 'All entities, or those of one kind, ordered by key and paged by cursor.',
    args: {
      kind: t.arg({ type: EntityKindEnum, required: false }),
      first: t.arg.int(boundedInt('first', LIMITS.page)),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, ctx, info) => entityConnection(ctx, args, info),
  }),
}));
