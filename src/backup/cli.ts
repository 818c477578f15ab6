import { ConfigError, loadConfig } from '../config.js';
import { type OpenGraph, openGraph, StartupError, waitForNeo4j } from '../graph/connect.js';
import { redactUri } from '../graph/driver.js';
import { LocalNeo4jError } from '../local-neo4j/process.js';
import { BackupError } from './errors.js';
import { exportGraph } from './export.js';
import { importGraph } from './import.js';
import { validateBackupFile } from './validate.js';

/**
 * `npm run export -- --out FILE` and `npm run import -- FILE [--force]` (README, "Backups").
 * Exit codes: 0 done, 1 a problem the operator can fix (bad file, non-empty store, Neo4j not
 * reachable; the message says which), 2 a usage mistake.
 */
const USAGE = 'Usage: npm run export -- --out FILE | npm run import -- FILE [--force]';
const EXPECTED = [ConfigError, StartupError, LocalNeo4jError, BackupError];

const [command, ...args] = process.argv.slice(2);

try {
  if (command === 'export') await runExport(parseExportArgs(args));
  else if (command === 'import') await runImport(parseImportArgs(args));
  else usage(`Unknown command ${JSON.stringify(command ?? '')}.`);
} catch (error) {
  if (!EXPECTED.some((type) => error instanceof type) && !isFileSystemError(error)) throw error;
  const code = error instanceof BackupError ? `${error.code}: ` : '';
  console.error(`${code}${(error as Error).message}`);
  process.exit(1);
}

/** A file that cannot be read or written (ENOENT, EACCES, ENOSPC): the operator's to fix, no stack trace needed. */
function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function usage(problem: string): never {
  console.error(`${problem} ${USAGE}`);
  process.exit(2);
}

function parseExportArgs(rest: string[]): { out: string } {
  const [flag, out, ...extra] = rest;
  if (flag !== '--out' || !out || extra.length > 0) usage('export takes exactly --out FILE.');
  return { out };
}

function parseImportArgs(rest: string[]): { file: string; force: boolean } {
  const files = rest.filter((arg) => !arg.startsWith('--'));
  const unknown = rest.filter((arg) => arg.startsWith('--') && arg !== '--force');
  if (files.length !== 1 || unknown.length > 0) usage('import takes one FILE and optionally --force.');
  return { file: files[0] as string, force: rest.includes('--force') };
}

async function runExport({ out }: { out: string }): Promise<void> {
  await withGraph(async (opened) => {
    const result = await exportGraph(opened.graph, out);
    console.log(`Exported ${result.nodes} nodes and ${result.links} relationships from ${redactUri(opened.uri)} to ${result.path}.`);
  });
}

async function runImport({ file, force }: { file: string; force: boolean }): Promise<void> {
  // Validate before starting or touching any database: a bad file changes nothing.
  const validated = await validateBackupFile(file);
  await withGraph(async (opened) => {
    const result = await importGraph(opened.graph, file, { force, validated, log: (line) => console.error(line) });
    const resumed = result.resumedAfterLine > 0 ? ` (resumed after line ${result.resumedAfterLine})` : '';
    console.log(`Imported ${validated.nodes} nodes and ${validated.links} relationships into ${redactUri(opened.uri)}${resumed}.`);
    console.log(formatTallies(validated.byLabel, validated.byType));
  });
}

async function withGraph(work: (opened: OpenGraph) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const opened = await openGraph(config, (line) => console.error(line));
  try {
    await waitForNeo4j(opened, config.NEO4J_STARTUP_WAIT_MS, (line) => console.error(line));
    await work(opened);
  } finally {
    await opened.close();
  }
}

function formatTallies(byLabel: Record<string, number>, byType: Record<string, number>): string {
  const lines = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `  ${name.padEnd(22)} ${count}`)
      .join('\n');
  return `Nodes by label:\n${lines(byLabel)}\nRelationships by type:\n${lines(byType)}`;
}
