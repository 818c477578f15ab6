import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { MAX_DEPTH, MAX_HOPS } from '../graph/queries/paths.js';
import { neighborhood, type StepRow, shortestPath } from '../graph/repository.js';
import { keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { BasisEnum, RelationTypeEnum } from './enums.js';
import { TYPE_NAME_BY_KIND } from './type-names.js';

/** Chains of relationships between entities, and the graph around one entity. */

export interface PathShape {
  length: number;
  steps: StepRow[];
}

const PathStep = builder.objectRef<StepRow>('PathStep').implement({
  description: 'One relationship on a path, in its stored direction.',
  fields: (t) => ({
    from: t.field({ type: EntityRef, resolve: (step) => step.from }),
    type: t.field({ type: RelationTypeEnum, resolve: (step) => step.type }),
    to: t.field({ type: EntityRef, resolve: (step) => step.to }),
    basis: t.field({ type: BasisEnum, resolve: (step) => step.basis as 'STATED' | 'INFERRED' }),
    evidence: t.exposeString('evidence'),
    section: t.exposeString('section'),
  }),
});

export const PathRef = builder.objectRef<PathShape>('Path').implement({
  fields: (t) => ({
    length: t.exposeInt('length', { description: 'Number of relationships.' }),
    steps: t.field({ type: [PathStep], resolve: (path) => path.steps }),
  }),
});

type SubgraphShape = NonNullable<Awaited<ReturnType<typeof neighborhood>>>;
type EdgeShape = SubgraphShape['edges'][number] & { kinds: Map<string, string> };

const GraphEdge = builder.objectRef<EdgeShape>('GraphEdge').implement({
  description: 'A relationship between two nodes of a subgraph, by their global ids.',
  fields: (t) => ({
    from: t.id({ resolve: (edge) => globalId(edge.kinds, edge.from) }),
    to: t.id({ resolve: (edge) => globalId(edge.kinds, edge.to) }),
    type: t.field({ type: RelationTypeEnum, resolve: (edge) => edge.type }),
  }),
});

function globalId(kinds: Map<string, string>, key: string): string {
  return encodeGlobalID(TYPE_NAME_BY_KIND[kinds.get(key) as keyof typeof TYPE_NAME_BY_KIND], key);
}

const Subgraph = builder.objectRef<SubgraphShape>('Subgraph').implement({
  description: 'Nodes and edges around an entity, ready to draw.',
  fields: (t) => ({
    // Both lists are bounded by `neighborhood(limit:)`, which prices them.
    nodes: t.field({ type: [EntityRef], complexity: { field: 1, multiplier: 1 }, resolve: (graph) => graph.nodes }),
    edges: t.field({
      type: [GraphEdge],
      complexity: { field: 1, multiplier: 1 },
      resolve: (graph) => {
        const kinds = new Map(graph.nodes.map((node) => [node.key, node.kind]));
        return graph.edges.map((edge) => ({ ...edge, kinds }));
      },
    }),
  }),
});

const intIn = (name: string, min: number, max: number) =>
  z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`);

builder.queryFields((t) => ({
  path: t.field({
    type: PathRef,
    nullable: true,
    description:
      'The shortest chain of relationships between two entities (by key), with evidence on every step; null when none within maxHops.',
    args: {
      from: t.arg.string({ validate: keyArg }),
      to: t.arg.string({ validate: keyArg }),
      maxHops: t.arg.int({ required: false, defaultValue: 4, validate: intIn('maxHops', 1, MAX_HOPS) }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.from === args.to) {
        return (await ctx.loaders.entity.load(args.from)) ? { length: 0, steps: [] } : null;
      }
      const steps = await shortestPath(ctx.graph, args.from, args.to, args.maxHops ?? 4, ctx.stats);
      return steps ? { length: steps.length, steps } : null;
    },
  }),
  neighborhood: t.field({
    type: Subgraph,
    complexity: (args) => ({ field: 1, multiplier: args.limit ?? 100 }),
    description: 'The entities within `depth` hops of an entity and the relationships among them; empty for an unknown key.',
    args: {
      key: t.arg.string({ validate: keyArg }),
      depth: t.arg.int({ required: false, defaultValue: 1, validate: intIn('depth', 1, MAX_DEPTH) }),
      limit: t.arg.int({ required: false, defaultValue: 100, validate: intIn('limit', 1, 500) }),
    },
    resolve: async (_root, args, ctx) =>
      (await neighborhood(ctx.graph, args.key, args.depth ?? 1, args.limit ?? 100, ctx.stats)) ?? { nodes: [], edges: [] },
  }),
}));
