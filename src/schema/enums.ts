import {
  BASES,
  ENTITY_KINDS,
  PAY_PERIODS,
  REGIONS,
  RELATION_SPECS,
  RELATION_TYPES,
  type RelationType,
  SCOPES,
} from '../graph/vocabulary.js';
import { builder } from './builder.js';

/** GraphQL enums generated from the closed vocabulary in src/graph/vocabulary.ts. */

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'What sort of thing an entity is; each kind has its own object type.',
  values: ENTITY_KINDS,
});

export const RelationTypeEnum = builder.enumType('RelationType', {
  description: 'The closed vocabulary of relationships between entities.',
  values: Object.fromEntries(RELATION_TYPES.map((type) => [type, { description: RELATION_SPECS[type].meaning }])) as Record<
    RelationType,
    { description: string }
  >,
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which way a relationship points, seen from the entity asked about.',
  values: { OUT: { description: 'From this entity.' }, IN: { description: 'Towards this entity.' }, BOTH: {} },
});

export const BasisEnum = builder.enumType('Basis', {
  description: 'Why a relationship is in the graph.',
  values: {
    [BASES[0]]: { description: 'The article states it.' },
    [BASES[1]]: { description: 'A curated link a reader of the article would agree with.' },
  },
});

export const ScopeEnum = builder.enumType('Scope', {
  description: 'What the evidence of a relationship speaks of.',
  values: {
    [SCOPES[0]]: { description: 'The entity itself (Django ships security features).' },
    [SCOPES[1]]: { description: 'Its category (frameworks in general help build secure systems).' },
  },
});

export const RegionEnum = builder.enumType('Region', { values: REGIONS });
export const PayPeriodEnum = builder.enumType('PayPeriod', {
  values: { [PAY_PERIODS[0]]: { description: 'Per year.' }, [PAY_PERIODS[1]]: { description: 'Per hour.' } },
});
