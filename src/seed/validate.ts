import { z } from 'zod';
import type { Seed, SeedEntity, SeedFile, SeedProblem, SeedRelation, SeedSalary, SeedSource } from '../graph/seed-model.js';
import {
  BASES,
  CURRENCIES,
  CURRENCY_BY_REGION,
  ENTITY_KEY_PATTERN,
  ENTITY_KINDS,
  type EntityKind,
  isEntityKind,
  isRelationType,
  PAY_PERIODS,
  REGIONS,
  RELATION_SPECS,
  SCOPES,
} from '../graph/vocabulary.js';

/**
 * Checks every seed file before anything is written and reports all problems at once,
 * each naming the file, the entry and what is wrong.
 */

const KEY = ENTITY_KEY_PATTERN;
const text = z.string().trim().min(1, 'must not be empty');

const relationShape = z.strictObject({
  type: z.string(),
  to: z.string(),
  basis: z.enum(BASES),
  /** CATEGORY when the article says it of the entity's category, not of the entity itself. */
  scope: z.enum(SCOPES).default('ENTITY'),
  evidence: text,
  section: text,
});

const entityShape = z.strictObject({
  key: z.string().regex(KEY, 'must be a lowercase slug such as node-js'),
  name: text,
  aliases: z.array(text).default([]),
  summary: text,
  sections: z.array(text).min(1, 'needs at least one source section'),
  yearsMin: z.number().int().min(0).optional(),
  yearsMax: z.number().int().min(0).nullable().optional(),
  relations: z.array(z.unknown()).default([]),
});

const entityFileShape = z.strictObject({ kind: z.string(), entities: z.array(z.unknown()) });
const sourceShape = z.strictObject({ title: text, author: text, published: z.union([text, z.date()]) });
const salaryShape = z.strictObject({
  appliesTo: z.string(),
  region: z.enum(REGIONS),
  currency: z.string(),
  period: z.enum(PAY_PERIODS),
  min: z.number().int().positive(),
  max: z.number().int().positive(),
  typical: z.number().int().positive().nullable().default(null),
  section: text,
});
const salaryFileShape = z.strictObject({ salaries: z.array(z.unknown()) });

export const SOURCE_FILE = 'source.yaml';
export const SALARY_FILE = 'salaries.yaml';

class Problems {
  readonly list: SeedProblem[] = [];
  add(file: string, entry: string, problem: string): void {
    this.list.push({ file, entry, problem });
  }
  addZod(file: string, entry: string, error: z.ZodError): void {
    for (const issue of error.issues) {
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      this.add(file, entry, `${where}${issue.message}`);
    }
  }
}

export function validateSeed(files: SeedFile[]): { seed: Seed; problems: SeedProblem[] } {
  const problems = new Problems();
  const source = readSource(files, problems);
  const { entities, pendingRelations } = readEntities(files, problems);
  const byKey = new Map(entities.map((entity) => [entity.key, entity]));
  const relations = checkRelations(pendingRelations, byKey, problems);
  const salaries = readSalaries(files, byKey, problems);
  return { seed: { source, entities, relations, salaries }, problems: problems.list };
}

function readSource(files: SeedFile[], problems: Problems): SeedSource {
  const file = files.find((candidate) => candidate.name === SOURCE_FILE);
  const fallback = { title: '', author: '', published: '' };
  if (!file) {
    problems.add(SOURCE_FILE, '(file)', 'missing: the article title, author and date must be recorded once');
    return fallback;
  }
  const parsed = sourceShape.safeParse(file.content);
  if (!parsed.success) {
    problems.addZod(file.name, '(source)', parsed.error);
    return fallback;
  }
  const { published } = parsed.data;
  return { ...parsed.data, published: published instanceof Date ? published.toISOString().slice(0, 10) : published };
}

interface PendingRelation {
  file: string;
  from: SeedEntity;
  raw: unknown;
  index: number;
}

function readEntities(files: SeedFile[], problems: Problems) {
  const entities: SeedEntity[] = [];
  const pendingRelations: PendingRelation[] = [];
  const seenIn = new Map<string, string>();
  for (const file of files) {
    if (file.name === SOURCE_FILE || file.name === SALARY_FILE) continue;
    const parsed = entityFileShape.safeParse(file.content);
    if (!parsed.success) {
      problems.addZod(file.name, '(file)', parsed.error);
      continue;
    }
    const { kind } = parsed.data;
    if (!isEntityKind(kind)) {
      problems.add(file.name, '(file)', `unknown kind "${kind}"; expected one of ${ENTITY_KINDS.join(', ')}`);
      continue;
    }
    for (const [index, raw] of parsed.data.entities.entries()) {
      const entity = readEntity(file.name, kind, raw, index, problems);
      if (!entity) continue;
      const earlier = seenIn.get(entity.key);
      if (earlier) {
        problems.add(file.name, entity.key, `duplicate key; already defined in ${earlier}`);
        continue;
      }
      seenIn.set(entity.key, file.name);
      entities.push(entity);
      const relations = (raw as { relations?: unknown[] }).relations ?? [];
      relations.forEach((relation, i) => {
        pendingRelations.push({ file: file.name, from: entity, raw: relation, index: i });
      });
    }
  }
  return { entities, pendingRelations };
}

