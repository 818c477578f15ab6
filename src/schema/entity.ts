import type { EntityRow } from '../graph/repository.js';
import { entitySources } from '../resolvers/entities.js';
import { builder } from './builder.js';
import { EntityKindEnum } from './enums.js';
import { TYPE_NAME_BY_KIND } from './type-names.js';

/** The `Entity` interface every kind implements, and where an entity's facts come from. */

interface SourceRefShape {
  section: string;
  article: { title: string; author: string; published: string } | null;
}

const SourceRef = builder.objectRef<SourceRefShape>('SourceRef').implement({
  description: 'A section of the source article that an entity or relationship draws on.',
  fields: (t) => ({
    section: t.exposeString('section', { description: 'The article heading.' }),
    articleTitle: t.string({ nullable: true, resolve: (source) => source.article?.title ?? null }),
    author: t.string({ nullable: true, resolve: (source) => source.article?.author ?? null }),
    published: t.string({ nullable: true, description: 'ISO date.', resolve: (source) => source.article?.published ?? null }),
  }),
});

export const EntityRef = builder.interfaceRef<EntityRow>('Entity').implement({
  description: 'Anything in the knowledge graph: a tool, a task, a trait, a concept, a seniority level ...',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => TYPE_NAME_BY_KIND[entity.kind],
  fields: (t) => ({
    id: t.globalID({
      resolve: (entity) => ({ type: TYPE_NAME_BY_KIND[entity.kind], id: entity.key }),
    }),
    key: t.exposeString('key', { description: 'Stable lowercase slug, e.g. `node-js`.' }),
    name: t.exposeString('name'),
    kind: t.field({ type: EntityKindEnum, resolve: (entity) => entity.kind }),
    summary: t.exposeString('summary', { description: 'In this project’s own words.' }),
    aliases: t.exposeStringList('aliases', { description: 'Other names people search by.' }),
    sources: t.field({ type: [SourceRef], resolve: (entity, _args, ctx) => entitySources(ctx, entity) }),
    version: t.exposeInt('version', { description: 'Bumped by every curated write; pass it back as `expectedVersion`.' }),
    updatedAt: t.exposeString('updatedAt', {
      nullable: true,
      description: 'ISO time of the last curated write; null for untouched seed data.',
    }),
    updatedBy: t.exposeString('updatedBy', { description: 'Who wrote it last: a token `sub`, or "seed".' }),
  }),
});
