import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Seed, type SeedFile, type SeedProblem, SeedValidationError } from '../graph/seed-model.js';
import { projectRoot } from '../project-root.js';
import { validateSeed } from './validate.js';

export const defaultSeedDir = () => join(projectRoot(), 'seed', 'data');

/** Reads every YAML file in `dir`; files that do not parse become problems, not crashes. */
export function readSeedFiles(dir: string): { files: SeedFile[]; problems: SeedProblem[] } {
  const files: SeedFile[] = [];
  const problems: SeedProblem[] = [];
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  for (const name of names) {
    try {
      files.push({ name, content: parse(readFileSync(join(dir, name), 'utf8')) });
    } catch (error) {
      problems.push({ file: name, entry: '(file)', problem: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  return { files, problems };
}

/** Reads and validates the seed; throws SeedValidationError listing every problem found. */
export function loadSeedData(dir = defaultSeedDir()): Seed {
  const read = readSeedFiles(dir);
  const { seed, problems } = validateSeed(read.files);
  const all = [...read.problems, ...problems];
  if (all.length > 0) throw new SeedValidationError(all);
  return seed;
}
