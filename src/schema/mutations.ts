import { z } from 'zod';
import { ENTITY_KEY_PATTERN } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';
import {
  addSource,
  createEntity,
  DEFAULT_SCOPE,
  DEFAULT_SOURCES,
  deleteEntity,
  linkEntities,
  revertChange,
  unlinkEntities,
  updateEntity,
} from '../resolvers/curation.js';
import { keyArg } from './args.js';
import { builder } from './builder.js';
import { EntityChangePayload, RelationChangePayload, RevertChangePayload, SourceChangePayload } from './changes.js';
import { BasisEnum, EntityKindEnum, RelationTypeEnum, ScopeEnum } from './enums.js';

/**
 * The curation write API. Each field declares who may call it (editor, or admin for deletes and
 * reverts); inputs follow the seed's rules: slug keys, non-empty text within LIMITS, and
 * relationships only between the kinds the vocabulary allows (checked in the write transaction).
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const textList = z.array(text(LIMITS.curatedName)).max(LIMITS.curatedListItems, `at most ${LIMITS.curatedListItems} entries`);
const slug = keyArg.regex(ENTITY_KEY_PATTERN, 'must be a lowercase slug such as node-js');
const sourceKeys = z
  .array(slug)
  .min(1, 'cite at least one source')
  .max(LIMITS.curatedListItems, `at most ${LIMITS.curatedListItems} sources`);
/** Only web links a reader can follow: no `javascript:`, `data:` or `file:` URLs. */
const webUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(LIMITS.curatedUrl, `must be at most ${LIMITS.curatedUrl} characters`);

const CreateEntityInput = builder.inputType('CreateEntityInput', {
  fields: (t) => ({
    key: t.string({ description: 'A new lowercase slug, e.g. `fastify`.', validate: slug }),
    kind: t.field({ type: EntityKindEnum }),
    name: t.string({ validate: text(LIMITS.curatedName) }),
    summary: t.string({ description: 'In your own words.', validate: text(LIMITS.curatedSummary) }),
    aliases: t.stringList({ required: false, validate: textList }),
    sections: t.stringList({ required: false, description: 'Headings of its sources that it draws on.', validate: textList }),
    sources: t.stringList({
      required: false,
      defaultValue: DEFAULT_SOURCES,
      description: 'Keys of the sources it draws on (each must exist); the article unless given.',
      validate: sourceKeys,
    }),
  }),
});

const UpdateEntityInput = builder.inputType('UpdateEntityInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    name: t.string({ required: false, validate: text(LIMITS.curatedName) }),
    summary: t.string({ required: false, validate: text(LIMITS.curatedSummary) }),
    aliases: t.stringList({ required: false, validate: textList }),
    sections: t.stringList({ required: false, validate: textList }),
    sources: t.stringList({ required: false, description: 'Keys of the sources it draws on (each must exist).', validate: sourceKeys }),
  }),
});

const LinkEntitiesInput = builder.inputType('LinkEntitiesInput', {
  fields: (t) => ({
    from: t.string({ validate: keyArg }),
    to: t.string({ validate: keyArg }),
    type: t.field({ type: RelationTypeEnum }),
    basis: t.field({ type: BasisEnum }),
    scope: t.field({ type: ScopeEnum, required: false, defaultValue: DEFAULT_SCOPE }),
    evidence: t.string({
      description: 'One sentence, in your own words, saying why the link holds.',
      validate: text(LIMITS.curatedEvidence),
    }),
    source: t.string({ description: 'The key of the source it rests on (see `sources`); it must exist.', validate: slug }),
    section: t.string({ description: 'Where in the source it rests.', validate: text(LIMITS.curatedName) }),
  }),
});

const AddSourceInput = builder.inputType('AddSourceInput', {
  fields: (t) => ({
    key: t.string({ description: 'A new lowercase slug, e.g. `fastify-docs`; what links cite.', validate: slug }),
    title: t.string({ validate: text(LIMITS.curatedTitle) }),
    author: t.string({ required: false, validate: text(LIMITS.curatedName) }),
    url: t.string({ required: false, description: 'An http or https URL.', validate: webUrl }),
    published: t.string({ required: false, description: 'ISO date, e.g. 2024-09-09.', validate: z.iso.date('must be an ISO date') }),
  }),
});

const UnlinkEntitiesInput = builder.inputType('UnlinkEntitiesInput', {
  fields: (t) => ({
    from: t.string({ validate: keyArg }),
    to: t.string({ validate: keyArg }),
    type: t.field({ type: RelationTypeEnum }),
  }),
});

const expectedVersion = z.number().int().min(1, 'expectedVersion must be at least 1');

builder.mutationType({ description: 'Curated writes: send `Authorization: Bearer <token>` with an editor or admin role.' });

builder.mutationFields((t) => ({
  createEntity: t.field({
    type: EntityChangePayload,
    authScopes: { editor: true },
    args: { input: t.arg({ type: CreateEntityInput }) },
    resolve: (_root, { input }, ctx) => createEntity(ctx, input),
  }),
  updateEntity: t.field({
    type: EntityChangePayload,
    authScopes: { editor: true },
    description: 'Fails with CONFLICT (and `extensions.currentVersion`) when the entity is no longer at `expectedVersion`.',
    args: {
      key: t.arg.string({ validate: keyArg }),
      expectedVersion: t.arg.int({ validate: expectedVersion }),
      input: t.arg({ type: UpdateEntityInput }),
    },
    resolve: (_root, { key, expectedVersion: version, input }, ctx) => updateEntity(ctx, key, version, input),
  }),
  deleteEntity: t.field({
    type: EntityChangePayload,
    authScopes: { admin: true },
    description: 'Deletes the entity and its relationships (admin). `revertChange` puts them back.',
    args: { key: t.arg.string({ validate: keyArg }), expectedVersion: t.arg.int({ validate: expectedVersion }) },
    resolve: (_root, args, ctx) => deleteEntity(ctx, args.key, args.expectedVersion),
  }),
  linkEntities: t.field({
    type: RelationChangePayload,
    authScopes: { editor: true },
    args: { input: t.arg({ type: LinkEntitiesInput }) },
    resolve: (_root, { input }, ctx) => linkEntities(ctx, input),
  }),
  unlinkEntities: t.field({
    type: RelationChangePayload,
    authScopes: { editor: true },
    args: { input: t.arg({ type: UnlinkEntitiesInput }) },
    resolve: (_root, { input }, ctx) => unlinkEntities(ctx, input),
  }),
  addSource: t.field({
    type: SourceChangePayload,
    authScopes: { editor: true },
    description: 'Registers a source that links can then cite.',
    args: { input: t.arg({ type: AddSourceInput }) },
    resolve: (_root, { input }, ctx) => addSource(ctx, input),
  }),
  revertChange: t.field({
    type: RevertChangePayload,
    authScopes: { admin: true },
    description: 'Applies the inverse of a change as a new change (admin).',
    args: { id: t.arg.id({ validate: z.string().max(LIMITS.textLength) }) },
    resolve: (_root, args, ctx) => revertChange(ctx, String(args.id)),
  }),
}));
