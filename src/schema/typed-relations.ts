import { type EntityKind, type RelationType, TOOL_KINDS } from '../graph/vocabulary.js';

/**
 * Named relationship fields per kind, in both directions (Language.frameworks and
 * Framework.language, Skill.requiredBy and Responsibility.requires ...). Each is a filter over
 * the same batched relationship query, so it costs one round-trip per nesting level.
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

const rel = (
  name: string,
  direction: 'OUT' | 'IN',
  types: RelationType[],
  kinds: EntityKind[],
  description: string,
  single = false,
): TypedRelation => ({ name, direction, types, kinds, description, single });

const toolFields: TypedRelation[] = [
  rel('concerns', 'OUT', ['SUPPORTS'], ['CONCEPT'], 'Concerns this tool helps with (security, scalability ...).'),
  rel('usedFor', 'OUT', ['USED_FOR'], WORK, 'Tasks and responsibilities this tool is used for.'),
  rel('instanceOf', 'OUT', ['INSTANCE_OF'], ['CONCEPT'], 'Broader categories this tool belongs to.'),
  rel('powers', 'OUT', ['POWERS'], ['CONCEPT'], 'Kinds of software or workloads this tool runs.'),
  rel('builtOn', 'OUT', ['BUILT_ON'], TOOLS, 'Technologies this one is built on.'),
  rel('foundationFor', 'IN', ['BUILT_ON'], TOOLS, 'Technologies built on this one.'),
  rel('integratesWith', 'OUT', ['INTEGRATES_WITH'], [...TOOLS, 'CONCEPT'], 'What this tool works hand in hand with.'),
  rel('probedBy', 'IN', ['PROBES'], ['HIRING_CONSIDERATION'], 'Hiring considerations that look at this tool.'),
];

const workFields: TypedRelation[] = [
  rel('tools', 'IN', ['USED_FOR'], TOOLS, 'Tools used to carry this out.'),
  rel('skills', 'OUT', ['REQUIRES'], ['SKILL'], 'Skills this needs.'),
  rel('traits', 'OUT', ['REQUIRES'], ['TRAIT'], 'Traits this needs.'),
  rel('appliedSkills', 'IN', ['APPLIES_TO'], ['SKILL', 'TRAIT'], 'Skills and traits put to use here.'),
  rel('concerns', 'OUT', ['ADDRESSES'], ['CONCEPT'], 'Concerns this is about.'),
  rel('expectedOf', 'IN', ['EXPECTS'], ['SENIORITY_LEVEL'], 'Seniority levels expected to carry this.'),
  rel('calledForBy', 'IN', ['CALLS_FOR'], ['NEED_SIGNAL'], 'Signs of need that call for this.'),
];

const abilityFields: TypedRelation[] = [
  rel('appliesTo', 'OUT', ['APPLIES_TO'], WORK, 'Tasks and responsibilities where this is put to use.'),
  rel('requiredBy', 'IN', ['REQUIRES'], WORK, 'Tasks and responsibilities that need this.'),
  rel('concerns', 'OUT', ['SUPPORTS'], ['CONCEPT'], 'Concerns this helps with.'),
  rel('expectedOf', 'IN', ['EXPECTS'], ['SENIORITY_LEVEL'], 'Seniority levels expected to have this.'),
  rel('probedBy', 'IN', ['PROBES'], ['HIRING_CONSIDERATION'], 'Hiring considerations that look for this.'),
];

export const TYPED_RELATIONS: Record<EntityKind, TypedRelation[]> = {
  LANGUAGE: [
    rel('frameworks', 'IN', ['WRITTEN_IN', 'BUILT_ON'], ['FRAMEWORK'], 'Frameworks written in or built on this language.'),
    ...toolFields,
  ],
  FRAMEWORK: [
    rel('language', 'OUT', ['WRITTEN_IN', 'BUILT_ON'], ['LANGUAGE'], 'The language or runtime this framework is for.', true),
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
    rel('callsFor', 'OUT', ['CALLS_FOR'], WORK, 'Tasks and responsibilities that answer this need.'),
    rel('concerns', 'OUT', ['ADDRESSES'], ['CONCEPT'], 'Concerns this need is about.'),
    rel('suitedBy', 'IN', ['SUITS'], ['HIRING_MODEL', 'SENIORITY_LEVEL'], 'Hiring models and levels that fit this need.'),
  ],
  SENIORITY_LEVEL: [
    rel('expects', 'OUT', ['EXPECTS'], [...WORK, 'SKILL', 'TRAIT'], 'What someone at this level is expected to carry.'),
    rel('mentors', 'OUT', ['MENTORS'], ['SENIORITY_LEVEL'], 'Levels this one guides.'),
    rel('mentoredBy', 'IN', ['MENTORS'], ['SENIORITY_LEVEL'], 'Levels that guide this one.'),
    rel('suits', 'OUT', ['SUITS'], ['NEED_SIGNAL', 'CONCEPT'], 'Needs and kinds of project this level fits.'),
  ],
  HIRING_MODEL: [
    rel('suits', 'OUT', ['SUITS'], ['NEED_SIGNAL', 'CONCEPT'], 'Needs and kinds of project this model fits.'),
    rel('concerns', 'OUT', ['SUPPORTS'], ['CONCEPT'], 'Concerns this model helps with.'),
    rel('instanceOf', 'OUT', ['INSTANCE_OF'], ['CONCEPT'], 'Broader categories this model belongs to.'),
    rel('probedBy', 'IN', ['PROBES'], ['HIRING_CONSIDERATION'], 'Hiring considerations that weigh this model.'),
  ],
  HIRING_CONSIDERATION: [
    rel('probes', 'OUT', ['PROBES'], ['SKILL', 'TRAIT', 'HIRING_MODEL', ...TOOLS], 'What this step of hiring examines.'),
    rel('concerns', 'OUT', ['ADDRESSES'], ['CONCEPT'], 'Concerns this step is about.'),
  ],
  CONCEPT: [
    rel('tools', 'IN', ['SUPPORTS', 'INSTANCE_OF', 'POWERS', 'INTEGRATES_WITH'], TOOLS, 'Tools directly linked to this concept.'),
    rel('supportedBy', 'IN', ['SUPPORTS'], ['SKILL', 'TRAIT', 'HIRING_MODEL'], 'Skills, traits and hiring models that help with this.'),
    rel('addressedBy', 'IN', ['ADDRESSES'], [...WORK, 'NEED_SIGNAL', 'HIRING_CONSIDERATION'], 'Work, needs and hiring steps about this.'),
    rel('partOf', 'OUT', ['PART_OF'], ['CONCEPT'], 'Broader concepts this is part of.'),
    rel('parts', 'IN', ['PART_OF'], ['CONCEPT'], 'Narrower concepts that are part of this.'),
    rel('suitedBy', 'IN', ['SUITS'], ['HIRING_MODEL', 'SENIORITY_LEVEL'], 'Hiring models and levels that fit this.'),
  ],
};
