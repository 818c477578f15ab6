import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { type EntityRow, neighborhood as readNeighborhood, type StepRow, shortestPath } from '../graph/repository.js';
import { KIND_LABELS, type RelationType } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';
import { fieldsAt, needsOnlyKeyNameKind } from './selection.js';

/** Chains of relationships between entities, and the subgraph around one entity. */

export interface PathShape {
  length: number;
  steps: StepRow[];
}

export interface SubgraphShape {
  nodes: EntityRow[];
  edges: { from: string; to: string; type: RelationType }[];
}

/** Whether the steps selected at `path` need nothing of their ends beyond key, name and kind. */
export const slimSteps = (info: GraphQLResolveInfo, ...path: string[]) =>
  needsOnlyKeyNameKind([...fieldsAt(info, ...path, 'steps', 'from'), ...fieldsAt(info, ...path, 'steps', 'to')], info.fragments);

/** The shortest chain between two keys; a key to itself is the empty path when the entity exists. */
export async function path(
  ctx: Context,
  args: { from: string; to: string; maxHops?: number | null },
  info: GraphQLResolveInfo,
): Promise<PathShape | null> {
  if (args.from === args.to) {
    return (await ctx.loaders.entity.load(args.from)) ? { length: 0, steps: [] } : null;
  }
  const maxHops = args.maxHops ?? LIMITS.pathHops.default;
  const steps = await shortestPath(ctx.graph, { from: args.from, to: args.to, maxHops, slim: slimSteps(info) }, ctx.stats);
  return steps ? { length: steps.length, steps } : null;
}

export async function neighborhood(
  ctx: Context,
  args: { key: string; depth?: number | null; limit?: number | null },
  info: GraphQLResolveInfo,
): Promise<SubgraphShape> {
  const depth = args.depth ?? LIMITS.neighborhoodDepth.default;
  const limit = args.limit ?? LIMITS.neighborhoodNodes.default;
  const slim = needsOnlyKeyNameKind(fieldsAt(info, 'nodes'), info.fragments);
  return (await readNeighborhood(ctx.graph, { key: args.key, depth, limit, slim }, ctx.stats)) ?? { nodes: [], edges: [] };
}

/** Subgraph edges name their ends by global id, which needs each end's kind (always among `nodes`). */
export function subgraphEdges(subgraph: SubgraphShape) {
  const kinds = new Map(subgraph.nodes.map((node) => [node.key, node.kind]));
  const globalId = (key: string) => {
    const kind = kinds.get(key);
    if (!kind) throw new Error(`subgraph edge end ${key} is not among its nodes`);
    return encodeGlobalID(KIND_LABELS[kind], key);
  };
  return subgraph.edges.map((edge) => ({ type: edge.type, from: globalId(edge.from), to: globalId(edge.to) }));
}
