import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BackupError } from '../../src/backup/errors.js';
import { exportGraph } from '../../src/backup/export.js';
import { importGraph } from '../../src/backup/import.js';
import { validateBackupFile } from '../../src/backup/validate.js';
import type { Graph } from '../../src/graph/database.js';
import { loadSeed } from '../../src/seed/load.js';
import { testGraph } from '../helpers/test-graph.js';

/**
 * `npm run export` / `npm run import` against the tier's seeded Neo4j. Every test that writes
 * ends with the graph as it found it (an import of the first export), and afterAll restores it
 * from that export, or from the seed, if a failure left it otherwise.
 */

const run = promisify(execFile);
type Props = [string, string, unknown][];

interface Snapshot {
  hash: string;
  byLabel: Record<string, number>;
  byType: Record<string, number>;
}

/**
 * The graph as one hash, computed without src/backup: every node but the version token (labels
 * and typed properties) and every relationship (type, ends by key or id, typed properties).
 * Property types come from Cypher, so an integer turned float (2 vs 2.0) changes the hash, and
 * integers are read as strings, so one beyond 2^53 is compared exactly.
 */
const TYPED = (x: string) =>
  `[k IN keys(${x}) | [k, valueType(${x}[k]), CASE
     WHEN valueType(${x}[k]) STARTS WITH 'INTEGER' THEN toString(${x}[k])
     WHEN valueType(${x}[k]) STARTS WITH 'LIST<INTEGER' THEN [i IN ${x}[k] | toString(i)]
     ELSE ${x}[k] END]]`;

async function snapshot(graph: Graph): Promise<Snapshot> {
  const nodes = await graph.read<{ labels: string[]; props: Props }>(
    `MATCH (n) WHERE NOT n:GraphMeta RETURN labels(n) AS labels, ${TYPED('n')} AS props`,
    {},
  );
  const links = await graph.read<{ type: string; from: unknown; to: unknown; props: Props }>(
    `MATCH (a)-[r]->(b) RETURN type(r) AS type, [labels(a), coalesce(a.key, a.id)] AS from, [labels(b), coalesce(b.key, b.id)] AS to, ${TYPED('r')} AS props`,
    {},
  );
  const sortProps = (props: Props) => props.toSorted(([a], [b]) => a.localeCompare(b));
  const lines = [
    ...nodes.map((n) => JSON.stringify(['node', n.labels.toSorted(), sortProps(n.props)])),
    ...links.map((l) => JSON.stringify(['link', l.type, l.from, l.to, sortProps(l.props)])),
  ].sort();
  const byLabel: Record<string, number> = {};
  for (const label of nodes.flatMap((n) => n.labels)) byLabel[label] = (byLabel[label] ?? 0) + 1;
  const byType: Record<string, number> = {};
  for (const { type } of links) byType[type] = (byType[type] ?? 0) + 1;
  return { hash: createHash('sha256').update(lines.join('\n')).digest('hex'), byLabel, byType };
}

const nodeCount = async (graph: Graph) =>
  Number((await graph.read<{ count: number }>('MATCH (n) WHERE NOT n:GraphMeta RETURN count(n) AS count', {}))[0]?.count);

const graphVersion = async (graph: Graph) =>
  (await graph.read<{ version: string | null }>("OPTIONAL MATCH (m:GraphMeta {key: 'graph'}) RETURN m.version AS version", {}))[0]?.version;

