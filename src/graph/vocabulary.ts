/**
 * The closed vocabulary of the knowledge graph: entity kinds and relationship types.
 *
 * Relationship types cannot be Cypher parameters, so every type that reaches a query is
 * checked against this list first. The seed validator, the schema enums and the README all
 * read from here, so there is one place to extend the vocabulary.
 */

export const ENTITY_KINDS = [
  'LANGUAGE',
  'DATABASE',
  'FRAMEWORK',
  'API_STYLE',
  'CLOUD_PLATFORM',
  'VERSION_CONTROL',
  'SERVER_TOOL',
  'TASK',
  'RESPONSIBILITY',
  'TRAIT',
  'SKILL',
  'NEED_SIGNAL',
  'SENIORITY_LEVEL',
  'HIRING_MODEL',
  'HIRING_CONSIDERATION',
  'CONCEPT',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Kinds that count as tools: what `toolsFor` returns. */
export const TOOL_KINDS: readonly EntityKind[] = [
  'LANGUAGE',
  'DATABASE',
  'FRAMEWORK',
  'API_STYLE',
  'CLOUD_PLATFORM',
  'VERSION_CONTROL',
  'SERVER_TOOL',
];

/** Neo4j label per kind, in addition to the shared `Entity` label. */
export const KIND_LABELS: Record<EntityKind, string> = {
  LANGUAGE: 'Language',
  DATABASE: 'Database',
  FRAMEWORK: 'Framework',
  API_STYLE: 'ApiStyle',
  CLOUD_PLATFORM: 'CloudPlatform',
  VERSION_CONTROL: 'VersionControl',
  SERVER_TOOL: 'ServerTool',
  TASK: 'Task',
  RESPONSIBILITY: 'Responsibility',
  TRAIT: 'Trait',
  SKILL: 'Skill',
  NEED_SIGNAL: 'NeedSignal',
  SENIORITY_LEVEL: 'SeniorityLevel',
  HIRING_MODEL: 'HiringModel',
  HIRING_CONSIDERATION: 'HiringConsideration',
  CONCEPT: 'Concept',
};

const TOOLS = TOOL_KINDS;
const WORK: readonly EntityKind[] = ['TASK', 'RESPONSIBILITY'];
const ABILITIES: readonly EntityKind[] = ['SKILL', 'TRAIT'];

export interface RelationSpec {
  /** What `(a)-[:TYPE]->(b)` means, read left to right. */
  meaning: string;
  from: readonly EntityKind[];
  to: readonly EntityKind[];
}

/** The relationship vocabulary. `from`/`to` are enforced by the seed validator. */
export const RELATION_SPECS = {
  WRITTEN_IN: {
    meaning: 'a framework is written for and in a programming language',
    from: ['FRAMEWORK'],
    to: ['LANGUAGE'],
  },
  BUILT_ON: {
    meaning: 'a framework, platform or tool is built on top of another technology',
    from: TOOLS,
    to: TOOLS,
  },
  POWERS: {
    meaning: 'a technology runs a kind of software or workload named by a concept',
    from: TOOLS,
    to: ['CONCEPT'],
  },
  INSTANCE_OF: {
    meaning: 'an entity is an example of a broader concept (MySQL is a relational database)',
    from: [...TOOLS, 'HIRING_MODEL'],
    to: ['CONCEPT'],
  },
  SUPPORTS: {
    meaning: 'a tool, trait or skill helps achieve a concern (Docker supports scalability)',
    from: [...TOOLS, ...ABILITIES, 'HIRING_MODEL'],
    to: ['CONCEPT'],
  },
  USED_FOR: {
    meaning: 'a tool is used to carry out a task or responsibility',
    from: TOOLS,
    to: WORK,
  },
  ADDRESSES: {
    meaning: 'a task, responsibility or need signal is about a concern',
    from: [...WORK, 'NEED_SIGNAL', 'HIRING_CONSIDERATION'],
    to: ['CONCEPT'],
  },
  REQUIRES: {
    meaning: 'a task or responsibility needs a skill or trait to be done well',
    from: WORK,
    to: ABILITIES,
  },
  APPLIES_TO: {
    meaning: 'a skill or trait is put to use in a task or responsibility',
    from: ABILITIES,
    to: WORK,
  },
  EXPECTS: {
    meaning: 'a seniority level is expected to carry a task, responsibility or skill',
    from: ['SENIORITY_LEVEL'],
    to: [...WORK, ...ABILITIES],
  },
  MENTORS: {
    meaning: 'a more senior level guides a less experienced one',
    from: ['SENIORITY_LEVEL'],
    to: ['SENIORITY_LEVEL'],
  },
  CALLS_FOR: {
    meaning: 'a need signal is answered by a task or responsibility',
    from: ['NEED_SIGNAL'],
    to: WORK,
  },
  PROBES: {
    meaning: 'a hiring consideration examines a trait, skill, tool or hiring model',
    from: ['HIRING_CONSIDERATION'],
    to: [...ABILITIES, ...TOOLS, 'HIRING_MODEL'],
  },
  SUITS: {
    meaning: 'a hiring model or seniority level is a good fit for a kind of project or need',
    from: ['HIRING_MODEL', 'SENIORITY_LEVEL'],
    to: ['NEED_SIGNAL', 'CONCEPT'],
  },
  PART_OF: {
    meaning: 'a concept is a part or technique of a broader concept (encryption is part of security)',
    from: ['CONCEPT'],
    to: ['CONCEPT'],
  },
  INTEGRATES_WITH: {
    meaning: 'a technology works hand in hand with another (GraphQL over HTTP, Azure with Windows)',
    from: TOOLS,
    to: [...TOOLS, 'CONCEPT'],
  },
} as const satisfies Record<string, RelationSpec>;

export type RelationType = keyof typeof RELATION_SPECS;
export const RELATION_TYPES = Object.keys(RELATION_SPECS) as RelationType[];

export const BASES = ['STATED', 'INFERRED'] as const;
export type Basis = (typeof BASES)[number];

export const REGIONS = ['US', 'CANADA'] as const;
export type Region = (typeof REGIONS)[number];
export const CURRENCY_BY_REGION: Record<Region, string> = { US: 'USD', CANADA: 'CAD' };
export const CURRENCIES = ['USD', 'CAD'] as const;

export const PAY_PERIODS = ['YEAR', 'HOUR'] as const;
export type PayPeriod = (typeof PAY_PERIODS)[number];

export function isRelationType(value: string): value is RelationType {
  return Object.hasOwn(RELATION_SPECS, value);
}

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}
