import { LIMITS } from '../limits.js';
import { type RelationConnectionShape, relationConnection, relationCursor } from '../resolvers/relations.js';
import { citedSources } from '../resolvers/sources.js';
import { boundedInt } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { BasisEnum, DirectionEnum, EntityKindEnum, RelationTypeEnum, ScopeEnum } from './enums.js';
import { SourceNode } from './sources.js';

/** `Entity.relations`: every relationship of an entity, filtered and paged by cursor. */

type Edge = RelationConnectionShape['edges'][number];

const RelationEdge = builder.objectRef<Edge>('RelationEdge').implement({
  description: 'One relationship seen from the entity asked about, with why it holds.',
  fields: (t) => ({
    cursor: t.string({ resolve: relationCursor }),
    type: t.field({ type: RelationTypeEnum, resolve: (edge) => edge.type }),
    direction: t.field({ type: DirectionEnum, resolve: (edge) => edge.direction }),
    basis: t.field({ type: BasisEnum, resolve: (edge) => edge.basis }),
    scope: t.field({ type: ScopeEnum, resolve: (edge) => edge.scope }),
    evidence: t.exposeString('evidence', { description: 'Why this link holds, in our own words.' }),
    section: t.exposeString('section', { description: 'The section of its source it rests on.' }),
    sources: t.field({
      type: [SourceNode],
      description: 'The sources it cites (batched: one round-trip for every source on the page).',
      resolve: (edge, _args, ctx) => citedSources(ctx, edge.sources),
    }),
    node: t.field({ type: EntityRef, description: 'The entity at the other end.', resolve: (edge) => edge.node }),
  }),
});

const RelationConnection = builder.objectRef<RelationConnectionShape>('RelationConnection').implement({
  fields: (t) => ({
    // Counting walks every matching relationship, unlike other scalars.
    totalCount: t.exposeInt('totalCount', { description: 'All matching relationships, across pages.', complexity: 1 }),
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (connection) => connection.pageInfo }),
    // The page size is already priced on `relations(first:)`; do not multiply again.
    edges: t.field({ type: [RelationEdge], complexity: { field: 1, multiplier: 1 }, resolve: (connection) => connection.edges }),
  }),
});

builder.interfaceField(EntityRef, 'relations', (t) =>
  t.field({
    type: RelationConnection,
    description:
      'Relationships of this entity. Batched: one Neo4j round-trip per distinct set of arguments per nesting level, whatever the number of parents.',
    // Priced by what can really come back: no more than `first`, nor than any entity has of these types.
    complexity: (args, ctx) => ({
      field: 1,
      multiplier: ctx.bounds.relations(args.first ?? LIMITS.page.default, args.direction ?? 'BOTH', args.types),
    }),
    args: {
      types: t.arg({ type: [RelationTypeEnum], required: false, description: 'Only these relationship types.' }),
      direction: t.arg({ type: DirectionEnum, required: false, defaultValue: 'BOTH' }),
      kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only edges to entities of these kinds.' }),
      first: t.arg.int(boundedInt('first', LIMITS.page)),
      after: t.arg.string({ required: false, description: 'The `endCursor` of the previous page.' }),
    },
    resolve: (entity, args, ctx, info) => relationConnection(ctx, entity, args, info),
  }),
);
