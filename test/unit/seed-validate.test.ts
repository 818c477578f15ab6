import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type SeedFile, type SeedProblem, SeedValidationError } from '../../src/graph/seed-model.js';
import { loadSeedData, readSeedFiles } from '../../src/seed/files.js';
import { validateSeed } from '../../src/seed/validate.js';

/**
 * validateSeed must report every problem at once, each naming the file, the entry and what is
 * wrong. Each test breaks one thing in a small valid seed and expects exactly that one problem,
 * so a cascade of follow-on problems (or a silent pass) fails the test.
 */

type Raw = Record<string, unknown>;

/** A minimal valid seed: a language, a framework written in it, a seniority level with a salary. */
function baseline() {
  const source: Raw = { title: 'What is a Backend Developer?', author: 'Someone', published: '2024-09-09' };
  const python: Raw = { key: 'python', name: 'Python', aliases: ['Py'], summary: 'A general-purpose language.', sections: ['Languages'] };
  const writtenIn: Raw = { type: 'WRITTEN_IN', to: 'python', basis: 'STATED', evidence: 'Django targets Python.', section: 'Frameworks' };
  const django: Raw = { key: 'django', name: 'Django', summary: 'A web framework.', sections: ['Frameworks'], relations: [writtenIn] };
  const senior: Raw = { key: 'senior', name: 'Senior', yearsMin: 5, summary: 'An experienced developer.', sections: ['Senior'] };
  const salary: Raw = {
    appliesTo: 'senior',
    region: 'US',
    currency: 'USD',
    period: 'YEAR',
    min: 110000,
    max: 150000,
    typical: null,
    section: 'Salaries in the US',
  };
  const languages: Raw = { kind: 'LANGUAGE', entities: [python] };
  const frameworks: Raw = { kind: 'FRAMEWORK', entities: [django] };
  const levels: Raw = { kind: 'SENIORITY_LEVEL', entities: [senior] };
  const salaries: Raw = { salaries: [salary] };
  const files: SeedFile[] = [
    { name: 'source.yaml', content: source },
    { name: 'languages.yaml', content: languages },
    { name: 'frameworks.yaml', content: frameworks },
    { name: 'seniority-levels.yaml', content: levels },
    { name: 'salaries.yaml', content: salaries },
  ];
  // The parts are returned so a test can break one of them in place.
  return { files, source, python, django, writtenIn, senior, salary, languages, frameworks, levels, salaries };
}

const problemsOf = (files: SeedFile[]): SeedProblem[] => validateSeed(files).problems;

/** Exactly one problem, in `file`, at `entry`, whose text matches `problem`. */
function expectOnly(files: SeedFile[], file: string, entry: string, problem: string | RegExp) {
  expect(problemsOf(files)).toEqual([
    { file, entry, problem: typeof problem === 'string' ? expect.stringContaining(problem) : expect.stringMatching(problem) },
  ]);
}

