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

  it('exposes exactly the closed relationship vocabulary the README documents, and nothing internal', () => {
    const relationType = schema.getType('RelationType') as GraphQLEnumType;
    expect(relationType).toBeInstanceOf(GraphQLEnumType);
    const names = relationType.getValues().map((value) => value.name);
    // Written out by hand: a vocabulary change is a contract change, made here on purpose too.
    const documented = [
      'WRITTEN_IN',
      'BUILT_ON',
      'RUNS',
      'POWERS',
      'INSTANCE_OF',
      'SUPPORTS',
      'USED_FOR',
      'ADDRESSES',
      'AFFECTS',
      'REQUIRES',
      'SAME_AS',
      'EXPECTS',
      'USES',
      'WORKS_WITH',
      'LEVEL_OF',
      'ENGAGES',
      'MENTORS',
      'CALLS_FOR',
      'PROBES',
      'SUITS',
      'HAS_DRAWBACK',
      'PART_OF',
      'INTEGRATES_WITH',
    ];
    expect(names.toSorted()).toEqual(documented.toSorted());
    expect(names.toSorted()).toEqual(RELATION_TYPES.toSorted());
    // Salary ranges hang off HAS_SALARY, which is storage, not a relationship clients traverse.
    expect(names).not.toContain('HAS_SALARY');
  });
});
