import { type EntityKind, type RelationType, TOOL_KINDS } from '../graph/vocabulary.js';

/**
 * Named relationship fields per kind, in both directions (Language.frameworks and
 * Framework.language, Skill.requiredBy and Responsibility.requires ...). Each is a filter over
 * the same batched relationship query: at most one round-trip per field per nesting level,
 * whatever the number of parents, and none when an entity page or `entity(key:)` loads it with
 * its entities (resolvers/entities.ts).
 */
export interface TypedRelation {
  name: string;
  description: string;
  types: RelationType[];
  direction: 'OUT' | 'IN';
  /** Kinds at the other end; when it is exactly one kind, the field returns that object type. */
  kinds: EntityKind[];
  /** One entity (nullable) rather than a list. */
  single?: boolean;
}

const WORK: EntityKind[] = ['TASK', 'RESPONSIBILITY'];
const TOOLS = [...TOOL_KINDS];

const ABILITIES: EntityKind[] = ['SKILL', 'TRAIT'];
const TWINS: EntityKind[] = [...WORK, ...ABILITIES];

/** `SeniorityLevel.expects`; `expectedBeyond` compares two levels through the same field. */
export const LEVEL_EXPECTS: TypedRelation = {
  name: 'expects',
  direction: 'OUT',
  types: ['EXPECTS'],
  kinds: [...WORK, ...ABILITIES],
  description: 'What someone at this level is expected to carry (levels are cumulative).',
};

const toolFields: TypedRelation[] = [
  {
    name: 'concerns',
    direction: 'OUT',
    types: ['SUPPORTS'],
    kinds: ['CONCEPT'],
    description: 'Concerns this tool helps with (security, scalability ...).',
  },
  { name: 'usedFor', direction: 'OUT', types: ['USED_FOR'], kinds: WORK, description: 'Tasks and responsibilities this tool is used for.' },
  {
    name: 'instanceOf',
    direction: 'OUT',
    types: ['INSTANCE_OF'],
    kinds: ['CONCEPT'],
    description: 'Broader categories this tool belongs to.',
  },
  {
    name: 'powers',
    direction: 'OUT',
    types: ['POWERS'],
    kinds: ['CONCEPT'],
    description: 'Kinds of software or workloads this tool runs.',
  },
  {
    name: 'builtOn',
    direction: 'OUT',
    types: ['BUILT_ON'],
    kinds: [...TOOLS, 'CONCEPT'],
    description: 'Technologies this one is built on (REST on HTTP ...).',
  },
  { name: 'foundationFor', direction: 'IN', types: ['BUILT_ON'], kinds: TOOLS, description: 'Technologies built on this one.' },
  {
    name: 'integratesWith',
    direction: 'OUT',
    types: ['INTEGRATES_WITH'],
    kinds: [...TOOLS, 'CONCEPT'],
    description: 'What this tool works hand in hand with.',
  },
  {
    name: 'probedBy',
    direction: 'IN',
    types: ['PROBES'],
    kinds: ['HIRING_CONSIDERATION'],
    description: 'Hiring considerations that look at this tool.',
  },
  { name: 'roles', direction: 'IN', types: ['USES'], kinds: ['ROLE'], description: 'Roles that work with this tool.' },
];

