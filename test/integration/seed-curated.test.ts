import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as curation from '../../src/graph/curation.js';
import type { Graph } from '../../src/graph/database.js';
import { SeedResetRefusedError } from '../../src/graph/seed-writer.js';
import { projectRoot } from '../../src/project-root.js';
import { loadSeed } from '../../src/seed/load.js';
import { testGraph } from '../helpers/test-graph.js';

/**
 * The seed never clobbers curated data: a reload keeps what curators edited, added or removed and
 * reports each as a conflict, and `--reset` refuses to wipe curated data without `--force`.
 * Curated writes go through src/graph/curation.ts as the API makes them; afterAll restores the
 * pristine seed (reset + force).
 */

const LINK = { from: 'django', to: 'python', type: 'WRITTEN_IN' } as const;
const LINK_TARGET = 'django WRITTEN_IN python';

/** `npm run seed` against the test Neo4j; resolves with its exit code and output. */
function seedCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [inject('bundles').seed, ...args], {
    cwd: projectRoot(),
    env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_STARTUP_WAIT_MS: '10000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

describe('the seed and curated data', () => {
  let graph: Graph;
  const summary = async (key: string) =>
    (
      await graph.read<{ summary: string; seeded: boolean }>(
        'MATCH (n:Entity {key: $key}) RETURN n.summary AS summary, n.seeded AS seeded',
        { key },
      )
    )[0];
  const link = async () =>
    graph.read<{ seeded: boolean; evidence: string }>(
      'MATCH (:Entity {key: $from})-[r:WRITTEN_IN]->(:Entity {key: $to}) RETURN r.seeded AS seeded, r.evidence AS evidence',
      LINK,
    );

  beforeAll(async () => {
    graph = testGraph(20_000);
  });

  afterAll(async () => {
    try {
      await loadSeed(graph, { reset: true, force: true });
    } finally {
      await graph.driver.close();
    }
  });

  it('keeps a curator’s edit of a seeded entity and a removed seeded link, and reports both', async () => {
    const seeded = await summary('django');
    expect(seeded?.seeded).toBe(true);
    await curation.updateEntity(graph, 'carol', 'django', 1, { summary: 'Curated summary of Django.' });
    await curation.unlinkEntities(graph, 'carol', LINK);
    const counts = await loadSeed(graph);
    expect(counts.conflicts).toEqual({
      keptEntities: ['django'],
      keptSalaries: [],
      keptLinks: [],
      removed: [LINK_TARGET],
      keptSources: [],
    });
    expect(await summary('django')).toEqual({ summary: 'Curated summary of Django.', seeded: false });
    expect(await link()).toEqual([]);
  });

  it('a reverted unlink is a curated link the seed then leaves alone', async () => {
    const [unlink] = await graph.read<{ id: string }>("MATCH (c:Change {op: 'UNLINK', target: $target}) RETURN c.id AS id", {
      target: LINK_TARGET,
    });
    await curation.revertChange(graph, 'root', unlink?.id ?? '');
    const counts = await loadSeed(graph);
    expect(counts.conflicts).toMatchObject({ keptLinks: [LINK_TARGET], removed: [] });
    expect(await link()).toEqual([{ seeded: false, evidence: expect.any(String) }]);
  });

  it('a seeded entity a curator deleted stays deleted', async () => {
    await curation.deleteEntity(graph, 'root', 'flask', 1);
    const counts = await loadSeed(graph);
    expect(counts.conflicts.removed).toEqual(['flask']);
    expect(await summary('flask')).toBeUndefined();
  });

  it('--reset refuses to wipe curated data and history, changing nothing; --force wipes it', async () => {
    const before = await graph.read('MATCH (n) RETURN count(n) AS nodes', {});
    const error = await loadSeed(graph, { reset: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedResetRefusedError);
    expect((error as Error).message).toMatch(/\(1 entities, 1 links, \d+ changes\).*--force/s);
    expect(await graph.read('MATCH (n) RETURN count(n) AS nodes', {})).toEqual(before);
  });

  it('npm run seed prints the conflicts; with --reset it refuses (exit 1) unless --force; unknown options exit 2', async () => {
    const [plain, refused, unknown] = await Promise.all([seedCli([]), seedCli(['--reset']), seedCli(['--reset', '--wipe-everything'])]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Conflicts with curated data (3), kept as curated:');
    expect(plain.stdout).toContain('entity django: edited or created by a curator');
    expect(plain.stdout).toContain(`link ${LINK_TARGET}: added by a curator`);
    expect(plain.stdout).toContain('entity flask: removed by a curator');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/curated data .* --reset would destroy.*--force/s);
    expect(refused.stdout).not.toContain('Seed loaded');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown option(s): --wipe-everything');
    expect(await summary('django')).toEqual({ summary: 'Curated summary of Django.', seeded: false });

    const forced = await seedCli(['--reset', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('(graph wiped first)');
    expect(forced.stdout).not.toContain('Conflicts');
    expect((await summary('django'))?.seeded).toBe(true);
    expect(await graph.read('MATCH (c:Change) RETURN count(c) AS n', {})).toEqual([{ n: 0 }]);
  }, 60_000);
});
