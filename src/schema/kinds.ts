import type { EntityRow } from '../graph/repository.js';
import { ENTITY_KINDS, type EntityKind } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';
import { entitiesOfKind } from '../resolvers/entities.js';
import { expectedBeyond } from '../resolvers/levels.js';
import { typedEntities, typedEntity, typedFieldExtension } from '../resolvers/relations.js';
import { entitySalaries } from '../resolvers/salaries.js';
import { keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { RegionEnum } from './enums.js';
import { SalaryRangeRef } from './salaries.js';
import { TYPE_NAME_BY_KIND } from './type-names.js';
import { LEVEL_EXPECTS, TYPED_RELATIONS } from './typed-relations.js';

/** One Relay node type per entity kind, each with its named relationship fields. */

const entityObjectRef = (kind: EntityKind) => builder.objectRef<EntityRow>(TYPE_NAME_BY_KIND[kind]);
type EntityObjectRef = ReturnType<typeof entityObjectRef>;

export const ENTITY_TYPES = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, entityObjectRef(kind)])) as Record<
  EntityKind,
  EntityObjectRef
>;

for (const kind of ENTITY_KINDS) {
  builder.node(ENTITY_TYPES[kind], {
    interfaces: [EntityRef],
    id: { resolve: (entity) => entity.key },
    isTypeOf: (value) => (value as EntityRow).kind === kind,
    loadMany: (keys, ctx) => entitiesOfKind(ctx, keys, kind),
    fields: (t) =>
      Object.fromEntries(
        TYPED_RELATIONS[kind].map((spec) => {
          const target = spec.kinds.length === 1 ? ENTITY_TYPES[spec.kinds[0] as EntityKind] : EntityRef;
          // Lets an entity page load this field with itself (resolvers/entities.ts).
          const extensions = typedFieldExtension(kind, spec);
          const field = spec.single
            ? t.loadable({
                type: target,
                nullable: true,
                description: spec.description,
                extensions,
                load: (keys: string[], ctx) => typedEntity(ctx, keys, spec),
                resolve: (entity) => entity.key,
              })
            : t.loadableList({
                type: target,
                description: spec.description,
                extensions,
                // At most the typed-field cap, and no more than any entity has of these types.
                complexity: (_args, ctx) => ({
                  field: 1,
                  multiplier: ctx.bounds.relations(LIMITS.typedFieldEntries, spec.direction, spec.types),
                }),
                load: (keys: string[], ctx) => typedEntities(ctx, keys, spec),
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
      resolve: (entity, args, ctx) => entitySalaries(ctx, entity, args.region),
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
    resolve: (self, args, ctx) => expectedBeyond(ctx, self, args.level, LEVEL_EXPECTS),
  }),
}));