const workFields: TypedRelation[] = [
  { name: 'tools', direction: 'IN', types: ['USED_FOR'], kinds: TOOLS, description: 'Tools used to carry this out.' },
  { name: 'skills', direction: 'OUT', types: ['REQUIRES'], kinds: ['SKILL'], description: 'Skills this needs.' },
  { name: 'traits', direction: 'OUT', types: ['REQUIRES'], kinds: ['TRAIT'], description: 'Traits this needs.' },
  { name: 'concerns', direction: 'OUT', types: ['ADDRESSES'], kinds: ['CONCEPT'], description: 'Concerns this is about.' },
  {
    name: 'expectedOf',
    direction: 'IN',
    types: ['EXPECTS'],
    kinds: ['SENIORITY_LEVEL'],
    description: 'Seniority levels expected to carry this.',
  },
  { name: 'roles', direction: 'IN', types: ['EXPECTS'], kinds: ['ROLE'], description: 'Roles expected to carry this.' },
  { name: 'calledForBy', direction: 'IN', types: ['CALLS_FOR'], kinds: ['NEED_SIGNAL'], description: 'Signs of need that call for this.' },
  {
    name: 'probedBy',
    direction: 'IN',
    types: ['PROBES'],
    kinds: ['HIRING_CONSIDERATION'],
    description: 'Hiring considerations that look at this work.',
  },
  {
    name: 'sameAs',
    direction: 'OUT',
    types: ['SAME_AS'],
    kinds: TWINS,
    description: 'Work or abilities this names from another angle (its twins, listed here).',
  },
  {
    name: 'sameAsOf',
    direction: 'IN',
    types: ['SAME_AS'],
    kinds: TWINS,
    description: 'Work or abilities that name this from another angle (its twins, listed there).',
  },
];

const abilityFields: TypedRelation[] = [
  { name: 'requiredBy', direction: 'IN', types: ['REQUIRES'], kinds: WORK, description: 'Tasks and responsibilities that need this.' },
  { name: 'concerns', direction: 'OUT', types: ['SUPPORTS'], kinds: ['CONCEPT'], description: 'Concerns this helps with.' },
  {
    name: 'expectedOf',
    direction: 'IN',
    types: ['EXPECTS'],
    kinds: ['SENIORITY_LEVEL'],
    description: 'Seniority levels expected to have this.',
  },
  { name: 'roles', direction: 'IN', types: ['EXPECTS'], kinds: ['ROLE'], description: 'Roles expected to have this.' },
  {
    name: 'probedBy',
    direction: 'IN',
    types: ['PROBES'],
    kinds: ['HIRING_CONSIDERATION'],
    description: 'Hiring considerations that look for this.',
  },
  {
    name: 'sameAs',
    direction: 'OUT',
    types: ['SAME_AS'],
    kinds: TWINS,
    description: 'Skills, traits or work this names from another angle (its twins, listed here).',
  },
  {
    name: 'sameAsOf',
    direction: 'IN',
    types: ['SAME_AS'],
    kinds: TWINS,
    description: 'Skills, traits or work that name this from another angle (its twins, listed there).',
  },
];