function readEntity(file: string, kind: EntityKind, raw: unknown, index: number, problems: Problems): SeedEntity | null {
  const label = (raw as { key?: unknown })?.key;
  const entry = typeof label === 'string' ? label : `entities[${index}]`;
  const parsed = entityShape.safeParse(raw);
  if (!parsed.success) {
    problems.addZod(file, entry, parsed.error);
    return null;
  }
  const { relations: _relations, yearsMin, yearsMax, ...fields } = parsed.data;
  if (kind === 'SENIORITY_LEVEL' && yearsMin === undefined) {
    problems.add(file, entry, 'a seniority level needs yearsMin');
  }
  if (yearsMin !== undefined && yearsMax != null && yearsMin > yearsMax) {
    problems.add(file, entry, `yearsMin ${yearsMin} is greater than yearsMax ${yearsMax}`);
  }
  return {
    ...fields,
    kind,
    aliases: [...new Set(fields.aliases.map((alias) => alias.toLowerCase()))],
    yearsMin: yearsMin ?? null,
    yearsMax: yearsMax ?? null,
  };
}

function checkRelations(pending: PendingRelation[], byKey: Map<string, SeedEntity>, problems: Problems): SeedRelation[] {
  const relations: SeedRelation[] = [];
  const seen = new Set<string>();
  for (const { file, from, raw, index } of pending) {
    const entry = `${from.key} relations[${index}]`;
    const parsed = relationShape.safeParse(raw);
    if (!parsed.success) {
      problems.addZod(file, entry, parsed.error);
      continue;
    }
    const { type, to, ...rest } = parsed.data;
    if (!isRelationType(type)) {
      problems.add(file, entry, `unknown relationship type "${type}"`);
      continue;
    }
    const target = byKey.get(to);
    if (!target) {
      problems.add(file, entry, `${type} points to missing key "${to}"`);
      continue;
    }
    if (to === from.key) {
      problems.add(file, entry, `${type} links ${to} to itself`);
      continue;
    }
    const spec = RELATION_SPECS[type];
    if (!(spec.from as readonly string[]).includes(from.kind) || !(spec.to as readonly string[]).includes(target.kind)) {
      problems.add(file, entry, `${type} cannot link a ${from.kind} to a ${target.kind}`);
      continue;
    }
    const id = `${type}|${from.key}|${to}`;
    if (seen.has(id)) {
      problems.add(file, entry, `duplicate relationship ${from.key} -${type}-> ${to}`);
      continue;
    }
    seen.add(id);
    relations.push({ type, from: from.key, to, ...rest });
  }
  return relations;
}

function readSalaries(files: SeedFile[], byKey: Map<string, SeedEntity>, problems: Problems): SeedSalary[] {
  const file = files.find((candidate) => candidate.name === SALARY_FILE);
  if (!file) return [];
  const parsedFile = salaryFileShape.safeParse(file.content);
  if (!parsedFile.success) {
    problems.addZod(file.name, '(file)', parsedFile.error);
    return [];
  }
  const salaries: SeedSalary[] = [];
  const seenKeys = new Set<string>();
  for (const [index, raw] of parsedFile.data.salaries.entries()) {
    const entry = `salaries[${index}]`;
    const parsed = salaryShape.safeParse(raw);
    if (!parsed.success) {
      problems.addZod(file.name, entry, parsed.error);
      continue;
    }
    const salary = parsed.data;
    const before = problems.list.length;
    if (!byKey.has(salary.appliesTo)) problems.add(file.name, entry, `appliesTo points to missing key "${salary.appliesTo}"`);
    if (!(CURRENCIES as readonly string[]).includes(salary.currency)) {
      problems.add(file.name, entry, `unknown currency "${salary.currency}"; expected one of ${CURRENCIES.join(', ')}`);
    } else if (CURRENCY_BY_REGION[salary.region] !== salary.currency) {
      problems.add(file.name, entry, `currency ${salary.currency} does not match region ${salary.region}`);
    }
    if (salary.min > salary.max) problems.add(file.name, entry, `min ${salary.min} is greater than max ${salary.max}`);
    if (salary.typical !== null && (salary.typical < salary.min || salary.typical > salary.max)) {
      problems.add(file.name, entry, `typical ${salary.typical} lies outside ${salary.min}..${salary.max}`);
    }
    const key = `${salary.appliesTo}-${salary.region}-${salary.period}`.toLowerCase();
    if (seenKeys.has(key))
      problems.add(file.name, entry, `duplicate range for ${salary.appliesTo} in ${salary.region} per ${salary.period}`);
    seenKeys.add(key);
    if (problems.list.length === before) salaries.push({ ...salary, key });
  }
  return salaries;
}