describe('backups: export and import', () => {
  let graph: Graph;
  let dir: string;
  let original: Snapshot;
  /** The seeded graph, exported once; later tests derive their files from it. */
  let backup: string;
  let lines: string[];

  beforeAll(async () => {
    graph = testGraph(20_000);
    dir = mkdtempSync(join(tmpdir(), 'kg-backup-'));
    original = await snapshot(graph);
    backup = join(dir, 'graph.jsonl');
    await exportGraph(graph, backup);
    lines = readFileSync(backup, 'utf8').trimEnd().split('\n');
  });

  afterAll(async () => {
    try {
      if ((await snapshot(graph)).hash !== original.hash) {
        await importGraph(graph, backup, { force: true }).catch(() => loadSeed(graph, { reset: true }));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await graph.driver.close();
    }
  });

  /** A copy of the export with `edit` applied to its lines. */
  function edited(name: string, edit: (lines: string[]) => string[]): string {
    const path = join(dir, name);
    writeFileSync(path, `${edit([...lines]).join('\n')}\n`);
    return path;
  }

  const lineOf = (predicate: (entry: Record<string, unknown>) => boolean) => {
    const index = lines.findIndex((line, i) => i > 0 && predicate(JSON.parse(line)));
    if (index < 0) throw new Error('test setup: no such line');
    return index;
  };

  it('writes a versioned header, every node before every link, and an end line with the counts', async () => {
    expect(JSON.parse(lines[0] as string)).toEqual({
      format: 'backend-knowledge-graph-backup',
      version: 1,
      exportedAt: expect.any(String),
    });
    const entries = lines.slice(1).map((line) => JSON.parse(line) as { t: string; labels?: string[] });
    const kinds = entries.map((entry) => entry.t);
    const nodes = kinds.filter((t) => t === 'node').length;
    const links = kinds.filter((t) => t === 'link').length;
    expect(kinds).toEqual([...Array(nodes).fill('node'), ...Array(links).fill('link'), 'end']);
    expect(entries.at(-1)).toEqual({ t: 'end', nodes, links });
    expect(nodes).toBe(await nodeCount(graph));
    expect(links).toBe(Object.values(original.byType).reduce((a, b) => a + b, 0));
    // Integers stay plain JSON numbers; the salary figures are integers in the graph.
    const salary = entries.find((entry) => entry.labels?.includes('SalaryRange')) as unknown as { props: Record<string, unknown> };
    expect(Number.isInteger(salary.props.min)).toBe(true);
  });

  it('round-trips the graph exactly, with integers, floats, big integers and lists intact, and bumps the graph version', {
    timeout: 90_000,
  }, async () => {
    // A node with every value shape the format carries; Change is a label a backup holds.
    await graph.writeTransaction((run) =>
      run(
        `CREATE (:Change {id: 'backup-fidelity', whole: 2.0, half: 0.5, big: 1152921504606846977, floats: [1.0, 2.5], ints: [1, 2],
                          empty: [], text: 'naïve “quotes”\nand a newline', flag: false})`,
        {},
      ),
    );
    try {
      const before = await snapshot(graph);
      const file = join(dir, 'fidelity.jsonl');
      await exportGraph(graph, file);
      const version = await graphVersion(graph);
      const result = await importGraph(graph, file, { force: true, batchSize: 40 });
      expect(result.completed).toBe(true);
      const after = await snapshot(graph);
      expect(after.byLabel).toEqual(before.byLabel);
      expect(after.byType).toEqual(before.byType);
      expect(after.hash).toBe(before.hash);
      expect(await graphVersion(graph)).not.toBe(version);
      expect(existsSync(`${file}.checkpoint`)).toBe(false);
    } finally {
      await graph.writeTransaction((run) => run("MATCH (c:Change {id: 'backup-fidelity'}) DELETE c", {}));
    }
    expect(await snapshot(graph)).toEqual(original);
  });

  it('refuses a non-empty store without force and changes nothing', async () => {
    const error = await importGraph(graph, backup).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).code).toBe('STORE_NOT_EMPTY');
    expect((error as Error).message).toMatch(/--force/);
    expect(await snapshot(graph)).toEqual(original);
    expect(existsSync(`${backup}.checkpoint`)).toBe(false);
  });

  const entity = (key: string) => (entry: Record<string, unknown>) =>
    entry.t === 'node' && (entry.props as { key?: string }).key === key && (entry.labels as string[]).includes('Entity');
  const linkOf = (type: string) => (entry: Record<string, unknown>) => entry.t === 'link' && entry.type === type;

  const BAD_FILES: { name: string; edit: (lines: string[]) => string[]; message: () => RegExp }[] = [
    {
      name: 'an unknown format version',
      edit: (l) => [l[0]?.replace('"version":1', '"version":99') as string, ...l.slice(1)],
      message: () => /line 1: unknown format version 99 \(this build reads version 1\)/,
    },
    {
      name: 'an unknown entity kind',
      edit: (l) => l.map((line, i) => (i === lineOf(entity('docker')) ? line.replace('"kind":"SERVER_TOOL"', '"kind":"WIZARD"') : line)),
      message: () => new RegExp(`line ${lineOf(entity('docker')) + 1} \\(node Entity 'docker'\\): unknown entity kind "WIZARD"`),
    },
    {
      name: 'an unknown relationship type',
      edit: (l) => l.map((line, i) => (i === lineOf(linkOf('USES')) ? line.replace('"type":"USES"', '"type":"LOVES"') : line)),
      message: () =>
        new RegExp(
          `line ${lineOf(linkOf('USES')) + 1} \\(link LOVES Entity:backend-developer -> Entity:.+\\): unknown relationship type LOVES`,
        ),
    },
    {
      name: 'a dangling link',
      edit: (l) =>
        l.map((line, i) =>
          i === lineOf(linkOf('USES')) ? line.replace(/"to":\["Entity","[^"]+"\]/, '"to":["Entity","no-such-key"]') : line,
        ),
      message: () =>
        new RegExp(`line ${lineOf(linkOf('USES')) + 1} \\(link USES .+\\): dangling link: Entity 'no-such-key' is not in the file`),
    },
    {
      name: 'a malformed JSON line',
      edit: (l) => l.map((line, i) => (i === 5 ? line.slice(0, 30) : line)),
      message: () => /line 6: not a JSON object \(malformed line\)/,
    },
    {
      name: 'a duplicate key',
      edit: (l) => [...l.slice(0, 3), l[2] as string, ...l.slice(3)],
      message: () => /line 4 \(node \w+ '[^']+'\): duplicate key \(first on line 3\)/,
    },
    {
      name: 'a file cut short',
      edit: (l) => l.slice(0, -20),
      message: () => /the file ends without its end line: it was cut short/,
    },
  ];

  it.each(BAD_FILES)('refuses $name, naming the entry, and changes nothing (even with force)', async ({ name, edit, message }) => {
    const file = edited(`${name.replaceAll(' ', '-')}.jsonl`, edit);
    const error = await importGraph(graph, file, { force: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).code).toBe('BAD_BACKUP_FILE');
    expect((error as Error).message).toMatch(message());
    expect((error as Error).message).toMatch(/nothing was changed/);
    expect(await snapshot(graph)).toEqual(original);
    expect(existsSync(`${file}.checkpoint`)).toBe(false);
  });

  it('resumes an interrupted import from its checkpoint and ends with the exact graph', { timeout: 90_000 }, async () => {
    const stopped = await importGraph(graph, backup, { force: true, batchSize: 50, stopAfterBatches: 2 });
    expect(stopped.completed).toBe(false);
    const saved = readFileSync(`${backup}.checkpoint`, 'utf8');
    const checkpoint = JSON.parse(saved);
    expect(checkpoint).toMatchObject({ line: 101, nodes: 100, links: 0 });
    expect(await nodeCount(graph)).toBe(100);
    expect((await snapshot(graph)).byType).toEqual({});

    // Had anyone written to the store since (its graph version moved), resuming is refused, even
    // with the counts as the checkpoint says.
    writeFileSync(`${backup}.checkpoint`, JSON.stringify({ ...checkpoint, graphVersion: 'written-since' }));
    const refused = await importGraph(graph, backup, { batchSize: 50 }).catch((caught: unknown) => caught);
    expect((refused as BackupError).code).toBe('BAD_CHECKPOINT');
    expect((refused as Error).message).toMatch(/graph version changed/);
    expect(await nodeCount(graph)).toBe(100);
    writeFileSync(`${backup}.checkpoint`, saved);

    const resumed = await importGraph(graph, backup, { batchSize: 50 });
    expect(resumed).toMatchObject({ completed: true, resumedAfterLine: 101 });
    expect(await snapshot(graph)).toEqual(original);
    expect(existsSync(`${backup}.checkpoint`)).toBe(false);
  });

  it('refuses a leftover checkpoint whose counts the store does not hold (nothing committed, a full store), changing nothing', async () => {
    const { fingerprint } = await validateBackupFile(backup);
    writeFileSync(`${backup}.checkpoint`, JSON.stringify({ fingerprint, line: 1, nodes: 0, links: 0, inFlight: { nodes: 50, links: 0 } }));
    try {
      const error = await importGraph(graph, backup).catch((caught: unknown) => caught);
      expect((error as BackupError).code).toBe('BAD_CHECKPOINT');
      expect((error as Error).message).toMatch(/nothing was changed/);
      expect(await snapshot(graph)).toEqual(original);
    } finally {
      rmSync(`${backup}.checkpoint`, { force: true });
    }
  });

  it('refuses a checkpoint written for another export, changing nothing', async () => {
    writeFileSync(`${backup}.checkpoint`, JSON.stringify({ fingerprint: 'another export', line: 60, nodes: 59, links: 0 }));
    try {
      const error = await importGraph(graph, backup).catch((caught: unknown) => caught);
      expect((error as BackupError).code).toBe('BAD_CHECKPOINT');
      expect(await snapshot(graph)).toEqual(original);
    } finally {
      rmSync(`${backup}.checkpoint`, { force: true });
    }
  });

  it('runs as a CLI: export, import --force, and exit code 1 naming the line on a bad file', { timeout: 120_000 }, async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, [inject('bundles').backup, ...args], {
        env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NODE_ENV: 'test' },
      });
    const file = join(dir, 'cli.jsonl');
    const bad = edited('cli-bad.jsonl', (l) => [l[0]?.replace('"version":1', '"version":7') as string, ...l.slice(1)]);
    // The bad file is refused before any connection is made, so both can run at once.
    const [exported, failed] = await Promise.all([
      cli('export', '--out', file),
      cli('import', bad, '--force').then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      ),
    ]);
    expect(exported.stdout).toMatch(new RegExp(`Exported ${count(lines, 'node')} nodes and ${count(lines, 'link')} relationships`));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/BAD_BACKUP_FILE: .*nothing was changed[\s\S]*line 1: unknown format version 7/);

    const imported = await cli('import', file, '--force');
    expect(imported.stdout).toMatch(new RegExp(`Imported ${count(lines, 'node')} nodes and ${count(lines, 'link')} relationships`));
    expect(await snapshot(graph)).toEqual(original);
  });
});

const count = (lines: string[], t: string) => lines.filter((line) => line.startsWith(`{"t":"${t}"`)).length;
