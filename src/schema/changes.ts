import { z } from 'zod';
import type { ChangeRow, RelationRow, SourceRow, WriteResult } from '../graph/curation.js';
import { LIMITS } from '../limits.js';
import { subscribeToChanges } from '../resolvers/change-feed.js';
import { type ChangeConnectionShape, changes, history, relationEnd } from '../resolvers/curation.js';
import { citedSources } from '../resolvers/sources.js';
import { boundedInt, keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { BasisEnum, RelationTypeEnum, ScopeEnum } from './enums.js';
import { SourceNode } from './sources.js';

/** The history of curated writes: `Change` records, pages of them, and live `graphChanged` events. */

const ChangeOpEnum = builder.enumType('ChangeOp', {
  values: {
    CREATE_ENTITY: { description: 'An entity was created.' },
    UPDATE_ENTITY: { description: 'An entity’s name, summary, aliases or sections changed.' },
    DELETE_ENTITY: { description: 'An entity was deleted with its relationships.' },
    LINK: { description: 'A relationship was added.' },
    UNLINK: { description: 'A relationship was removed.' },
    ADD_SOURCE: { description: 'A source was added.' },
    REMOVE_SOURCE: { description: 'A source nothing cited was removed (the revert of ADD_SOURCE).' },
  },
});

export const ChangeRef = builder.objectRef<ChangeRow>('Change').implement({
  description: 'One curated write, recorded in the same transaction as the write itself.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Pass it to `revertChange` to undo this change.' }),
    at: t.exposeString('at', { description: 'ISO time (UTC).' }),
    actor: t.exposeString('actor', { description: 'The `sub` of the token that made it.' }),
    op: t.field({ type: ChangeOpEnum, resolve: (change) => change.op as ChangeRow['op'] & 'LINK' }),
    target: t.exposeString('target', { description: 'The entity or source key, or `from TYPE to` for a relationship.' }),
    keys: t.exposeStringList('keys', { description: 'Every entity (or source) key it touched.' }),
    before: t.exposeString('before', { nullable: true, description: 'JSON of the state before; null for a creation.' }),
    after: t.exposeString('after', { nullable: true, description: 'JSON of the state after; null for a deletion.' }),
    revertOf: t.exposeString('revertOf', { nullable: true, description: 'The id of the change this one reverted.' }),
  }),
});

export const RelationRef = builder.objectRef<RelationRow>('Relation').implement({
  description: 'A relationship written or removed by a curated change.',
  fields: (t) => ({
    from: t.field({ type: EntityRef, nullable: true, resolve: (relation, _args, ctx) => relationEnd(ctx, relation.from) }),
    to: t.field({ type: EntityRef, nullable: true, resolve: (relation, _args, ctx) => relationEnd(ctx, relation.to) }),
    type: t.field({ type: RelationTypeEnum, resolve: (relation) => relation.type }),
    basis: t.field({ type: BasisEnum, resolve: (relation) => relation.basis }),
    scope: t.field({ type: ScopeEnum, resolve: (relation) => relation.scope }),
    evidence: t.exposeString('evidence'),
    section: t.exposeString('section'),
    sources: t.field({
      type: [SourceNode],
      description: 'The sources it cites (batched with every other source lookup).',
      resolve: (relation, _args, ctx) => citedSources(ctx, relation.sources),
    }),
    createdBy: t.exposeString('createdBy', { nullable: true, description: 'Who added it: a token `sub`, or "seed".' }),
  }),
});

export const EntityChangePayload = builder.objectRef<WriteResult>('EntityChangePayload').implement({
  fields: (t) => ({
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity after the change; null once deleted.',
      resolve: (r) => r.entity,
    }),
    change: t.field({ type: ChangeRef, description: 'The change this write recorded.', resolve: (r) => r.change }),
  }),
});