describe('validateSeed', () => {
  it('accepts the baseline and returns the normalised seed', () => {
    const { seed, problems } = validateSeed(baseline().files);
    expect(problems).toEqual([]);
    expect(seed.source).toEqual({ title: 'What is a Backend Developer?', author: 'Someone', published: '2024-09-09' });
    expect(seed.entities.map((e) => [e.key, e.kind])).toEqual([
      ['python', 'LANGUAGE'],
      ['django', 'FRAMEWORK'],
      ['senior', 'SENIORITY_LEVEL'],
    ]);
    // Aliases are lowercased; missing optional fields become explicit defaults.
    expect(seed.entities[0]).toMatchObject({ aliases: ['py'], yearsMin: null, yearsMax: null });
    expect(seed.entities[1]?.aliases).toEqual([]);
    expect(seed.entities[2]).toMatchObject({ yearsMin: 5, yearsMax: null });
    expect(seed.relations).toEqual([
      {
        type: 'WRITTEN_IN',
        from: 'django',
        to: 'python',
        basis: 'STATED',
        scope: 'ENTITY',
        evidence: 'Django targets Python.',
        section: 'Frameworks',
      },
    ]);
    expect(seed.salaries).toEqual([expect.objectContaining({ key: 'senior-us-year', appliesTo: 'senior', min: 110000, max: 150000 })]);
  });

  it('reports a key defined in two files, naming the later file and the earlier one', () => {
    const seed = baseline();
    (seed.frameworks.entities as Raw[]).push({ ...seed.python, key: 'python' });
    expectOnly(seed.files, 'frameworks.yaml', 'python', 'duplicate key; already defined in languages.yaml');
  });

  it('reports an unknown kind on the file', () => {
    const seed = baseline();
    seed.files.push({
      name: 'gadgets.yaml',
      content: { kind: 'GADGET', entities: [{ key: 'toaster', name: 'Toaster', summary: 'x', sections: ['y'] }] },
    });
    expectOnly(seed.files, 'gadgets.yaml', '(file)', 'unknown kind "GADGET"');
  });

  it('reports an unknown relationship type', () => {
    const seed = baseline();
    seed.writtenIn.type = 'IMPLEMENTED_IN';
    expectOnly(seed.files, 'frameworks.yaml', 'django relations[0]', 'unknown relationship type "IMPLEMENTED_IN"');
  });

  it('reports a relationship to a key that does not exist', () => {
    const seed = baseline();
    seed.writtenIn.to = 'ruby';
    expectOnly(seed.files, 'frameworks.yaml', 'django relations[0]', 'WRITTEN_IN points to missing key "ruby"');
  });

  it('reports a relationship between kinds the vocabulary does not allow', () => {
    const seed = baseline();
    // WRITTEN_IN goes from a FRAMEWORK to a LANGUAGE, not the other way round.
    seed.python.relations = [{ type: 'WRITTEN_IN', to: 'django', basis: 'STATED', evidence: 'Backwards.', section: 'Languages' }];
    expectOnly(seed.files, 'languages.yaml', 'python relations[0]', 'WRITTEN_IN cannot link a LANGUAGE to a FRAMEWORK');
  });

  it('reports the same relationship listed twice', () => {
    const seed = baseline();
    (seed.django.relations as Raw[]).push({ ...seed.writtenIn, evidence: 'Said again.' });
    expectOnly(seed.files, 'frameworks.yaml', 'django relations[1]', 'duplicate relationship django -WRITTEN_IN-> python');
  });

  it('reports a missing summary', () => {
    const seed = baseline();
    delete seed.django.summary;
    expectOnly(seed.files, 'frameworks.yaml', 'django', /^summary: /);
  });

  it('reports a blank summary', () => {
    const seed = baseline();
    seed.django.summary = '   ';
    expectOnly(seed.files, 'frameworks.yaml', 'django', 'summary: must not be empty');
  });

  it('reports empty evidence on a relationship', () => {
    const seed = baseline();
    seed.writtenIn.evidence = '';
    expectOnly(seed.files, 'frameworks.yaml', 'django relations[0]', 'evidence: must not be empty');
  });

  it('reports a salary whose min is above its max', () => {
    const seed = baseline();
    Object.assign(seed.salary, { min: 150000, max: 110000 });
    expectOnly(seed.files, 'salaries.yaml', 'salaries[0]', 'min 150000 is greater than max 110000');
  });

  it('reports an unknown currency', () => {
    const seed = baseline();
    seed.salary.currency = 'EUR';
    expectOnly(seed.files, 'salaries.yaml', 'salaries[0]', 'unknown currency "EUR"');
  });

  it('reports a currency that does not match the region', () => {
    const seed = baseline();
    seed.salary.region = 'CANADA';
    expectOnly(seed.files, 'salaries.yaml', 'salaries[0]', 'currency USD does not match region CANADA');
  });

  it('reports a salary for a key that does not exist', () => {
    const seed = baseline();
    seed.salary.appliesTo = 'principal';
    expectOnly(seed.files, 'salaries.yaml', 'salaries[0]', 'appliesTo points to missing key "principal"');
  });

  it('reports two ranges for the same entity, region and period', () => {
    const seed = baseline();
    (seed.salaries.salaries as Raw[]).push({ ...seed.salary, min: 120000 });
    expectOnly(seed.files, 'salaries.yaml', 'salaries[1]', 'duplicate range for senior in US per YEAR');
  });

  it('reports a relationship from an entity to itself', () => {
    const seed = baseline();
    seed.senior.relations = [{ type: 'MENTORS', to: 'senior', basis: 'STATED', evidence: 'Loops.', section: 'Senior' }];
    expectOnly(seed.files, 'seniority-levels.yaml', 'senior relations[0]', 'MENTORS links senior to itself');
  });

  // Objects are strict: a misspelt field must not be silently ignored.
  it.each([
    ['source file', 'source.yaml', '(source)', (s: ReturnType<typeof baseline>) => Object.assign(s.source, { url: 'x' })],
    ['entity file', 'frameworks.yaml', '(file)', (s: ReturnType<typeof baseline>) => Object.assign(s.frameworks, { kinds: 'x' })],
    ['salary file', 'salaries.yaml', '(file)', (s: ReturnType<typeof baseline>) => Object.assign(s.salaries, { notes: 'x' })],
    ['entity', 'frameworks.yaml', 'django', (s: ReturnType<typeof baseline>) => Object.assign(s.django, { summery: 'x' })],
    [
      'relationship',
      'frameworks.yaml',
      'django relations[0]',
      (s: ReturnType<typeof baseline>) => Object.assign(s.writtenIn, { summery: 'x' }),
    ],
    ['salary', 'salaries.yaml', 'salaries[0]', (s: ReturnType<typeof baseline>) => Object.assign(s.salary, { summery: 'x' })],
  ])('reports an unknown key in a %s', (_what, file, entry, breakIt) => {
    const seed = baseline();
    breakIt(seed);
    expectOnly(seed.files, file, entry, /unrecognized key.*"(url|kinds|notes|summery)"/i);
  });

  it.each(['Node_JS', 'NodeJS', 'node js', 'node--js', '-node', 'node-', ''])('rejects the key slug %j', (key) => {
    const seed = baseline();
    (seed.frameworks.entities as Raw[]).push({ key, name: 'Node', summary: 'A runtime.', sections: ['Languages'] });
    expectOnly(seed.files, 'frameworks.yaml', key, 'key: must be a lowercase slug');
  });

  it('reports every problem in every file at once', () => {
    const seed = baseline();
    seed.source.title = '';
    seed.writtenIn.evidence = ' ';
    seed.salary.currency = 'EUR';
    seed.files.push({ name: 'gadgets.yaml', content: { kind: 'GADGET', entities: [] } });
    const problems = problemsOf(seed.files);
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'source.yaml', entry: '(source)', problem: expect.stringContaining('title: must not be empty') },
        { file: 'gadgets.yaml', entry: '(file)', problem: expect.stringContaining('unknown kind "GADGET"') },
        { file: 'frameworks.yaml', entry: 'django relations[0]', problem: expect.stringContaining('evidence: must not be empty') },
        { file: 'salaries.yaml', entry: 'salaries[0]', problem: expect.stringContaining('unknown currency "EUR"') },
      ]),
    );
    // The error thrown by the loader lists them all in its message too.
    const message = new SeedValidationError(problems).message;
    for (const p of problems) expect(message).toContain(`${p.file} > ${p.entry}: ${p.problem}`);
  });

  it('reports a missing source.yaml', () => {
    const seed = baseline();
    expectOnly(
      seed.files.filter((f) => f.name !== 'source.yaml'),
      'source.yaml',
      '(file)',
      'missing',
    );
  });
});

describe('readSeedFiles', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('turns a file that is not valid YAML into a problem naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-validate-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'good.yaml'), 'kind: LANGUAGE\nentities: []\n');
    writeFileSync(join(dir, 'broken.yaml'), 'kind: LANGUAGE\nentities: [unclosed\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a seed file: [');
    const { files, problems } = readSeedFiles(dir);
    expect(files.map((f) => f.name)).toEqual(['good.yaml']);
    expect(problems).toEqual([{ file: 'broken.yaml', entry: '(file)', problem: expect.stringContaining('not valid YAML') }]);
    // loadSeedData must refuse such a directory and name the broken file.
    expect(() => loadSeedData(dir)).toThrowError(SeedValidationError);
    expect(() => loadSeedData(dir)).toThrowError(/broken\.yaml > \(file\): not valid YAML/);
  });
});

describe('the real seed', () => {
  it('validates with no problems', () => {
    const seed = loadSeedData();
    expect(seed.entities.length).toBeGreaterThan(0);
    expect(seed.relations.length).toBeGreaterThan(0);
    expect(seed.salaries.length).toBeGreaterThan(0);
  });
});
