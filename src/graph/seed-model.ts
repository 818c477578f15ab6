import type { Basis, EntityKind, PayPeriod, Region, RelationType, Scope } from './vocabulary.js';

/** The validated seed, ready to write. Shapes mirror the YAML files in seed/data/. */
export interface SeedRelation {
  type: RelationType;
  from: string;
  to: string;
  basis: Basis;
  scope: Scope;
  evidence: string;
  section: string;
}

export interface SeedEntity {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  summary: string;
  sections: string[];
  yearsMin: number | null;
  yearsMax: number | null;
}

export interface SeedSalary {
  key: string;
  appliesTo: string;
  region: Region;
  currency: string;
  period: PayPeriod;
  min: number;
  max: number;
  typical: number | null;
  section: string;
}

export interface SeedSource {
  title: string;
  author: string;
  published: string;
}

export interface Seed {
  source: SeedSource;
  entities: SeedEntity[];
  relations: SeedRelation[];
  salaries: SeedSalary[];
}

/** One parsed YAML file, before validation. */
export interface SeedFile {
  name: string;
  content: unknown;
}

export interface SeedProblem {
  file: string;
  entry: string;
  problem: string;
}

export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(`The seed has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.file} > ${p.entry}: ${p.problem}`).join('\n')}`);
  }
}
