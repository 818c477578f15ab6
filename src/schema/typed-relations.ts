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

const ABILITIES: EntityKind[] = ['SKILL', 'TRAIT'];
const TWINS: EntityKind[] = [...WORK, ...ABILITIES];

const toolFields: TypedRelation[] = [
  rel('concerns', 'OUT', ['SUPPORTS'], ['CONCEPT'], 'Concerns this tool helps with (security, scalability ...).'),
  rel('usedFor', 'OUT', ['USED_FOR'], WORK, 'Tasks and responsibilities this tool is used for.'),
  rel('instanceOf', 'OUT', ['INSTANCE_OF'], ['CONCEPT'], 'Broader categories this tool belongs to.'),
  rel('powers', 'OUT', ['POWERS'], ['CONCEPT'], 'Kinds of software or workloads this tool runs.'),
  rel('builtOn', 'OUT', ['BUILT_ON'], [...TOOLS, 'CONCEPT'], 'Technologies this one is built on (REST on HTTP ...).'),
  rel('foundationFor', 'IN', ['BUILT_ON'], TOOLS, 'Technologies built on this one.'),
  rel('integratesWith', 'OUT', ['INTEGRATES_WITH'], [...TOOLS, 'CONCEPT'], 'What this tool works hand in hand with.'),
  rel('probedBy', 'IN', ['PROBES'], ['HIRING_CONSIDERATION'], 'Hiring considerations that look at this tool.'),
  rel('roles', 'IN', ['USES'], ['ROLE'], 'Roles that work with this tool.'),
];

const workFields: TypedRelation[] = [
  rel('tools', 'IN', ['USED_FOR'], TOOLS, 'Tools used to carry this out.'),
  rel('skills', 'OUT', ['REQUIRES'], ['SKILL'], 'Skills this needs.'),
  rel('traits', 'OUT', ['REQUIRES'], ['TRAIT'], 'Traits this needs.'),
  rel('concerns', 'OUT', ['ADDRESSES'], ['CONCEPT'], 'Concerns this is about.'),
  rel('expectedOf', 'IN', ['EXPECTS'], ['SENIORITY_LEVEL'], 'Seniority levels expected to carry this.'),
  rel('roles', 'IN', ['EXPECTS'], ['ROLE'], 'Roles expected to carry this.'),
  rel('calledForBy', 'IN', ['CALLS_FOR'], ['NEED_SIGNAL'], 'Signs of need that call for this.'),
  rel('probedBy', 'IN', ['PROBES'], ['HIRING_CONSIDERATION'], 'Hiring considerations that look at this work.'),
  rel('sameAs', 'OUT', ['SAME_AS'], TWINS, 'Work or abilities this names from another angle (its twins, listed here).'),
  rel('sameAsOf', 'IN', ['SAME_AS'], TWINS, 'Work or abilities that name this from another angle (its twins, listed there).'),
];

const abilityFields: TypedRelation[] = [
  rel('requiredBy', 'IN', ['REQUIRES'], WORK, 'Tasks and responsibilities that need this.'),
  rel('concerns', 'OUT', ['SUPPORTS'], ['CONCEPT'], 'Concerns this helps with.'),
  rel('expectedOf', 'IN', ['EXPECTS'], ['SENIORITY_LEVEL'], 'Seniority levels expected to have this.'),
  rel('roles', 'IN', ['EXPECTS'], ['ROLE'], 'Roles expected to have this.'),
  rel('probedBy', 'IN', ['PROBES'], ['HIRING_CONSIDERATION'], 'Hiring considerations that look for this.'),
  rel('sameAs', 'OUT', ['SAME_AS'], TWINS, 'Skills, traits or work this names from another angle (its twins, listed here).'),
  rel('sameAsOf', 'IN', ['SAME_AS'], TWINS, 'Skills, traits or work that name this from another angle (its twins, listed there).'),
];

