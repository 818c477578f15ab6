import type { EntityRow } from '../graph/repository.js';
import { entitySources, type SourceCitation } from '../resolvers/sources.js';
import { builder } from './builder.js';
import { EntityKindEnum } from './enums.js';
import { SourceNode } from './sources.js';
import { TYPE_NAME_BY_KIND } from './type-names.js';

/** The `Entity` interface every kind implements, and where an entity's facts come from. */

const SourceRef = builder.objectRef<SourceCitation>('SourceRef').implement({
  description: 'A source an entity draws on, with the section of it (empty when the entity cites the source as a whole).',
  fields: (t) => ({
    source: t.field({ type: SourceNode, resolve: (citation) => citation.source }),
    section: t.exposeString('section', { description: 'The heading in the source.' }),
    articleTitle: t.string({
      nullable: true,
      deprecationReason: 'Use `source { title }`.',
      resolve: (citation) => citation.source.title,
    }),
    author: t.string({ nullable: true, deprecationReason: 'Use `source { author }`.', resolve: (citation) => citation.source.author }),
    published: t.string({
      nullable: true,
      deprecationReason: 'Use `source { published }`.',
      resolve: (citation) => citation.source.published,
    }),
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
    sources: t.field({
      type: [SourceRef],
      description: 'The sources it draws on, each with a section it rests on.',
      resolve: (entity, _args, ctx) => entitySources(ctx, entity),
    }),
    version: t.exposeInt('version', { description: 'Bumped by every curated write; pass it back as `expectedVersion`.' }),
    updatedAt: t.exposeString('updatedAt', {
      nullable: true,
      description: 'ISO time of the last curated write; null for untouched seed data.',
    }),
    updatedBy: t.exposeString('updatedBy', { description: 'Who wrote it last: a token `sub`, or "seed".' }),
  }),
});
