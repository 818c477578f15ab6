import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLEnumType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, RELATION_TYPES } from '../../src/graph/vocabulary.js';
import { projectRoot } from '../../src/project-root.js';
import { printedSchema, schema } from '../../src/schema/index.js';
import { TYPE_NAME_BY_KIND } from '../../src/schema/type-names.js';

describe('schema.graphql', () => {
  it('is up to date (run `npm run schema:print` after changing the schema)', () => {
    const committed = readFileSync(join(projectRoot(), 'schema.graphql'), 'utf8');
    expect(committed).toBe(printedSchema());
  });

  it('has one object type per entity kind implementing Entity and Node', () => {
    for (const kind of ENTITY_KINDS) {
      const type = schema.getType(TYPE_NAME_BY_KIND[kind]);
      expect(type, kind).toBeInstanceOf(GraphQLObjectType);
      const interfaces = (type as GraphQLObjectType).getInterfaces().map((i) => i.name);
      expect(interfaces.sort()).toEqual(['Entity', 'Node']);
    }
  });

  it('exposes exactly the closed relationship vocabulary', () => {
    const relationType = schema.getType('RelationType') as GraphQLEnumType;
    expect(relationType).toBeInstanceOf(GraphQLEnumType);
    expect(
      relationType
        .getValues()
        .map((value) => value.name)
        .sort(),
    ).toEqual([...RELATION_TYPES].sort());
  });
});
