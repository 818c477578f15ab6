import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { EntityRow, RelationPage } from '../graph/repository.js';
import { ENTITY_KINDS, type EntityKind } from '../graph/vocabulary.js';
import { keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { RegionEnum } from './enums.js';
import { SalaryRangeRef } from './salaries.js';
import { TYPE_NAME_BY_KIND } from './type-names.js';
import { TYPED_RELATIONS, type TypedRelation } from './typed-relations.js';

/** One Relay node type per entity kind, each with its named relationship fields. */

const entityObjectRef = (kind: EntityKind) => builder.objectRef<EntityRow>(TYPE_NAME_BY_KIND[kind]);
type EntityObjectRef = ReturnType<typeof entityObjectRef>;

export const ENTITY_TYPES = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, entityObjectRef(kind)])) as Record<
  EntityKind,
  EntityObjectRef
>;

/** Typed fields return at most this many entities; `relations` pages beyond it. */
const TYPED_FIELD_LIMIT = 100;

const typedRequest = (spec: TypedRelation) => ({
  types: spec.types,
  direction: spec.direction,
  kinds: spec.kinds,
  limit: TYPED_FIELD_LIMIT,
  after: null,
  withTotal: false,
});

/**
 * The entities at the other end, by name. An entity linked by two of the field's types
 * (Express.js is both BUILT_ON and WRITTEN_IN Node.js) is still one entry.
 */
function uniqueNodes(page: RelationPage): EntityRow[] {
  const unique = new Map(page.edges.map((edge) => [edge.node.key, edge.node]));
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Typed fields and `expectedBeyond` share the per-request relations loader, so they share batches. */
async function loadTyped(ctx: Context, keys: readonly string[], spec: TypedRelation): Promise<EntityRow[][]> {
  const pages = await ctx.loaders.relations(typedRequest(spec)).loadMany(keys);
  return pages.map((page) => {
    if (page instanceof Error) throw page;
    return uniqueNodes(page);
  });
}

for (const kind of ENTITY_KINDS) {
  const ref = ENTITY_TYPES[kind];
  builder.node(ref, {
    interfaces: [EntityRef],
    id: { resolve: (entity) => entity.key },
    isTypeOf: (value) => (value as EntityRow).kind === kind,
    // A global id names a type; an entity of another kind under that type does not exist.
    loadMany: async (keys, ctx) => {
      const rows = await ctx.loaders.entity.loadMany(keys);
      return rows.map((row) => {
        if (row instanceof Error) throw row;
        return row?.kind === kind ? row : null;
      });
    },
    fields: (t) =>
      Object.fromEntries(
        TYPED_RELATIONS[kind].map((spec) => {
          const target = spec.kinds.length === 1 ? ENTITY_TYPES[spec.kinds[0] as EntityKind] : EntityRef;
          const field = spec.single
            ? t.loadable({
                type: target,
                nullable: true,
                description: spec.description,
                load: async (keys: string[], ctx) => (await loadTyped(ctx, keys, spec)).map((list) => list[0] ?? null),
                resolve: (entity) => entity.key,
              })
            : t.loadableList({
                type: target,
                description: spec.description,
                load: (keys: string[], ctx) => loadTyped(ctx, keys, spec),
                resolve: (entity) => entity.key,
              });
          return [spec.name, field];
        }),
      ),
  });
}

const salariesField = (ref: EntityObjectRef) =>
  builder.objectField(ref, 'salaries', (t) =>
    t.field({
      type: [SalaryRangeRef],
      description: 'Pay ranges reported for this entity, optionally for one region.',
      args: { region: t.arg({ type: RegionEnum, required: false }) },
      resolve: async (entity, args, ctx) =>
        (await ctx.loaders.salaries.load(entity.key)).filter((range) => !args.region || range.region === args.region),
    }),
  );
salariesField(ENTITY_TYPES.SENIORITY_LEVEL);
salariesField(ENTITY_TYPES.HIRING_MODEL);

builder.objectFields(ENTITY_TYPES.SENIORITY_LEVEL, (t) => ({
  yearsMin: t.int({ description: 'Years of experience at the start of this level.', resolve: (level) => level.yearsMin ?? 0 }),
  yearsMax: t.int({
    nullable: true,
    description: 'Years of experience at its end; null when open-ended.',
    resolve: (level) => level.yearsMax,
  }),
  expectedBeyond: t.field({
    type: [EntityRef],
    description:
      'What this level is expected to carry that `level` (a seniority level key) is not: "what a senior needs that a junior does not".',
    args: { level: t.arg.string({ validate: keyArg }) },
    resolve: async (self, args, ctx) => {
      const other = await ctx.loaders.entity.load(args.level);
      if (other?.kind !== 'SENIORITY_LEVEL') throw badInput(`"${args.level.slice(0, 60)}" is not a seniority level key.`);
      const spec = TYPED_RELATIONS.SENIORITY_LEVEL.find((candidate) => candidate.name === 'expects') as TypedRelation;
      // Through the shared loader, so every level on the page is answered in one round-trip.
      const loader = ctx.loaders.relations(typedRequest(spec));
      const [mine, theirs] = await Promise.all([loader.load(self.key), loader.load(args.level)]);
      const theirKeys = new Set(uniqueNodes(theirs).map((entity) => entity.key));
      return uniqueNodes(mine).filter((entity) => !theirKeys.has(entity.key));
    },
  }),
}));
