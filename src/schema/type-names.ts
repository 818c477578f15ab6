import { ENTITY_KINDS, type EntityKind, KIND_LABELS } from '../graph/vocabulary.js';

/** GraphQL object type per entity kind; the same names as the Neo4j labels. */
export const TYPE_NAME_BY_KIND: Record<EntityKind, string> = KIND_LABELS;

export const KIND_BY_TYPE_NAME = new Map(ENTITY_KINDS.map((kind) => [TYPE_NAME_BY_KIND[kind], kind]));