export const TYPED_RELATIONS: Record<EntityKind, TypedRelation[]> = {
  LANGUAGE: [
    rel('frameworks', 'IN', ['WRITTEN_IN', 'BUILT_ON'], ['FRAMEWORK'], 'Frameworks written in or built on this language or runtime.'),
    rel('runs', 'OUT', ['RUNS'], ['LANGUAGE'], 'Languages this runtime executes (Node.js runs JavaScript).'),
    rel('runtimes', 'IN', ['RUNS'], ['LANGUAGE'], 'Runtimes that execute this language.'),
    ...toolFields,
  ],
  FRAMEWORK: [
    rel('language', 'OUT', ['WRITTEN_IN'], ['LANGUAGE'], 'The language this framework is written in and for.', true),
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
    rel('roles', 'OUT', ['CALLS_FOR'], ['ROLE'], 'Roles whose hiring answers this need.'),
    rel('concerns', 'OUT', ['ADDRESSES'], ['CONCEPT'], 'Concerns this need is about.'),
    rel('suitedBy', 'IN', ['SUITS'], ['HIRING_MODEL', 'SENIORITY_LEVEL'], 'Hiring models and levels that fit this need.'),
  ],
  SENIORITY_LEVEL: [
    rel('expects', 'OUT', ['EXPECTS'], [...WORK, 'SKILL', 'TRAIT'], 'What someone at this level is expected to carry (levels are cumulative).'),
    rel('mentors', 'OUT', ['MENTORS'], ['SENIORITY_LEVEL'], 'Levels this one guides.'),
    rel('mentoredBy', 'IN', ['MENTORS'], ['SENIORITY_LEVEL'], 'Levels that guide this one.'),
    rel('suits', 'OUT', ['SUITS'], ['NEED_SIGNAL', 'CONCEPT'], 'Needs and kinds of project this level fits.'),
    rel('drawbacks', 'OUT', ['HAS_DRAWBACK'], ['CONCEPT'], 'Costs and limitations that come with this level.'),
    rel('role', 'OUT', ['LEVEL_OF'], ['ROLE'], 'The role this level is a stage of.', true),
  ],
  HIRING_MODEL: [
    rel('suits', 'OUT', ['SUITS'], ['NEED_SIGNAL', 'CONCEPT'], 'Needs and kinds of project this model fits.'),
    rel('concerns', 'OUT', ['SUPPORTS'], ['CONCEPT'], 'Concerns this model helps with.'),
    rel('drawbacks', 'OUT', ['HAS_DRAWBACK'], ['CONCEPT'], 'Costs and limitations that come with this model.'),
    rel('affects', 'OUT', ['AFFECTS'], ['CONCEPT'], 'What choosing this model influences (the cost of hiring ...).'),
    rel('affectedBy', 'IN', ['AFFECTS'], ['CONCEPT'], 'Factors that influence this model, such as what drives its rates.'),
    rel('instanceOf', 'OUT', ['INSTANCE_OF'], ['CONCEPT'], 'Broader categories this model belongs to.'),
    rel('role', 'OUT', ['ENGAGES'], ['ROLE'], 'The role this model engages.', true),
    rel('probedBy', 'IN', ['PROBES'], ['HIRING_CONSIDERATION'], 'Hiring considerations that weigh this model.'),
  ],
  HIRING_CONSIDERATION: [
    rel('probes', 'OUT', ['PROBES'], ['SKILL', 'TRAIT', 'HIRING_MODEL', ...WORK, ...TOOLS], 'What this step of hiring examines.'),
    rel('concerns', 'OUT', ['ADDRESSES'], ['CONCEPT'], 'Concerns this step is about.'),
    rel('affectedBy', 'IN', ['AFFECTS'], ['CONCEPT'], 'Factors that shape this step (the budget ...).'),
  ],
  CONCEPT: [
    rel('tools', 'IN', ['SUPPORTS', 'INSTANCE_OF', 'POWERS', 'INTEGRATES_WITH', 'BUILT_ON'], TOOLS, 'Tools directly linked to this concept.'),
    rel('supportedBy', 'IN', ['SUPPORTS'], ['SKILL', 'TRAIT', 'HIRING_MODEL'], 'Skills, traits and hiring models that help with this.'),
    rel('addressedBy', 'IN', ['ADDRESSES'], [...WORK, 'NEED_SIGNAL', 'HIRING_CONSIDERATION'], 'Work, needs and hiring steps about this.'),
    rel('partOf', 'OUT', ['PART_OF'], ['CONCEPT'], 'Broader concepts this is part of.'),
    rel('parts', 'IN', ['PART_OF'], ['CONCEPT'], 'Narrower concepts that are part of this.'),
    rel('builtOn', 'OUT', ['BUILT_ON'], ['CONCEPT', ...TOOLS], 'What this is built on (integrations on APIs ...).'),
    rel('foundationFor', 'IN', ['BUILT_ON'], ['CONCEPT', ...TOOLS], 'What is built on this (REST on HTTP ...).'),
    rel('affects', 'OUT', ['AFFECTS'], ['CONCEPT', 'HIRING_MODEL', 'HIRING_CONSIDERATION'], 'What this influences (user experience, a hiring model\'s rates ...).'),
    rel('affectedBy', 'IN', ['AFFECTS'], ['CONCEPT', 'HIRING_MODEL'], 'What influences this.'),
    rel('suitedBy', 'IN', ['SUITS'], ['HIRING_MODEL', 'SENIORITY_LEVEL'], 'Hiring models and levels that fit this.'),
    rel('drawbackOf', 'IN', ['HAS_DRAWBACK'], ['HIRING_MODEL', 'SENIORITY_LEVEL'], 'Hiring models and levels this cost or limitation comes with.'),
    rel('roles', 'IN', ['WORKS_WITH'], ['ROLE'], 'Roles that work alongside this.'),
  ],
  ROLE: [
    rel('expects', 'OUT', ['EXPECTS'], [...WORK, 'SKILL', 'TRAIT'], 'Responsibilities, tasks, skills and traits the role carries.'),
    rel('responsibilities', 'OUT', ['EXPECTS'], ['RESPONSIBILITY'], 'The core responsibilities of the role.'),
    rel('tasks', 'OUT', ['EXPECTS'], ['TASK'], 'Tasks the role handles.'),
    rel('skills', 'OUT', ['EXPECTS'], ['SKILL'], 'Skills the role needs.'),
    rel('traits', 'OUT', ['EXPECTS'], ['TRAIT'], 'Traits that make someone good in the role.'),
    rel('tools', 'OUT', ['USES'], TOOLS, 'Tools the role works with.'),
    rel('worksWith', 'OUT', ['WORKS_WITH'], ['CONCEPT'], 'Layers and teams the role works alongside.'),
    rel('levels', 'IN', ['LEVEL_OF'], ['SENIORITY_LEVEL'], 'Seniority levels of the role.'),
    rel('hiringModels', 'IN', ['ENGAGES'], ['HIRING_MODEL'], 'Ways to hire someone in the role.'),
    rel('calledForBy', 'IN', ['CALLS_FOR'], ['NEED_SIGNAL'], 'Signs that a project needs someone in the role.'),
  ],
};