export const TYPED_RELATIONS: Record<EntityKind, TypedRelation[]> = {
  LANGUAGE: [
    {
      name: 'frameworks',
      direction: 'IN',
      types: ['WRITTEN_IN', 'BUILT_ON'],
      kinds: ['FRAMEWORK'],
      description: 'Frameworks written in or built on this language or runtime.',
    },
    {
      name: 'runs',
      direction: 'OUT',
      types: ['RUNS'],
      kinds: ['LANGUAGE'],
      description: 'Languages this runtime executes (Node.js runs JavaScript).',
    },
    { name: 'runtimes', direction: 'IN', types: ['RUNS'], kinds: ['LANGUAGE'], description: 'Runtimes that execute this language.' },
    ...toolFields,
  ],
  FRAMEWORK: [
    {
      name: 'language',
      direction: 'OUT',
      types: ['WRITTEN_IN'],
      kinds: ['LANGUAGE'],
      single: true,
      description: 'The language this framework is written in and for.',
    },
    ...toolFields,
  ],
  DATABASE: toolFields,
  API_STYLE: toolFields,
  CLOUD_PLATFORM: toolFields,
  VERSION_CONTROL: toolFields,
  SERVER_TOOL: toolFields,
  TASK: workFields,
  RESPONSIBILITY: workFields,
  SKILL: abilityFields,
  TRAIT: abilityFields,
  NEED_SIGNAL: [
    {
      name: 'callsFor',
      direction: 'OUT',
      types: ['CALLS_FOR'],
      kinds: WORK,
      description: 'Tasks and responsibilities that answer this need.',
    },
    { name: 'roles', direction: 'OUT', types: ['CALLS_FOR'], kinds: ['ROLE'], description: 'Roles whose hiring answers this need.' },
    { name: 'concerns', direction: 'OUT', types: ['ADDRESSES'], kinds: ['CONCEPT'], description: 'Concerns this need is about.' },
    {
      name: 'suitedBy',
      direction: 'IN',
      types: ['SUITS'],
      kinds: ['HIRING_MODEL', 'SENIORITY_LEVEL'],
      description: 'Hiring models and levels that fit this need.',
    },
  ],
  SENIORITY_LEVEL: [
    LEVEL_EXPECTS,
    { name: 'mentors', direction: 'OUT', types: ['MENTORS'], kinds: ['SENIORITY_LEVEL'], description: 'Levels this one guides.' },
    { name: 'mentoredBy', direction: 'IN', types: ['MENTORS'], kinds: ['SENIORITY_LEVEL'], description: 'Levels that guide this one.' },
    {
      name: 'suits',
      direction: 'OUT',
      types: ['SUITS'],
      kinds: ['NEED_SIGNAL', 'CONCEPT'],
      description: 'Needs and kinds of project this level fits.',
    },
    {
      name: 'drawbacks',
      direction: 'OUT',
      types: ['HAS_DRAWBACK'],
      kinds: ['CONCEPT'],
      description: 'Costs and limitations that come with this level.',
    },
    {
      name: 'role',
      direction: 'OUT',
      types: ['LEVEL_OF'],
      kinds: ['ROLE'],
      single: true,
      description: 'The role this level is a stage of.',
    },
  ],
  HIRING_MODEL: [
    {
      name: 'suits',
      direction: 'OUT',
      types: ['SUITS'],
      kinds: ['NEED_SIGNAL', 'CONCEPT'],
      description: 'Needs and kinds of project this model fits.',
    },
    { name: 'concerns', direction: 'OUT', types: ['SUPPORTS'], kinds: ['CONCEPT'], description: 'Concerns this model helps with.' },
    {
      name: 'drawbacks',
      direction: 'OUT',
      types: ['HAS_DRAWBACK'],
      kinds: ['CONCEPT'],
      description: 'Costs and limitations that come with this model.',
    },
    {
      name: 'affects',
      direction: 'OUT',
      types: ['AFFECTS'],
      kinds: ['CONCEPT'],
      description: 'What choosing this model influences (the cost of hiring ...).',
    },
    {
      name: 'affectedBy',
      direction: 'IN',
      types: ['AFFECTS'],
      kinds: ['CONCEPT'],
      description: 'Factors that influence this model, such as what drives its rates.',
    },
    {
      name: 'instanceOf',
      direction: 'OUT',
      types: ['INSTANCE_OF'],
      kinds: ['CONCEPT'],
      description: 'Broader categories this model belongs to.',
    },
    { name: 'role', direction: 'OUT', types: ['ENGAGES'], kinds: ['ROLE'], single: true, description: 'The role this model engages.' },
    {
      name: 'probedBy',
      direction: 'IN',
      types: ['PROBES'],
      kinds: ['HIRING_CONSIDERATION'],
      description: 'Hiring considerations that weigh this model.',
    },
  ],
  HIRING_CONSIDERATION: [
    {
      name: 'probes',
      direction: 'OUT',
      types: ['PROBES'],
      kinds: ['SKILL', 'TRAIT', 'HIRING_MODEL', ...WORK, ...TOOLS],
      description: 'What this step of hiring examines.',
    },
    { name: 'concerns', direction: 'OUT', types: ['ADDRESSES'], kinds: ['CONCEPT'], description: 'Concerns this step is about.' },
    {
      name: 'affectedBy',
      direction: 'IN',
      types: ['AFFECTS'],
      kinds: ['CONCEPT'],
      description: 'Factors that shape this step (the budget ...).',
    },
  ],
  CONCEPT: [
    {
      name: 'tools',
      direction: 'IN',
      types: ['SUPPORTS', 'INSTANCE_OF', 'POWERS', 'INTEGRATES_WITH', 'BUILT_ON'],
      kinds: TOOLS,
      description: 'Tools directly linked to this concept.',
    },
    {
      name: 'supportedBy',
      direction: 'IN',
      types: ['SUPPORTS'],
      kinds: ['SKILL', 'TRAIT', 'HIRING_MODEL'],
      description: 'Skills, traits and hiring models that help with this.',
    },
    {
      name: 'addressedBy',
      direction: 'IN',
      types: ['ADDRESSES'],
      kinds: [...WORK, 'NEED_SIGNAL', 'HIRING_CONSIDERATION'],
      description: 'Work, needs and hiring steps about this.',
    },
    { name: 'partOf', direction: 'OUT', types: ['PART_OF'], kinds: ['CONCEPT'], description: 'Broader concepts this is part of.' },
    { name: 'parts', direction: 'IN', types: ['PART_OF'], kinds: ['CONCEPT'], description: 'Narrower concepts that are part of this.' },
    {
      name: 'builtOn',
      direction: 'OUT',
      types: ['BUILT_ON'],
      kinds: ['CONCEPT', ...TOOLS],
      description: 'What this is built on (integrations on APIs ...).',
    },
    {
      name: 'foundationFor',
      direction: 'IN',
      types: ['BUILT_ON'],
      kinds: ['CONCEPT', ...TOOLS],
      description: 'What is built on this (REST on HTTP ...).',
    },
    {
      name: 'affects',
      direction: 'OUT',
      types: ['AFFECTS'],
      kinds: ['CONCEPT', 'HIRING_MODEL', 'HIRING_CONSIDERATION'],
      description: "What this influences (user experience, a hiring model's rates ...).",
    },
    { name: 'affectedBy', direction: 'IN', types: ['AFFECTS'], kinds: ['CONCEPT', 'HIRING_MODEL'], description: 'What influences this.' },
    {
      name: 'suitedBy',
      direction: 'IN',
      types: ['SUITS'],
      kinds: ['HIRING_MODEL', 'SENIORITY_LEVEL'],
      description: 'Hiring models and levels that fit this.',
    },
    {
      name: 'drawbackOf',
      direction: 'IN',
      types: ['HAS_DRAWBACK'],
      kinds: ['HIRING_MODEL', 'SENIORITY_LEVEL'],
      description: 'Hiring models and levels this cost or limitation comes with.',
    },
    { name: 'roles', direction: 'IN', types: ['WORKS_WITH'], kinds: ['ROLE'], description: 'Roles that work alongside this.' },
  ],
  ROLE: [
    {
      name: 'expects',
      direction: 'OUT',
      types: ['EXPECTS'],
      kinds: [...WORK, 'SKILL', 'TRAIT'],
      description: 'Responsibilities, tasks, skills and traits the role carries.',
    },
    {
      name: 'responsibilities',
      direction: 'OUT',
      types: ['EXPECTS'],
      kinds: ['RESPONSIBILITY'],
      description: 'The core responsibilities of the role.',
    },
    { name: 'tasks', direction: 'OUT', types: ['EXPECTS'], kinds: ['TASK'], description: 'Tasks the role handles.' },
    { name: 'skills', direction: 'OUT', types: ['EXPECTS'], kinds: ['SKILL'], description: 'Skills the role needs.' },
    { name: 'traits', direction: 'OUT', types: ['EXPECTS'], kinds: ['TRAIT'], description: 'Traits that make someone good in the role.' },
    { name: 'tools', direction: 'OUT', types: ['USES'], kinds: TOOLS, description: 'Tools the role works with.' },
    {
      name: 'worksWith',
      direction: 'OUT',
      types: ['WORKS_WITH'],
      kinds: ['CONCEPT'],
      description: 'Layers and teams the role works alongside.',
    },
    { name: 'levels', direction: 'IN', types: ['LEVEL_OF'], kinds: ['SENIORITY_LEVEL'], description: 'Seniority levels of the role.' },
    {
      name: 'hiringModels',
      direction: 'IN',
      types: ['ENGAGES'],
      kinds: ['HIRING_MODEL'],
      description: 'Ways to hire someone in the role.',
    },
    {
      name: 'calledForBy',
      direction: 'IN',
      types: ['CALLS_FOR'],
      kinds: ['NEED_SIGNAL'],
      description: 'Signs that a project needs someone in the role.',
    },
  ],
};
