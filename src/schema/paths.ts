import type { StepRow } from '../graph/repository.js';
import { LIMITS } from '../limits.js';
import { neighborhood, type PathShape, path, type SubgraphShape, subgraphEdges } from '../resolvers/paths.js';
import { boundedInt, keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { BasisEnum, RelationTypeEnum, ScopeEnum } from './enums.js';

/** Chains of relationships between entities, and the graph around one entity. */

const PathStep = builder.objectRef<StepRow>('PathStep').implement({
  description: 'One relationship on a path, in its stored direction.',
  fields: (t) => ({
    from: t.field({ type: EntityRef, resolve: (step) => step.from }),
    type: t.field({ type: RelationTypeEnum, resolve: (step) => step.type }),
    to: t.field({ type: EntityRef, resolve: (step) => step.to }),
    basis: t.field({ type: BasisEnum, resolve: (step) => step.basis }),
    scope: t.field({ type: ScopeEnum, resolve: (step) => step.scope }),
    evidence: t.exposeString('evidence'),
    section: t.exposeString('section'),
  }),
});

export const PathRef = builder.objectRef<PathShape>('Path').implement({
  fields: (t) => ({
    length: t.exposeInt('length', { description: 'Number of relationships.' }),
    steps: t.field({ type: [PathStep], resolve: (p) => p.steps }),
  }),
});

const GraphEdge = builder.objectRef<ReturnType<typeof subgraphEdges>[number]>('GraphEdge').implement({
  description: 'A relationship between two nodes of a subgraph, by their global ids.',
  fields: (t) => ({
    from: t.exposeID('from'),
    to: t.exposeID('to'),
    type: t.field({ type: RelationTypeEnum, resolve: (edge) => edge.type }),
  }),
});

const Subgraph = builder.objectRef<SubgraphShape>('Subgraph').implement({
  description: 'Nodes and edges around an entity, ready to draw.',
  fields: (t) => ({
    // Both lists are bounded by `neighborhood(limit:)`, which prices them.
    nodes: t.field({ type: [EntityRef], complexity: { field: 1, multiplier: 1 }, resolve: (graph) => graph.nodes }),
    edges: t.field({ type: [GraphEdge], complexity: { field: 1, multiplier: 1 }, resolve: subgraphEdges }),
  }),
});

builder.queryFields((t) => ({
  path: t.field({
    type: PathRef,
    nullable: true,
    description:
      'The shortest chain of relationships between two entities (by key), with evidence on every step; null when none within maxHops.',
    args: {
      from: t.arg.string({ validate: keyArg }),
      to: t.arg.string({ validate: keyArg }),
      maxHops: t.arg.int(boundedInt('maxHops', LIMITS.pathHops)),
    },
    resolve: (_root, args, ctx, info) => path(ctx, args, info),
  }),
  neighborhood: t.field({
    type: Subgraph,
    complexity: (args) => ({ field: 1, multiplier: args.limit ?? LIMITS.neighborhoodNodes.default }),
    description: 'The entities within `depth` hops of an entity and the relationships among them; empty for an unknown key.',
    args: {
      key: t.arg.string({ validate: keyArg }),
      depth: t.arg.int(boundedInt('depth', LIMITS.neighborhoodDepth)),
      limit: t.arg.int(boundedInt('limit', LIMITS.neighborhoodNodes)),
    },
    resolve: (_root, args, ctx, info) => neighborhood(ctx, args, info),
  }),
}));