export const RelationChangePayload = builder.objectRef<WriteResult>('RelationChangePayload').implement({
  fields: (t) => ({
    relation: t.field({ type: RelationRef, resolve: (r) => r.relation as RelationRow }),
    change: t.field({ type: ChangeRef, description: 'The change this write recorded.', resolve: (r) => r.change }),
  }),
});

export const SourceChangePayload = builder.objectRef<WriteResult>('SourceChangePayload').implement({
  fields: (t) => ({
    source: t.field({ type: SourceNode, resolve: (r) => r.source as SourceRow }),
    change: t.field({ type: ChangeRef, description: 'The change this write recorded.', resolve: (r) => r.change }),
  }),
});

export const RevertChangePayload = builder.objectRef<WriteResult>('RevertChangePayload').implement({
  fields: (t) => ({
    entity: t.field({ type: EntityRef, nullable: true, resolve: (r) => r.entity }),
    relation: t.field({ type: RelationRef, nullable: true, resolve: (r) => r.relation }),
    source: t.field({ type: SourceNode, nullable: true, description: 'The source added again; null otherwise.', resolve: (r) => r.source }),
    change: t.field({ type: ChangeRef, description: 'The change this write recorded.', resolve: (r) => r.change }),
  }),
});

const ChangeEdge = builder.objectRef<ChangeConnectionShape['edges'][number]>('ChangeEdge').implement({
  fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: ChangeRef, resolve: (edge) => edge.node }) }),
});

const ChangeConnection = builder.objectRef<ChangeConnectionShape>('ChangeConnection').implement({
  fields: (t) => ({
    pageInfo: t.field({ type: builder.pageInfoRef(), resolve: (connection) => connection.pageInfo }),
    edges: t.field({ type: [ChangeEdge], complexity: { field: 1, multiplier: 1 }, resolve: (connection) => connection.edges }),
  }),
});

const pageArgs = (t: Parameters<Parameters<typeof builder.queryField>[1]>[0]) => ({
  first: t.arg.int(boundedInt('first', LIMITS.changes)),
  after: t.arg.string({ required: false, description: 'The `endCursor` of the previous page.' }),
});

const pageComplexity = (args: { first?: number | null }) => ({ field: 1, multiplier: args.first ?? LIMITS.changes.default });

builder.queryField('history', (t) =>
  t.field({
    type: ChangeConnection,
    description: 'The curated changes that touched an entity (as the entity or either end of a relationship), newest first.',
    complexity: pageComplexity,
    args: { key: t.arg.string({ validate: keyArg }), ...pageArgs(t) },
    resolve: (_root, args, ctx) => history(ctx, args.key, args.first, args.after),
  }),
);

builder.queryField('changes', (t) =>
  t.field({
    type: ChangeConnection,
    description: 'Every curated change at or after `since`, oldest first: a feed to follow.',
    complexity: pageComplexity,
    args: {
      since: t.arg.string({
        required: false,
        description: 'ISO time, e.g. 2025-01-31T00:00:00.000Z.',
        validate: z.iso.datetime('must be an ISO time'),
      }),
      ...pageArgs(t),
    },
    resolve: (_root, args, ctx) => changes(ctx, args.since, args.first, args.after),
  }),
);

const GraphChangedEvent = builder.objectRef<ChangeRow>('GraphChangedEvent').implement({
  fields: (t) => ({ change: t.field({ type: ChangeRef, resolve: (change) => change }) }),
});

// Subscriptions are reads: open to whoever may query.
builder.subscriptionType({ authScopes: { reader: true } });

builder.subscriptionField('graphChanged', (t) =>
  t.field({
    type: GraphChangedEvent,
    description:
      'Every curated change committed from now on, over Server-Sent Events (on every instance when they share Redis, else on this one); only those touching `keys` when given.',
    args: { keys: t.arg.stringList({ required: false, validate: z.array(keyArg).max(LIMITS.nodeIds) }) },
    subscribe: (_root, args, ctx) => subscribeToChanges(ctx.feed, args.keys),
    resolve: (change) => change,
  }),
);
