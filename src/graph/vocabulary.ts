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
  'ROLE',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** What an entity key looks like (`node-js`), for the seed and for curated entities alike. */
export const ENTITY_KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

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
  ROLE: 'Role',
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
    meaning: 'a technology or practice is built on top of another (Express.js on Node.js, REST on HTTP, integrations on APIs)',
    from: [...TOOLS, 'CONCEPT'],
    to: [...TOOLS, 'CONCEPT'],
  },
  RUNS: {
    meaning: 'a runtime executes code written in a language (Node.js runs JavaScript)',
    from: ['LANGUAGE'],
    to: ['LANGUAGE'],
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
    meaning: 'a task, responsibility, need signal or hiring step is about a concern',
    from: [...WORK, 'NEED_SIGNAL', 'HIRING_CONSIDERATION'],
    to: ['CONCEPT'],
  },
  AFFECTS: {
    meaning: 'a quality, layer, factor or hiring choice influences another (performance affects user experience)',
    from: ['CONCEPT', 'HIRING_MODEL'],
    to: ['CONCEPT', 'HIRING_MODEL', 'HIRING_CONSIDERATION'],
  },
  REQUIRES: {
    meaning: 'a task or responsibility needs a skill or trait to be done well',
    from: WORK,
    to: ABILITIES,
  },
  SAME_AS: {
    meaning: 'a task, responsibility, skill or trait names the same work or ability as another, from another angle',
    from: [...WORK, ...ABILITIES],
    to: [...WORK, ...ABILITIES],
  },
  EXPECTS: {
    meaning: 'the role or a seniority level is expected to carry a task, responsibility, skill or trait',
    from: ['ROLE', 'SENIORITY_LEVEL'],
    to: [...WORK, ...ABILITIES],
  },
  USES: {
    meaning: 'the role works with a tool',
    from: ['ROLE'],
    to: TOOLS,
  },
  WORKS_WITH: {
    meaning: 'the role works alongside another layer or team (the frontend)',
    from: ['ROLE'],
    to: ['CONCEPT'],
  },
  LEVEL_OF: {
    meaning: 'a seniority level is a stage of the role',
    from: ['SENIORITY_LEVEL'],
    to: ['ROLE'],
  },
  ENGAGES: {
    meaning: 'a hiring model is a way to engage someone in the role',
    from: ['HIRING_MODEL'],
    to: ['ROLE'],
  },
  MENTORS: {
    meaning: 'a more senior level guides a less experienced one',
    from: ['SENIORITY_LEVEL'],
    to: ['SENIORITY_LEVEL'],
  },
  CALLS_FOR: {
    meaning: 'a need signal is answered by a task, a responsibility or hiring the role',
    from: ['NEED_SIGNAL'],
    to: [...WORK, 'ROLE'],
  },
  PROBES: {
    meaning: 'a hiring consideration examines a trait, skill, piece of work, tool or hiring model',
    from: ['HIRING_CONSIDERATION'],
    to: [...ABILITIES, ...WORK, ...TOOLS, 'HIRING_MODEL'],
  },
  SUITS: {
    meaning: 'a hiring model or seniority level is a good fit for a kind of project or need',
    from: ['HIRING_MODEL', 'SENIORITY_LEVEL'],
    to: ['NEED_SIGNAL', 'CONCEPT'],
  },
  HAS_DRAWBACK: {
    meaning: 'a hiring model or seniority level comes with a cost or limitation named by a concept',
    from: ['HIRING_MODEL', 'SENIORITY_LEVEL'],
    to: ['CONCEPT'],
  },
  PART_OF: {
    meaning: 'a concept is a part or technique of a broader concept (encryption is part of security)',
    from: ['CONCEPT'],
    to: ['CONCEPT'],
  },
  INTEGRATES_WITH: {
    meaning: 'a technology works hand in hand with another (Azure with Windows-based systems)',
    from: TOOLS,
    to: [...TOOLS, 'CONCEPT'],
  },
} as const satisfies Record<string, RelationSpec>;

export type RelationType = keyof typeof RELATION_SPECS;
export const RELATION_TYPES = Object.keys(RELATION_SPECS) as RelationType[];

export const BASES = ['STATED', 'INFERRED'] as const;
export type Basis = (typeof BASES)[number];

/** What a relationship's evidence speaks of: the entity itself, or its category ("frameworks help build secure systems"). */
export const SCOPES = ['ENTITY', 'CATEGORY'] as const;
export type Scope = (typeof SCOPES)[number];

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
